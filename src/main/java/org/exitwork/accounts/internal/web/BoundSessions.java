package org.exitwork.accounts.internal.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.exitwork.accounts.internal.account.SessionsAsMade;
import org.exitwork.keys.SystemSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.util.OnCommittedResponseWrapper;

/**
 * Every session carries the system key's tag of its own id, written as it is made and again whenever its id
 * changes (signing in); a session whose tag does not name its id is ended before anything reads it. The
 * session's state is sealed ({@link SealedSessionAttributes}), but a sealed value is not tied to a row: with a
 * database write login one could copy a signed-in person's state into a session row of one's own (whose cookie
 * one knows) and be that person. The copied tag names the other session's id, so that row is ended.
 *
 * <p>The tag names who the session is signed in as too (the sign-in's kind, name and authorities, or nobody):
 * each attribute is a row of its own, so a write login could otherwise keep the tag of a session of its own (an
 * anonymous one, such as the passkey ceremony's) and copy only a signed-in person's security context beside it.
 * The tag is written again at the end of every request whose session's sign-in changed, and as its answer is
 * committed (when the session store saves it the first time), before the session is stored. Placed right after the session store's filter, before the session's first activity.
 */
final class BoundSessions extends SessionsAsMade {

    private static final Logger log = LoggerFactory.getLogger(BoundSessions.class);

    static final String BOUND_TO = "exitwork.bound-to";

    /** The system key's MAC, asked for at the first request (it is made or read in the database on first use). */
    private final SystemSecrets secrets;

    BoundSessions(SystemSecrets secrets) {
        this.secrets = secrets;
    }

    /**
     * The request's note of what the session's tag was last found or made to name (its id and sign-in, as
     * {@link #subject} words it): at the answer's commit and at the request's end the tag is checked again only if
     * the session's id or sign-in differ from it, so an ordinary request computes the MAC once, not at each step.
     */
    private static final String KNOWN = BoundSessions.class.getName() + ".known";

    @Override
    protected void before(HttpServletRequest request) {
        HttpSession existing = request.getSession(false);
        if (existing == null || existing.isNew()) {
            return;
        }
        if (!boundTo(existing, existing.getId())) {
            log.warn("A session whose stored state is not bound to its id and its sign-in was ended (written outside"
                    + " the application, or kept from before sessions were bound).");
            existing.invalidate();
            return;
        }
        request.setAttribute(KNOWN, known(existing.getId(), signedIn(existing)));
    }

    @Override
    protected void made(HttpSession session) {
        if (session.getAttribute(BOUND_TO) == null) {
            session.setAttribute(BOUND_TO, tag(session.getId(), signedIn(session)));
        }
    }

    @Override
    protected void idChanged(HttpSession session, String newId) {
        session.setAttribute(BOUND_TO, tag(newId, signedIn(session)));
    }

    /**
     * The session store saves the session as soon as the answer is committed (a redirect, an error, a page flushed,
     * as the recovery codes are at the end of a sign-in), and a flushed answer reaches the browser, with the new
     * session cookie, before the request has ended: the tag is written first, so that the browser's next request,
     * which may come before this one ends, finds the session bound to its sign-in, not one to end.
     */
    @Override
    protected HttpServletResponse response(HttpServletRequest request, HttpServletResponse response) {
        return new OnCommittedResponseWrapper(response) {
            @Override
            protected void onResponseCommitted() {
                after(request);
            }
        };
    }

    /** At the request's end, before the session is stored: the tag names the sign-in the session now holds. */
    @Override
    protected void after(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        try {
            String id = session.getId();
            String signedIn = signedIn(session);
            String now = known(id, signedIn);
            if (now.equals(request.getAttribute(KNOWN))) {
                return;
            }
            if (!boundTo(session, id)) {
                session.setAttribute(BOUND_TO, tag(id, signedIn));
            }
            request.setAttribute(KNOWN, now);
        } catch (IllegalStateException invalidated) {
            // ended during the request: nothing to bind
        }
    }

    private boolean boundTo(HttpSession session, String id) {
        Object tag = session.getAttribute(BOUND_TO);
        if (!(tag instanceof String text)) {
            return false;
        }
        try {
            return secrets.mac().verifies(Base64.getDecoder().decode(text), subject(id, signedIn(session)));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** The tag of a session id and the sign-in it holds ({@link #signedIn}). */
    String tag(String id, String signedIn) {
        return Base64.getEncoder().encodeToString(secrets.mac().tag(subject(id, signedIn)));
    }

    /**
     * Who a session is signed in as, in words the tag covers: the sign-in's kind, name and authorities (sorted), or
     * empty for nobody. The same on every node for the same sign-in (no object identity, no set order).
     */
    static String signedIn(HttpSession session) {
        Object kept = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        Authentication who = kept instanceof SecurityContext context ? context.getAuthentication() : null;
        return signedIn(who);
    }

    static String signedIn(Authentication who) {
        if (who == null) {
            return "";
        }
        return who.getClass().getName() + "|" + who.getName() + "|" + who.isAuthenticated() + "|"
                + who.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted()
                        .collect(Collectors.joining(","));
    }

    private static String known(String id, String signedIn) {
        return id.length() + "|" + id + "|" + signedIn;
    }

    private static byte[] subject(String id, String signedIn) {
        return ("exitwork-session|" + id + "|" + signedIn.length() + "|" + signedIn).getBytes(StandardCharsets.UTF_8);
    }
}
