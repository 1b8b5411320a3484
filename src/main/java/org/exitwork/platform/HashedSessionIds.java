package org.exitwork.platform;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.session.SessionIdGenerator;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;

/**
 * The session cookie carries a random token; the database ({@code spring_session.session_id}) keeps only its
 * SHA-256, the first 128 bits written as a UUID (the column's shape). A session id read from the table, a
 * backup or a replica is not what a browser sends, so it opens no session: before, the id in the table was the
 * cookie's value, and a database login that read it signed in as whoever held the session, the client's
 * identity and notes decrypted by the server.
 *
 * <p>One object plays both parts Spring Session asks for: the repository's {@link SessionIdGenerator} (a new
 * session, or a new id at sign-in) makes a token and answers its hash as the id, keeping the token until the
 * cookie is written in the same request; its {@link #resolver()} answers the hash of every session cookie a
 * request brings, and writes a new session's token, never an id, as the cookie. A session found by its cookie
 * keeps the cookie it came with. The resolver is no bean of its own: a bean of that type would stop Spring Boot
 * from making the cookie serializer that {@code server.servlet.session.cookie.*} configures.
 */
final class HashedSessionIds implements SessionIdGenerator {

    /** A token made for a new id and not yet written as a cookie is forgotten after this long. */
    private static final long FORGET_AFTER_NANOS = 60_000_000_000L;

    private final CookieHttpSessionIdResolver cookies = new CookieHttpSessionIdResolver();
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Issued> issued = new ConcurrentHashMap<>();

    private record Issued(String token, long at) {
    }

    HashedSessionIds(CookieSerializer serializer) {
        cookies.setCookieSerializer(serializer);
    }

    @Override
    public String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String id = SessionTables.idOf(token);
        long now = System.nanoTime();
        issued.values().removeIf(i -> now - i.at() > FORGET_AFTER_NANOS);
        issued.put(id, new Issued(token, now));
        return id;
    }

    /** Reads and writes the session cookie for the filter. */
    HttpSessionIdResolver resolver() {
        return new HttpSessionIdResolver() {
            @Override
            public List<String> resolveSessionIds(HttpServletRequest request) {
                return cookies.resolveSessionIds(request).stream().map(SessionTables::idOf).toList();
            }

            @Override
            public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
                Issued token = issued.remove(sessionId);
                if (token != null) {
                    cookies.setSessionId(request, response, token.token());
                }
            }

            @Override
            public void expireSession(HttpServletRequest request, HttpServletResponse response) {
                cookies.expireSession(request, response);
            }
        };
    }

}
