package org.exitwork.accounts.internal.web;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.exitwork.accounts.internal.signin.SignInLimits;
import org.exitwork.platform.ClientAddresses;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every anonymous form that checks a secret or starts costly work (the password, the second factor's
 * code, the first run) spends the client address's budget before anything else happens: no session is
 * read, no database asked, no audit entry written for a refused attempt. A flood from one address is
 * answered from memory and slows only that address. Sits in the filter chain right after the security
 * headers are set, so the refusal carries them like any page.
 */
final class SignInThrottle extends OncePerRequestFilter {

    static final Set<String> PATHS = Set.of("/sign-in", "/sign-in/code", "/sign-in/enrol", "/setup");

    private final SignInLimits limits;
    private final ClientAddresses addresses;
    private final TooManyAttemptsPage page;

    SignInThrottle(SignInLimits limits, ClientAddresses addresses, TooManyAttemptsPage page) {
        this.limits = limits;
        this.addresses = addresses;
        this.page = page;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod())
                && PATHS.contains(request.getRequestURI().substring(request.getContextPath().length()))) {
            long wait = limits.perAddress().take(addresses.of(request));
            if (wait > 0) {
                page.write(request, response, wait);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
