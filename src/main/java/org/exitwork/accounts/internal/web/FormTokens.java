package org.exitwork.accounts.internal.web;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * The form tokens (CSRF), kept in the session as Spring Security keeps them, with one difference: a
 * request that would change something and comes without a session can carry no valid token, so it is
 * refused without a token being kept for it. Keeping one started a session, a stored row, for every such
 * request by anybody (a post to a staff address, a sign-out by nobody); a page that shows a form (a GET)
 * still starts its session as before.
 */
final class FormTokens implements CsrfTokenRepository {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return sessions.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (token != null && request.getSession(false) == null && !SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        sessions.saveToken(token, request, response);
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return sessions.loadToken(request);
    }
}
