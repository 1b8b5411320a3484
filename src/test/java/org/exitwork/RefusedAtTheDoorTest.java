package org.exitwork;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens to a request before any page is asked, over real HTTP to the real servlet container
 * (the mock requests of the other tests never meet it): a path the firewall refuses gets a 400 with the
 * headers of every other answer, and a browser that lists many languages gets its page, never a 500.
 */
@Tag("database")
@ExtendWith(TestDatabase.Condition.class)
@BrowserLaneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedAtTheDoorTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** An organisation exists, so the sign-in page is the sign-in page and not the first-run set-up. */
    @BeforeAll
    void anOrganisation() {
        fixtures.organisation();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofMinutes(1)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPathTheFirewallRefusesIsABadRequestWithEveryHeader() throws Exception {
        for (String path : List.of("//sign-in", "/sign-in;jsessionid=0123", "/shared/%2e%2e", "/shared/.%2e", "/shared/a%25b",
                "/service-request/%3B", "/funded/x;y/report.pdf")) {
            for (String accept : List.of("text/html", "*/*")) {
                HttpResponse<String> answer = get(path, "Accept", accept);
                assertThat(answer.statusCode()).as(path + " " + accept).isEqualTo(400);
                assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path + " " + accept)
                        .contains(org.exitwork.platform.PageHeaders.CONTENT_SECURITY_POLICY);
                assertThat(answer.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
                assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
                assertThat(answer.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
                assertThat(answer.headers().firstValue("Permissions-Policy")).as(path)
                        .contains("camera=(), microphone=(), geolocation=()");
                assertThat(answer.headers().firstValue("Cache-Control")).as(path).hasValueSatisfying(
                        value -> assertThat(value).contains("no-store"));
                assertThat(answer.body()).as(path).doesNotContain("Exception", "org.springframework", "Tomcat");
            }
        }
    }

    /** Under the partner API's address a refused path is a problem (RFC 9457), as the API's own errors are. */
    @Test
    void aPathTheFirewallRefusesUnderTheApiIsAProblem() throws Exception {
        for (String path : List.of("/api//v1/referrals", "/api/v1/referrals;x=1", "/api/v1/%2e%2e/referrals",
                "/api/v1/referrals/.%2e")) {
            for (String accept : List.of("application/json", "text/html")) {
                HttpResponse<String> answer = get(path, "Accept", accept);
                assertThat(answer.statusCode()).as(path + " " + accept).isEqualTo(400);
                assertThat(answer.headers().firstValue("Content-Type")).as(path)
                        .contains("application/problem+json;charset=UTF-8");
                assertThat(answer.body()).as(path).isEqualTo(REFUSED_PROBLEM);
                assertThat(answer.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
                assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path)
                        .contains(org.exitwork.platform.PageHeaders.CONTENT_SECURITY_POLICY);
            }
        }
    }

    private static final String REFUSED_PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
            + "\"detail\":\"The request's address is not accepted (an encoded, doubled or dotted path segment, a path"
            + " parameter, or a character a path may not hold).\"}";

    /**
     * Paths Tomcat refuses itself, before any filter (an encoded slash, backslash or NUL): the error page of every
     * other refusal, in the page's language and with the page headers, not Tomcat's report page (which named the
     * server, spoke English only and had no security header); under the partner API a problem.
     */
    @Test
    void aPathTomcatRefusesItselfGetsOurPageWithEveryHeader() throws Exception {
        for (String path : List.of("/cases%2Fx", "/sign-in%5C..", "/cases%00x", "/shared/%2F%2F")) {
            HttpResponse<String> german = get(path, "Accept", "text/html", "Accept-Language", "de-DE,de;q=0.9");
            assertThat(german.statusCode()).as(path).isEqualTo(400);
            assertThat(german.headers().firstValue("Content-Type")).as(path).contains("text/html;charset=UTF-8");
            assertThat(german.headers().firstValue("Content-Security-Policy")).as(path)
                    .contains(org.exitwork.platform.PageHeaders.CONTENT_SECURITY_POLICY);
            assertThat(german.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(german.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(german.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
            assertThat(german.headers().firstValue("Cache-Control")).as(path).contains("no-store");
            assertThat(german.body()).as(path).contains("<html lang=\"de\">", "<title>Etwas ist schiefgegangen</title>",
                    "<h1>Die Anfrage konnte nicht verarbeitet werden. Bitte prüfen Sie Ihre Eingaben.</h1>",
                    "<a href=\"/\">Zurück zur Startseite</a>").doesNotContain("Tomcat", "HTTP Status", "<style", "<script");
            HttpResponse<String> english = get(path, "Accept", "*/*");
            assertThat(english.statusCode()).as(path).isEqualTo(400);
            assertThat(english.body()).as(path).contains("<html lang=\"en\">", "<title>Something went wrong</title>",
                    "<h1>The request could not be processed. Please check what you entered.</h1>");
            assertThat(english.headers().firstValue("Content-Security-Policy")).as(path)
                    .contains(org.exitwork.platform.PageHeaders.CONTENT_SECURITY_POLICY);
        }
        for (String path : List.of("/api/v1/referrals%2Fx", "/api/v1/referrals/%5C", "/api/v1/referrals%00")) {
            HttpResponse<String> answer = get(path, "Accept", "application/json");
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).as(path)
                    .contains("application/problem+json;charset=UTF-8");
            assertThat(answer.body()).as(path).isEqualTo(REFUSED_PROBLEM);
            assertThat(answer.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
        }
        // The application's own answers are untouched: a page that does not exist is still the application's 404.
        HttpResponse<String> missing = get("/no-such-page", "Accept", "text/html", "Accept-Language", "de");
        assertThat(missing.statusCode()).isEqualTo(302);
    }

    /**
     * Requests Tomcat refuses after reading their address and sends to the error page itself, before any filter (a
     * {@code TRACE}, more cookies than it reads): the page headers as on every other answer, and under the partner
     * API a problem. Before, the error page came without any security header, and the API answered Spring Boot's
     * JSON with a time stamp.
     */
    @Test
    void whatTomcatSendsToTheErrorPageItselfCarriesEveryHeader() throws Exception {
        String cookies = String.join("; ", Collections.nCopies(300, "a=b"));
        List<HttpRequest.Builder> refused = List.of(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sign-in"))
                        .method("TRACE", HttpRequest.BodyPublishers.noBody()).header("Accept", "text/html"),
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sign-in")).GET()
                        .header("Accept", "text/html").header("Cookie", cookies));
        for (HttpRequest.Builder request : refused) {
            HttpResponse<String> page = http.send(request.timeout(Duration.ofMinutes(1)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String what = page.request().method() + " " + page.statusCode();
            assertThat(page.statusCode()).as(what).isIn(400, 405);
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(what)
                    .contains(org.exitwork.platform.PageHeaders.CONTENT_SECURITY_POLICY);
            assertThat(page.headers().firstValue("X-Frame-Options")).as(what).contains("DENY");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
            assertThat(page.body()).as(what).contains("<title>Something went wrong</title>");
        }
        HttpResponse<String> trace = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/referrals")).method("TRACE", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(1)).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(trace.statusCode()).isEqualTo(405);
        assertThat(trace.headers().firstValue("Content-Type")).contains("application/problem+json;charset=UTF-8");
        assertThat(trace.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Method Not Allowed\",\"status\":405}");
        assertThat(trace.headers().firstValue("X-Frame-Options")).contains("DENY");
        HttpResponse<String> crowded = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/referrals")).GET().timeout(Duration.ofMinutes(1)).header("Accept", "application/json")
                .header("Cookie", cookies).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(crowded.statusCode()).isEqualTo(400);
        assertThat(crowded.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400}");
    }

    /**
     * A chunked form the container cannot read: the error page in words with the page headers, and no stack trace in
     * the log. Before, every read of a parameter on the error page threw again, and each such request, which anybody
     * can send, logged a hundred lines at ERROR ("Exception Processing ErrorPage").
     */
    @Test
    @ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aChunkedFormTheContainerCannotReadGetsTheErrorPageAndLogsNoStackTrace(
            org.springframework.boot.test.system.CapturedOutput log) throws Exception {
        String answer;
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("POST /sign-in HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: text/html\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "ZZZ\r\nabc\r\n0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(answer).startsWith("HTTP/1.1 400 ")
                .contains("Content-Security-Policy: " + org.exitwork.platform.PageHeaders.CONTENT_SECURITY_POLICY)
                .contains("X-Frame-Options: DENY", "The request could not be processed. Please check what you entered.");
        assertThat(log.getOut() + log.getErr()).doesNotContain("Exception Processing", "InvalidParameterException");
    }

    /**
     * A NUL in a form is refused 400 with the page headers before the sign-in reads it; the partner API answers
     * for itself (it reads its body byte for byte for the signature), so a form with a NUL gets its own 401.
     */
    @Test
    void aNulInAFormIsRefusedButThePartnerApiAnswersForItself() throws Exception {
        HttpRequest.Builder signIn = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=ad%00min&password=x"));
        HttpResponse<String> refused = http.send(signIn.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Security-Policy"))
                .contains(org.exitwork.platform.PageHeaders.CONTENT_SECURITY_POLICY);
        HttpRequest.Builder api = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/referrals"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("partnerReference=A%00B"));
        HttpResponse<String> unsigned = http.send(api.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("WWW-Authenticate")).contains("Exitwork-HMAC");
        assertThat(unsigned.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    /**
     * A form over the size the container reads (256 KB) is refused 413 in words, with the page headers, in the
     * page's language; before, the container's bare page answered it, without the headers, after logging two
     * stack traces for every such request.
     */
    @Test
    void aFormTooLargeToReadIsRefusedInWords() throws Exception {
        String body = "username=someone&password=" + "x".repeat(300_000);
        for (String path : List.of("/sign-in", "/referral-form/" + "A".repeat(43), "/service-request/" + "A".repeat(43))) {
            HttpResponse<String> english = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(english.statusCode()).as(path).isEqualTo(413);
            assertThat(english.body()).as(path).isEqualTo(
                    "The form was too large to be read. Nothing was saved; please shorten what you entered.");
            assertThat(english.headers().firstValue("Content-Security-Policy")).as(path)
                    .contains(org.exitwork.platform.PageHeaders.CONTENT_SECURITY_POLICY);
            assertThat(english.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
        }
        HttpResponse<String> german = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "de")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(german.statusCode()).isEqualTo(413);
        assertThat(german.body()).startsWith("Das Formular war zu groß");
    }

    @Test
    void aBrowserThatListsManyLanguagesGetsItsPage() throws Exception {
        String german = String.join(",", Collections.nCopies(30, "de-DE,de;q=0.9"));
        HttpResponse<String> signIn = get("/sign-in", "Accept-Language", german);
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("<html lang=\"de\"", "Anmelden");

        String many = "en-GB,en;q=0.9,fr;q=0.8,it;q=0.7,es;q=0.6,pt;q=0.5,nl;q=0.4,pl;q=0.3,tr;q=0.2,ar;q=0.1,de;q=0.05";
        HttpResponse<String> english = get("/sign-in", "Accept-Language", many);
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("<html lang=\"en\"", "Sign in");

        // Two headers count as one list; an unreadable list is as if none were given. Public pages too.
        assertThat(get("/sign-in", "Accept-Language", "de,fr,it,es,pt,nl", "Accept-Language", "pl,tr,ar,el,ru,uk")
                .statusCode()).isEqualTo(200);
        assertThat(get("/sign-in", "Accept-Language", "de;q=x," + many).statusCode()).isEqualTo(200);
        assertThat(get("/funded/" + "A".repeat(42), "Accept-Language", german).statusCode()).isEqualTo(404);
        assertThat(get("/funded/" + "A".repeat(43), "Accept-Language", german).body())
                .contains("<title>Ein Bericht für Sie</title>");
        assertThat(get("/shared/" + "A".repeat(42), "Accept-Language", german).body())
                .isEqualTo("Dieser Link ist nicht gültig.");
        assertThat(get("/shared/" + "A".repeat(43), "Accept-Language", german).body())
                .contains("<title>Ein für Sie freigegebenes Dokument</title>");
        // And a refused path with them: still the 400 with its headers.
        HttpResponse<String> refused = get("//sign-in", "Accept-Language", german, "Accept", "text/html");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    /**
     * Nobody signed in who asks for a staff page is sent to sign in and leaves nothing behind: no cookie, no
     * row in the session store. Before, each such request was kept in a new session, for a return after
     * signing in that never came (signing in always goes on to its second step), so anyone could fill the
     * session table at one row a request. The pages of a partner's link start none either.
     */
    @Test
    void aStaffPageAskedByNobodyLeavesNoSessionBehind() throws Exception {
        long since = System.currentTimeMillis(); // the same clock as the session store's (this JVM's)
        for (String path : List.of("/", "/cases", "/cases/" + java.util.UUID.randomUUID(), "/audit", "/admin/staff",
                "/peer-groups", "/cases/search?q=x")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path).contains("/sign-in");
            assertThat(response.headers().allValues("Set-Cookie")).as(path).isEmpty();
        }
        for (String path : List.of("/shared/" + "A".repeat(43), "/service-request/" + "A".repeat(43),
                "/funded/" + "A".repeat(43))) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().allValues("Set-Cookie")).as(path).isEmpty();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE creation_time >= ?").param(since)
                .query(Long.class).single()).as("sessions started by these requests").isZero();
    }

    /**
     * The sign-in page keeps its form's token in a cookie of its own, not in a session: showing it, and a failed
     * sign-in, store nothing. Before, every request for the sign-in page started a session, a stored row, so anyone
     * could fill the session table at one row a request from the one page every visitor may see.
     */
    @Test
    void theSignInPageAndAFailedSignInLeaveNoSessionBehind() throws Exception {
        long since = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> page = get("/sign-in", "Accept", "text/html");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().allValues("Set-Cookie")).singleElement().satisfies(cookie -> assertThat(cookie)
                    .startsWith("exitwork-form=").contains("Path=/", "HttpOnly", "SameSite=Strict")
                    .doesNotContain("Secure", "__Host-"));
        }
        HttpResponse<String> page = get("/sign-in", "Accept", "text/html");
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(token.find()).isTrue();
        String formCookie = org.exitwork.testing.HttpSignIn.cookie(page, "exitwork-form");
        HttpResponse<String> failed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "exitwork-form=" + formCookie)
                .POST(HttpRequest.BodyPublishers.ofString("username=nobody-" + java.util.UUID.randomUUID()
                        + "&password=wrong&_csrf=" + java.net.URLEncoder.encode(token.group(1),
                                java.nio.charset.StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).isEqualTo(302);
        assertThat(failed.headers().firstValue("Location")).hasValue("/sign-in?failed");
        assertThat(failed.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))).isEmpty();
        // Without the cookie the same form is refused: the token in the page alone is not enough.
        HttpResponse<String> noCookie = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=x&password=y&_csrf=" + java.net.URLEncoder.encode(
                        token.group(1), java.nio.charset.StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noCookie.statusCode()).isEqualTo(302);
        assertThat(noCookie.headers().firstValue("Location")).hasValue("/sign-in?timed-out");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE creation_time >= ?").param(since)
                .query(Long.class).single()).as("sessions started by these requests").isZero();
    }
}
