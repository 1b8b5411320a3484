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
import org.exitwork.accounts.Role;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.HttpSignIn;
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

    Fixtures.Organisation organisation;

    @BeforeAll
    void anOrganisation() {
        organisation = fixtures.organisation();
    }

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path, String sessionToken) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofMinutes(1)).header("Accept", "text/html").header("Cookie", "SESSION="
                        + Base64.getEncoder().encodeToString(sessionToken.getBytes(StandardCharsets.US_ASCII)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> storedIds() {
        return jdbc.sql("SELECT session_id FROM spring_session").query(String.class).list();
    }

    @Test
    void theTableKeepsTheHashOfTheCookieAndItsIdOpensNoSession() throws Exception {
        // A session as the password step starts it (the sign-in page alone keeps none).
        Fixtures.Staff staff = fixtures.staffWithPassword(organisation, Role.PRACTITIONER);
        String token = HttpSignIn.passwordStep(port, staff.principal().username(), staff.password());

        assertThat(storedIds()).contains(SessionTables.idOf(token)).doesNotContain(token);

        // The same session comes back with its cookie: the next step of signing in, no new cookie.
        HttpResponse<String> again = get("/sign-in/continue", token);
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location")).hasValue("/sign-in/enrol");
        assertThat(again.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))).isEmpty();

        // The id read from the table, sent as the cookie, is a stranger: sent to the sign-in page.
        HttpResponse<String> stranger = get("/sign-in/continue", SessionTables.idOf(token));
        assertThat(stranger.statusCode()).isEqualTo(302);
        assertThat(stranger.headers().firstValue("Location")).hasValue("/sign-in");
    }
}
