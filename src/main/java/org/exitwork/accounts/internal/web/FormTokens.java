package org.exitwork.accounts.internal.web;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.web.util.WebUtils;

/**
 * The form tokens (CSRF). Where a session exists (everyone signed in, and half-way through signing in) the
 * token is kept in it, as Spring Security keeps it. A page shown to nobody in particular (the sign-in page, the
 * first-run set-up) keeps it in a cookie of its own instead (Spring Security's double-submit cookie: HttpOnly,
 * {@code SameSite=Strict}, under https {@code __Host-} and {@code Secure}), so that showing it stores nothing:
 * before, every request for the sign-in page started a session, a stored row, and anyone could fill the session
 * table at one row a request. A request that would change something and comes without a session can carry no
 * valid token from a session, so none is kept for it (keeping one started a session too). Clearing the token
 * (signing in, signing out) clears both.
 */
final class FormTokens implements CsrfTokenRepository {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();
    private final CookieCsrfTokenRepository cookies = new CookieCsrfTokenRepository();
    private final String cookieName;

    /** @param secure whether the public address is https: the cookie is then {@code __Host-} and {@code Secure} */
    FormTokens(boolean secure) {
        cookieName = secure ? "__Host-exitwork-form" : "exitwork-form";
        cookies.setCookieName(cookieName);
        // The same names as the session's tokens: a form or a header carries either the same way.
        cookies.setParameterName("_csrf");
        cookies.setHeaderName("X-CSRF-TOKEN");
        cookies.setCookiePath("/");
        cookies.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Strict").secure(secure));
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return sessions.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        boolean inSession = request.getSession(false) != null;
        if (token == null) {
            if (inSession) {
                sessions.saveToken(null, request, response);
            }
            if (WebUtils.getCookie(request, cookieName) != null) {
                cookies.saveToken(null, request, response);
            }
            return;
        }
        if (inSession) {
            sessions.saveToken(token, request, response);
        } else if (SAFE_METHODS.contains(request.getMethod())) {
            cookies.saveToken(token, request, response);
        }
    }

    /**
     * The session's token; the cookie's only without a session or in a session that holds no sign-in (the passkey
     * ceremony's, before the password). A session someone is signed in to, even half-way, never takes the cookie's:
     * a form cookie left from before the sign-in (a client that kept it), or one planted by a neighbouring host
     * with a token made to match, would otherwise pass for the session's own until the session kept one.
     */
    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        CsrfToken kept = session == null ? null : sessions.loadToken(request);
        if (kept != null) {
            return kept;
        }
        if (session != null && session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) != null) {
            return null;
        }
        return cookies.loadToken(request);
    }
}
