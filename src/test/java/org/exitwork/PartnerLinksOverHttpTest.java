package org.exitwork;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.exitwork.testing.BrowserLaneTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
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
 * What an outsider with curl finds at a partner's link and around it, over real HTTP (the session store,
 * its cookie and the idle time only show there).
 */
@Tag("database")
@ExtendWith(TestDatabase.Condition.class)
@BrowserLaneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerLinksOverHttpTest {

    private static final String T = "C".repeat(43);

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void anOrganisation() {
        fixtures.organisation();
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofMinutes(1)).header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString("status=ACCEPTED&version=0&name=X"));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }


    /** The names of what a session a response started holds, to tell who started it. */
    private List<String> heldBy(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .map(c -> org.exitwork.platform.SessionTables.idOf(new String(java.util.Base64.getDecoder()
                        .decode(c.substring(8, c.indexOf(';'))), java.nio.charset.StandardCharsets.US_ASCII)))
                .flatMap(id -> jdbc.sql("SELECT a.attribute_name FROM spring_session_attributes a JOIN spring_session s"
                        + " ON s.primary_id = a.session_primary_id WHERE s.session_id = ?").param(id)
                        .query(String.class).list().stream())
                .toList();
    }

    private long sessionsSince(long since) {
        return jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE creation_time >= ?").param(since)
                .query(Long.class).single();
    }

    /**
     * A post (or put, delete, patch) by nobody signed in, to a staff address or to a variant of a link's
     * address that is not exempt from the form token (a trailing slash, another case), is refused; it must
     * leave no session behind either: Spring's own form-token store kept a new token in a new session before
     * refusing, so a flood of such posts filled the session table at one row a request. {@code FormTokens}
     * keeps none for them. (This test once failed in the full run only: an earlier class's MockMvc
     * {@code csrf()} had replaced that store in this shared application, see {@code FiltersAsInProduction}.)
     */
    @Test
    void anAnonymousPostLeavesNoSessionBehind() throws Exception {
        long since = System.currentTimeMillis(); // the same clock as the session store's (this JVM's)
        SoftAssertions soft = new SoftAssertions();
        for (String path : List.of("/cases", "/admin/staff", "/service-request/" + T + "/open/", "/Service-Request/" + T,
                "/shared/" + T + "/", "/referral-form/" + T + "/x", "/service-request")) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                HttpResponse<String> refused = send(method, path);
                soft.assertThat(refused.statusCode()).as(method + " " + path).isEqualTo(403);
                soft.assertThat(refused.headers().allValues("Set-Cookie")).as(method + " " + path + ": what the session held: "
                        + heldBy(refused)).isEmpty();
            }
        }
        HttpResponse<String> signOut = send("POST", "/sign-out");
        soft.assertThat(signOut.statusCode()).isEqualTo(302);
        soft.assertThat(signOut.headers().firstValue("Location")).contains("/sign-in?timed-out");
        soft.assertThat(signOut.headers().allValues("Set-Cookie")).as("sign-out by nobody").isEmpty();
        soft.assertThat(sessionsSince(since)).as("sessions started by these requests").isZero();
        soft.assertAll();
    }

    /**
     * A browser whose session the idle check holds to have run out while the session store still has it
     * (the app's clock moved here; in use: the minutes between the idle time's end and the next background
     * poll of the alarm banner, longer in a throttled background tab, or the granularity of the last
     * activity). If that browser then uses a partner's link (the practitioner checks the link they just made, fills in a referral form, or the
     * partner works at a desk where the organisation's app is open), the idle check answers the link's
     * button or answer with the sign-in page: the answer or referral written is lost, which is what
     * f7641c8 and 873833b meant to end. The link's addresses do not need a session, so a session that has
     * run out should be ended quietly there and the link answered as for anybody.
     */
    @Test
    void aSessionRunOutDoesNotStopAPartnersLink() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String[] link : List.of(new String[] { "POST", "/service-request/" + T + "/open" },
                new String[] { "POST", "/service-request/" + T }, new String[] { "POST", "/shared/" + T },
                new String[] { "POST", "/referral-form/" + T }, new String[] { "GET", "/service-request/" + T })) {
            HttpResponse<String> signInPage = send("GET", "/sign-in");
            String cookie = signInPage.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            clock.advance(Duration.ofMinutes(21));
            HttpResponse<String> answer = send(link[0], link[1], "Cookie", cookie);
            soft.assertThat(answer.headers().firstValue("Location")).as(link[0] + " " + link[1]).isEmpty();
            soft.assertThat(answer.statusCode()).as(link[0] + " " + link[1]).isEqualTo(link[0].equals("GET") ? 200 : 404);
        }
        soft.assertAll();
    }

    /**
     * The sign-in page left open for long: its form token lives in its own cookie, not in a session that ends after
     * the idle time, so the form is still taken (here a wrong password: "failed", not refused). A browser that lost
     * the cookie is told its time ran out and shown the sign-in page again, as signing out from a page whose session
     * ended already is (SecurityConfiguration's accessDenied), never 403 "You do not have access to this page.":
     * nothing remembers where they came from any more (NullRequestCache), so this is the one way back in.
     */
    @Test
    void theSignInPageLeftOpenIsStillTakenAndWithoutItsCookieLeadsBackToSignIn() throws Exception {
        HttpResponse<String> page = send("GET", "/sign-in");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(cookie).startsWith("exitwork-form=");
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(token.find()).as("the sign-in form carries a form token").isTrue();
        String form = "username=nobody&password=wrong&_csrf=" + java.net.URLEncoder.encode(token.group(1),
                java.nio.charset.StandardCharsets.UTF_8);
        // No session for the idle time to end: the page started none.
        assertThat(page.headers().allValues("Set-Cookie")).singleElement().satisfies(c -> assertThat(c).startsWith("exitwork-form="));
        HttpResponse<String> taken = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sign-in"))
                .timeout(Duration.ofMinutes(1)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(taken.statusCode()).isEqualTo(302);
        assertThat(taken.headers().firstValue("Location")).hasValue("/sign-in?failed");

        HttpResponse<String> withoutCookie = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/sign-in")).timeout(Duration.ofMinutes(1)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutCookie.body()).doesNotContain("You do not have access to this page.");
        assertThat(withoutCookie.statusCode()).isEqualTo(302);
        assertThat(withoutCookie.headers().firstValue("Location")).hasValue("/sign-in?timed-out");
    }
}
