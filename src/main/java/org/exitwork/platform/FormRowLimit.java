package org.exitwork.platform;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Forms with rows (the changes of a work agreement, the contacts of an emergency plan) bind
 * parameters such as {@code contacts[3].number}. A hand-made request with a row number far beyond
 * anything a form offers would make the binder build huge lists or fail deep inside; it is refused
 * here with 400 before any controller runs, so nothing is stored and nothing fails half-way.
 */
@Component
class FormRowLimit extends OncePerRequestFilter {

    /** Far more rows than any form shows. */
    static final int MAX_ROW = 200;
    private static final Pattern ROW = Pattern.compile("\\[([^\\]]*)\\]");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (String name : request.getParameterMap().keySet()) {
            Matcher row = ROW.matcher(name);
            while (row.find()) {
                if (!acceptable(row.group(1))) {
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean acceptable(String index) {
        if (index.isEmpty() || index.length() > 3 || !index.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(index) <= MAX_ROW;
    }
}
