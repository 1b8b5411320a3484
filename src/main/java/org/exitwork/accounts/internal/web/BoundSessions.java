package org.exitwork.accounts.internal.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.exitwork.accounts.internal.account.SessionsAsMade;
import org.exitwork.keys.SystemSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every session carries the system key's tag of its own id, written as it is made and again whenever its id
 * changes (signing in); a session whose tag does not name its id is ended before anything reads it. The
 * session's state is sealed ({@link SealedSessionAttributes}), but a sealed value is not tied to a row: with a
 * database write login one could copy a signed-in person's state into a session row of one's own (whose cookie
 * one knows) and be that person. The copied tag names the other session's id, so that row is ended.
 * Placed right after the session store's filter, before the session's first activity.
 */
final class BoundSessions extends SessionsAsMade {

    private static final Logger log = LoggerFactory.getLogger(BoundSessions.class);

    static final String BOUND_TO = "exitwork.bound-to";

    /** The system key's MAC, asked for at the first request (it is made or read in the database on first use). */
    private final SystemSecrets secrets;

    BoundSessions(SystemSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    protected void before(HttpServletRequest request) {
        HttpSession existing = request.getSession(false);
        if (existing != null && !existing.isNew() && !boundTo(existing, existing.getId())) {
            log.warn("A session whose stored state is not bound to its id was ended (written outside the application,"
                    + " or kept from before sessions were bound).");
            existing.invalidate();
        }
    }

    @Override
    protected void made(HttpSession session) {
        if (session.getAttribute(BOUND_TO) == null) {
            session.setAttribute(BOUND_TO, tag(session.getId()));
        }
    }

    @Override
    protected void idChanged(HttpSession session, String newId) {
        session.setAttribute(BOUND_TO, tag(newId));
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
