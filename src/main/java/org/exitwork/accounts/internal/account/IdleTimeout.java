package org.exitwork.accounts.internal.account;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a person out after the idle time without anything they did. Requests a page makes by
 * itself, such as the alarm banner polling every 30 seconds, carry the header {@value #BACKGROUND}
 * and do not count: otherwise an open tab on a laptop left behind would stay signed in for ever.
 * The session store's own timeout cannot tell the two apart, because every request touches it.
 */
public class IdleTimeout extends OncePerRequestFilter {

    public static final String BACKGROUND = "X-Exitwork-Background";
    static final String LAST_ACTIVITY = "exitwork.last-activity";
    /** Writing the time on every click would rewrite the session row each time; once a minute is enough. */
    private static final long RESOLUTION_MILLIS = 60_000;

    private final Clock clock;
    private final Duration idle;

    public IdleTimeout(Clock clock, Duration idle) {
        this.clock = clock;
        this.idle = idle;
    }

    /**
     * Style sheets, scripts, icons, the web app manifest and the check-in's service worker are fetched by
     * the browser, several at once, not by a person;
     * writing the session for each raced on the first write of the time (two inserts of one attribute).
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
                || path.startsWith("/icons/") || path.startsWith("/favicon.") || path.equals("/manifest.webmanifest")
                || path.equals("/check-in-sw.js");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            long now = clock.millis();
            Object last = session.getAttribute(LAST_ACTIVITY);
            if (last instanceof Long then && now - then > idle.toMillis()) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                String target = request.getContextPath() + "/sign-in?timed-out";
                if (request.getHeader("HX-Request") != null) {
                    response.setHeader("HX-Redirect", target);
                    response.setStatus(HttpServletResponse.SC_OK);
                } else {
                    response.sendRedirect(target);
                }
                return;
            }
            boolean byAPerson = request.getHeader(BACKGROUND) == null;
            if (byAPerson && (!(last instanceof Long then) || now - then >= RESOLUTION_MILLIS)) {
                session.setAttribute(LAST_ACTIVITY, now);
            }
        }
        chain.doFilter(request, response);
    }
}
