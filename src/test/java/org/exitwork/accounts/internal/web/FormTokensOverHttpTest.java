package org.exitwork.accounts.internal.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.testing.BrowserLaneTest;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form cookie over real HTTP: it stands in for a session's token only where nobody is signed in. Its value is
 * the token itself, so whoever can put a cookie into a browser (a neighbouring host under http) can also write a
 * form token that matches it; in a session someone is signed in to, that pair must not pass.
 */
@Tag("database")
@ExtendWith(TestDatabase.Condition.class)
@BrowserLaneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormTokensOverHttpTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    Fixtures.Organisation organisation;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void anOrganisation() {
        organisation = fixtures.organisation();
    }

    /** The form token Spring Security accepts for a cookie's value: a random pad and the value under it. */
    private static String matching(String cookie) {
        byte[] value = cookie.getBytes(StandardCharsets.UTF_8);
        byte[] pad = new byte[value.length];
        new SecureRandom().nextBytes(pad);
        byte[] both = new byte[value.length * 2];
        for (int i = 0; i < value.length; i++) {
            both[i] = pad[i];
            both[value.length + i] = (byte) (pad[i] ^ value[i]);
        }
        return Base64.getUrlEncoder().encodeToString(both);
    }

    private HttpResponse<String> post(String path, String cookies, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofMinutes(1)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookies).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFormCookieOfOnesOwnChoosingPassesNoFormOfASignedInSession() throws Exception {
        String planted = UUID.randomUUID().toString();
        String token = URLEncoder.encode(matching(planted), StandardCharsets.UTF_8);

        // Without a session the pair is what the sign-in page's form is: accepted (a wrong password, sent back).
        HttpResponse<String> signIn = post("/sign-in", "exitwork-form=" + planted,
                "username=nobody&password=wrong&_csrf=" + token);
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location")).hasValue("/sign-in?failed");

        // Half-way through signing in, the session has kept no token yet: the planted pair is refused.
        Fixtures.Staff staff = fixtures.staffWithPassword(organisation, Role.PRACTITIONER);
        String session = HttpSignIn.passwordStep(port, staff.principal().username(), staff.password());
        String cookie = Base64.getEncoder().encodeToString(session.getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> enrol = post("/sign-in/enrol", "SESSION=" + cookie + "; exitwork-form=" + planted,
                "code=000000&_csrf=" + token);
        assertThat(enrol.statusCode()).isEqualTo(403);
    }
}
