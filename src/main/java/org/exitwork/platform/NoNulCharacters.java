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

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * No form field or query parameter may hold a NUL character: nobody types one, and PostgreSQL refuses it in
 * every text it stores or compares, which made any such field a 500 there (a user name at sign-in, a staff
 * member's name, ...). Such a request is answered 400, with the headers of every page, before anything reads
 * it; nothing is stored. Right after the character encoding is set (the parameters are read once, as UTF-8),
 * before the session and the sign-in. Not the partner API ({@code /api/}): it takes JSON alone, reads its
 * body byte for byte to check the signature, and answers everything else itself (a form body 415).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class NoNulCharacters {

    @Bean
    FilterRegistrationBean<Filter> nulRefused(PublicAddress address) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                (request, response, chain) -> filter(request, response, chain, address));
        // After the character encoding filter (Ordered.HIGHEST_PRECEDENCE), before the session's (+50).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    static void filter(ServletRequest request, ServletResponse response, FilterChain chain, PublicAddress address)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (!http.getRequestURI().startsWith(http.getContextPath() + "/api/") && holdsNul(request.getParameterMap())) {
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
