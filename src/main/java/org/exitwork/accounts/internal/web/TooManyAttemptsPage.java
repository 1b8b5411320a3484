package org.exitwork.accounts.internal.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The calm answer to too many attempts: 429, {@code Retry-After}, and a page in the reader's language
 * that says how long to wait. Rendered straight from the template, without the layout: it touches no
 * session and no database, so answering a flood costs next to nothing. The security headers come from
 * the filter chain it is written in.
 */
@Component
class TooManyAttemptsPage {

    static final int STATUS = 429;

    private final ITemplateEngine templates;
    private final LocaleResolver locales;

    TooManyAttemptsPage(ITemplateEngine templates, LocaleResolver locales) {
        this.templates = templates;
        this.locales = locales;
    }

    void write(HttpServletRequest request, HttpServletResponse response, long seconds) throws IOException {
        Locale locale = locales.resolveLocale(request);
        var exchange = JakartaServletWebApplication.buildApplication(request.getServletContext())
                .buildExchange(request, response);
        WebContext context = new WebContext(exchange, locale);
        context.setVariable("minutes", Math.max(1, (seconds + 59) / 60));
        response.setStatus(STATUS);
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType("text/html;charset=UTF-8");
        templates.process("accounts/too-many-attempts", context, response.getWriter());
        response.flushBuffer();
    }
}
