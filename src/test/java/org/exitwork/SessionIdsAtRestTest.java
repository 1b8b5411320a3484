package org.exitwork;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.exitwork.platform.SessionTables;
import org.exitwork.testing.BrowserLaneTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sessions table holds no value a browser could send. Its {@code session_id} was the session cookie's value:
 * a database login (or a replica, a copy of the file) read the id of a signed-in practitioner, sent it back as the
 * cookie and read their cases, the client's identity decrypted by the server. The table keeps the SHA-256 of the
 * cookie's token now, over real HTTP (the session store and its cookie only show there).
 */
@Tag("database")
@ExtendWith(TestDatabase.Condition.class)
@BrowserLaneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionIdsAtRestTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Fixtures fixtures;

    @BeforeAll
    void anOrganisation() {
        fixtures.organisation();
    }

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> signInPage(String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sign-in"))
                .timeout(Duration.ofMinutes(1)).header("Accept", "text/html").GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(HttpResponse<String> response) {
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .findFirst().orElseThrow();
        return new String(Base64.getDecoder().decode(cookie.substring("SESSION=".length(), cookie.indexOf(';'))),
                StandardCharsets.US_ASCII);
    }

    private List<String> storedIds() {
        return jdbc.sql("SELECT session_id FROM spring_session").query(String.class).list();
    }

    @Test
    void theTableKeepsTheHashOfTheCookieAndItsIdOpensNoSession() throws Exception {
        HttpResponse<String> page = signInPage(null);
        assertThat(page.statusCode()).isEqualTo(200);
        String token = token(page);

        assertThat(storedIds()).contains(SessionTables.idOf(token)).doesNotContain(token);

        // The same session comes back with its cookie: no new cookie is set.
        HttpResponse<String> again = signInPage("SESSION=" + Base64.getEncoder()
                .encodeToString(token.getBytes(StandardCharsets.US_ASCII)));
        assertThat(again.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))).isEmpty();

        // The id read from the table, sent as the cookie, is a stranger: a new session with a cookie of its own.
        String stored = SessionTables.idOf(token);
        HttpResponse<String> stranger = signInPage("SESSION=" + Base64.getEncoder()
                .encodeToString(stored.getBytes(StandardCharsets.US_ASCII)));
        assertThat(token(stranger)).isNotEqualTo(stored).isNotEqualTo(token);
    }
}
