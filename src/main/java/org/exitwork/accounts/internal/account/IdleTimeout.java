package org.exitwork.accounts.internal.account;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.exitwork.platform.StaticFiles;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
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
    private final RequestMatcher partnerLinks;

    /** @param partnerLinks the addresses of the links handed to partners, which nobody signs in to use */
    public IdleTimeout(Clock clock, Duration idle, RequestMatcher partnerLinks) {
        this.clock = clock;
        this.idle = idle;
        this.partnerLinks = partnerLinks;
    }

    /**
     * Style sheets, scripts and icons are fetched by the browser, several at once, not by a person;
     * they have a filter chain of their own without any session ({@link StaticFiles}), and should one
     * come here all the same, it neither counts nor touches the session. A partner's link needs no
     * session either: a staff member's session that ran out in the same browser must not send the
     * link's answer or referral to the sign-in page (and lose it), nor may using the link keep that
     * session alive.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return StaticFiles.isStatic(request) || partnerLinks.matches(request);
    }

    /**
     * A new session starts with the time already written, in the request that creates it: later
     * requests of the session, which a browser sends several at once, then only update the time and
     * never both insert it (a duplicate key in the session store, a 500 for one of them). Placed right
     * after the session store's own filter, so that every creation of a session passes through it.
     */
    public static final class SessionStart extends SessionsAsMade {

        private final Clock clock;

        public SessionStart(Clock clock) {
            this.clock = clock;
        }

        @Override
        protected void made(HttpSession session) {
            if (session.getAttribute(LAST_ACTIVITY) == null) {
                session.setAttribute(LAST_ACTIVITY, clock.millis());
            }
        }
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
