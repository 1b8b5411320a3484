package org.exitwork.platform;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;

/**
 * No form field or query parameter may hold a NUL character: nobody types one, and PostgreSQL refuses it in
 * every text it stores or compares, which made any such field a 500 there (a user name at sign-in, a staff
 * member's name, ...). Such a request is answered 400, with the headers of every page, before anything reads
 * it; nothing is stored. Right after the character encoding is set (the parameters are read once, as UTF-8),
 * before the session and the sign-in. A form the container cannot read at all (too large) is answered here too
 * (see {@link #filter}). Not the partner API ({@code /api/}): it takes JSON alone, reads its
 * body byte for byte to check the signature, and answers everything else itself (a form body 415).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class NoNulCharacters {

    @Bean
    FilterRegistrationBean<Filter> nulRefused(PublicAddress address, MessageSource messages, LocaleResolver languages) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                (request, response, chain) -> filter(request, response, chain, address, messages, languages));
        // After the character encoding filter (Ordered.HIGHEST_PRECEDENCE), before the session's (+50).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /**
     * A request whose form the container could not read at all (a chunked body it cannot parse) goes on to the
     * error page, where every read of a parameter (the language, a hidden method, Spring Boot's error controller)
     * throws again: the error page failed and logged a stack trace of a hundred lines for each such request anybody
     * sends. On the error page such a request has no parameters, so the page is shown.
     */
    @Bean
    FilterRegistrationBean<Filter> unreadableFormOnTheErrorPage() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            boolean readable;
            try {
                request.getParameterMap();
                readable = true;
            } catch (InvalidParameterException unreadable) {
                readable = false;
            }
            if (readable) {
                chain.doFilter(request, response);
            } else {
                chain.doFilter(new jakarta.servlet.http.HttpServletRequestWrapper((HttpServletRequest) request) {
                    @Override
                    public String getParameter(String name) {
                        return null;
                    }

                    @Override
                    public Map<String, String[]> getParameterMap() {
                        return Map.of();
                    }

                    @Override
                    public java.util.Enumeration<String> getParameterNames() {
                        return java.util.Collections.emptyEnumeration();
                    }

                    @Override
                    public String[] getParameterValues(String name) {
                        return null;
                    }
                }, response);
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.ERROR);
        return registration;
    }

    static void filter(ServletRequest request, ServletResponse response, FilterChain chain, PublicAddress address,
            MessageSource messages, LocaleResolver languages) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (http.getRequestURI().startsWith(http.getContextPath() + "/api/")) {
            chain.doFilter(request, response);
            return;
        }
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (InvalidParameterException unreadable) {
            // A form over server.tomcat.max-http-form-post-size (or one the container cannot read): the container
            // throws again at every read, the error page's too, which then fails and logs two stack traces for
            // every such request anyone sends. Answered here, in words, with the page headers; nothing is read.
            HttpServletResponse answer = (HttpServletResponse) response;
            PageHeaders.write(answer, address);
            answer.setStatus(unreadable.getErrorCode() > 0 ? unreadable.getErrorCode() : HttpServletResponse.SC_BAD_REQUEST);
            answer.setContentType("text/plain;charset=UTF-8");
            answer.setHeader("Connection", "close");
            answer.getWriter().write(messages.getMessage(
                    answer.getStatus() == 413 ? "error.413" : "error.400", null, languages.resolveLocale(http)));
            return;
        }
        if (holdsNul(parameters)) {
            HttpServletResponse answer = (HttpServletResponse) response;
            PageHeaders.write(answer, address);
            answer.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean holdsNul(Map<String, String[]> parameters) {
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (parameter.getKey().indexOf('\u0000') >= 0) {
                return true;
            }
            for (String value : parameter.getValue()) {
                if (value != null && value.indexOf('\u0000') >= 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
