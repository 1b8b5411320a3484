package org.exitwork.accounts.internal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

import org.exitwork.keys.SystemSecrets;
import org.exitwork.platform.StaticFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every session carries the system key's tag of its own id, written as it is made and again whenever its id
 * changes (signing in); a session whose tag does not name its id is ended before anything reads it. The
 * session's state is sealed ({@link SealedSessionAttributes}), but a sealed value is not tied to a row: with a
 * database write login one could copy a signed-in person's state into a session row of one's own (whose cookie
 * one knows) and be that person. The copied tag names the other session's id, so that row is ended.
 * Placed right after the session store's filter, like the session's first activity.
 */
final class BoundSessions implements Filter {

    private static final Logger log = LoggerFactory.getLogger(BoundSessions.class);

    static final String BOUND_TO = "exitwork.bound-to";

    /** The system key's MAC, asked for at the first request (it is made or read in the database on first use). */
    private final SystemSecrets secrets;

    BoundSessions(SystemSecrets secrets) {
        this.secrets = secrets;
    }

    // Every dispatch, like the session's first activity: an error page may make a session too.
    @Override
    public void doFilter(ServletRequest req, ServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(req instanceof HttpServletRequest request) || StaticFiles.isStatic(request)) {
            chain.doFilter(req, response);
            return;
        }
        HttpSession existing = request.getSession(false);
        if (existing != null && !existing.isNew() && !boundTo(existing, existing.getId())) {
            log.warn("A session whose stored state is not bound to its id was ended (written outside the application,"
                    + " or kept from before sessions were bound).");
            existing.invalidate();
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public HttpSession getSession(boolean create) {
                return bound(super.getSession(create));
            }

            @Override
            public HttpSession getSession() {
                return bound(super.getSession());
            }

            @Override
            public String changeSessionId() {
                String id = super.changeSessionId();
                super.getSession().setAttribute(BOUND_TO, tag(id));
                return id;
            }
        }, response);
    }

    private HttpSession bound(HttpSession session) {
        if (session != null && session.isNew() && session.getAttribute(BOUND_TO) == null) {
            session.setAttribute(BOUND_TO, tag(session.getId()));
        }
        return session;
    }

    private boolean boundTo(HttpSession session, String id) {
        Object tag = session.getAttribute(BOUND_TO);
        if (!(tag instanceof String text)) {
            return false;
        }
        try {
            return secrets.mac().verifies(Base64.getDecoder().decode(text), subject(id));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    String tag(String id) {
        return Base64.getEncoder().encodeToString(secrets.mac().tag(subject(id)));
    }

    private static byte[] subject(String id) {
        return ("exitwork-session|" + id).getBytes(StandardCharsets.UTF_8);
    }
}
