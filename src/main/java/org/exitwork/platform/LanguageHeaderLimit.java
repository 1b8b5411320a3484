package org.exitwork.platform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * A browser may list many languages in {@code Accept-Language}; the servlet container refuses to read more
 * than {@value #MOST} of them and throws instead, which made every page, sign-in and partner links included,
 * a 500 for such a browser. Before anything asks for the request's language, a header with more entries is
 * read here, its first {@value #MOST} entries only (the browser's most preferred come first), and the
 * container's is never asked. Every dispatch, the error page's included.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class LanguageHeaderLimit {

    /** The container's own limit (Tomcat's {@code maxLocaleCount}). */
    static final int MOST = 10;

    @Bean
    FilterRegistrationBean<Filter> firstLanguagesOnly() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(LanguageHeaderLimit::filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC,
                DispatcherType.FORWARD, DispatcherType.INCLUDE);
        return registration;
    }

    static void filter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && !(request instanceof FirstLanguages)) {
            // The container reads every Accept-Language header as one list.
            Enumeration<String> headers = http.getHeaders("Accept-Language");
            String header = headers == null || !headers.hasMoreElements() ? null
                    : String.join(",", Collections.list(headers));
            if (header != null && header.split(",", -1).length > MOST) {
                chain.doFilter(new FirstLanguages(http, header), response);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The request with the languages of its header's first entries, in the order of their weights. */
    static final class FirstLanguages extends HttpServletRequestWrapper {

        private final List<Locale> locales;

        FirstLanguages(HttpServletRequest request, String header) {
            super(request);
            this.locales = locales(header);
        }

        static List<Locale> locales(String header) {
            List<String> first = Arrays.asList(header.split(",", -1)).subList(0, MOST);
            List<Locale> found = new ArrayList<>();
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(String.join(",", first))) {
                    if (!range.getRange().equals("*")) {
                        Locale locale = Locale.forLanguageTag(range.getRange());
                        if (!locale.getLanguage().isEmpty()) {
                            found.add(locale);
                        }
                    }
                }
            } catch (IllegalArgumentException unreadable) {
                // Not a list of languages at all: as if the browser had named none.
                found.clear();
            }
            return found.isEmpty() ? List.of(Locale.getDefault()) : List.copyOf(found);
        }

        @Override
        public Locale getLocale() {
            return locales.get(0);
        }

        @Override
        public Enumeration<Locale> getLocales() {
            return Collections.enumeration(locales);
        }
    }
}
