package org.exitwork.accounts.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.SystemMac;
import org.exitwork.keys.SystemSecrets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.web.http.HeaderHttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * {@link BoundSessions} behind the real session store's filter, with a store in memory: what the store holds at every
 * moment another request can read it is bound to its id and its sign-in.
 */
class BoundSessionsTest {

    /** How many tags the MAC made or checked. */
    private static final java.util.concurrent.atomic.AtomicInteger MACS = new java.util.concurrent.atomic.AtomicInteger();

    /** The system MAC as the server's (HMAC-SHA256), with a key of the test's own. */
    private static final SystemSecrets SECRETS = new SystemSecrets() {
        private final byte[] key = "bound-sessions-test-key-32-bytes".getBytes();

        @Override
        public FieldCipher cipher() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SystemMac mac() {
            return new SystemMac() {
                @Override
                public byte[] tag(byte[] data) {
                    MACS.incrementAndGet();
                    try {
                        Mac mac = Mac.getInstance("HmacSHA256");
                        mac.init(new SecretKeySpec(key, "HmacSHA256"));
                        return mac.doFinal(data);
                    } catch (java.security.GeneralSecurityException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public boolean verifies(byte[] tag, byte[] data) {
                    return MessageDigest.isEqual(tag, tag(data)); // counted once, by tag
                }
            };
        }
    };

    private final MapSessionRepository store = new MapSessionRepository(new ConcurrentHashMap<>());
    private final SessionRepositoryFilter<MapSession> storeFilter = new SessionRepositoryFilter<>(store);
    private final BoundSessions bound = new BoundSessions(SECRETS);

    BoundSessionsTest() {
        storeFilter.setHttpSessionIdResolver(HeaderHttpSessionIdResolver.xAuthToken());
    }

    private interface Page {
        void answer(HttpServletRequest request, HttpServletResponse response) throws Exception;
    }

    private MockHttpServletResponse request(String sessionId, Page page) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/sign-in/enrol");
        if (sessionId != null) {
            request.addHeader("X-Auth-Token", sessionId);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        HttpServlet servlet = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                try {
                    page.answer(req, resp);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        new MockFilterChain(servlet, new Filter[] {storeFilter, bound}).doFilter(request, response);
        return response;
    }

    /**
     * A sign-in whose answer is a page, not a redirect (the second factor's enrolment shows the recovery codes): the
     * page is flushed, the store saves the session as the answer is committed, and the browser has the new cookie
     * before the request has ended. Its next request, as soon as the page arrived, is signed in.
     */
    @Test
    void aSignInWhoseAnswerIsFlushedIsStoredBoundBeforeTheAnswerLeaves() throws Exception {
        // The session of the step before (anonymous here, as the passkey ceremony's).
        String before = request(null, (req, resp) -> req.getSession(true)).getHeader("X-Auth-Token");
        assertThat(before).isNotNull();

        AtomicReference<String> nextRequestSaw = new AtomicReference<>();
        request(before, (req, resp) -> {
            // As FullSignIn does: a new id, then the sign-in.
            req.changeSessionId();
            req.getSession().setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                    new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated("anna", null,
                            List.of(new SimpleGrantedAuthority("ROLE_PRACTITIONER")))));
            String newId = req.getSession().getId();
            resp.getWriter().write("<p>your recovery codes</p>");
            resp.flushBuffer();
            // The page (and its cookie) has left: the browser's next request, answered before this one ends.
            request(newId, (next, nextResponse) -> {
                HttpSession session = next.getSession(false);
                nextRequestSaw.set(session == null ? "no session"
                        : BoundSessions.signedIn(session).isEmpty() ? "nobody" : "signed in");
            });
        });
        assertThat(nextRequestSaw).hasValue("signed in");
    }

    /**
     * An ordinary request of a session (no new id, no new sign-in) whose answer is committed before it ends: the tag
     * is checked once, as the request comes, not again at the commit and at the end.
     */
    @Test
    void anOrdinaryRequestChecksTheTagOnce() throws Exception {
        String id = request(null, (req, resp) -> req.getSession(true)).getHeader("X-Auth-Token");
        MACS.set(0);
        AtomicReference<String> saw = new AtomicReference<>();
        request(id, (req, resp) -> {
            saw.set(req.getSession(false) == null ? "no session" : "the session");
            resp.getWriter().write("<p>a page</p>");
            resp.flushBuffer();
        });
        assertThat(saw).hasValue("the session");
        assertThat(MACS).hasValue(1);
        assertThat(store.findById(id)).as("still stored").isNotNull();
    }
}
