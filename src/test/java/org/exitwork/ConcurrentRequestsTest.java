package org.exitwork;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.exitwork.accounts.Role;
import org.exitwork.testing.BrowserLaneTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.TestDatabase;
import org.exitwork.testing.Totp;
import org.junit.jupiter.api.AfterAll;
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
 * A browser asks for a page, its style sheet, its script, its icons and the alarm banner all at once,
 * over real HTTP to the real server and its session store in the database (H2 and PostgreSQL). None
 * of these may fail: a 500 for the script meant the alarm banner, which the script polls, never came.
 * Static files never touch the session (nothing loaded, created or written), yet carry every header a
 * page carries.
 */
@Tag("database")
@ExtendWith(TestDatabase.Condition.class)
@BrowserLaneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentRequestsTest {

    static final int AT_ONCE = 50;
    static final String SCRIPT = "/webjars/htmx.org/2.0.8/dist/htmx.min.js";
    /** What a page of the application makes the browser fetch, each with the answer it must get. */
    static final Map<String, Integer> ASSETS = Map.of("/css/exitwork.css", 200, SCRIPT, 200, "/favicon.ico", 200,
            "/favicon.svg", 200);
    static final String BANNER = "/safety/alerts/banner";
    static final List<String> HEADERS = List.of("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy",
            "Permissions-Policy", "X-Content-Type-Options", "Cache-Control", "Pragma", "Expires");
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern SECRET = Pattern.compile("data-testid=\"totp-secret\">([A-Z2-7 ]+)<");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    final ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);

    /** An organisation exists, so the sign-in page is the sign-in page and not the first-run set-up. */
    @BeforeAll
    void anOrganisation() {
        fixtures.organisation();
    }

    @AfterAll
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void oneSignedInSessionAsksForAPageItsFilesAndTheBannerAllAtOnce() throws Exception {
        Browser browser = signedIn(Role.PRACTITIONER);
        Map<String, Integer> expected = new LinkedHashMap<>(ASSETS);
        expected.put("/start", 200);
        expected.put(BANNER, 200);
        assertThat(browser.get("/start").body()).contains(SCRIPT, "/css/exitwork.css", "hx-get=\"" + BANNER + "\"");

        List<Callable<Answer>> requests = new ArrayList<>();
        List<String> paths = new ArrayList<>(expected.keySet());
        for (int i = 0; i < AT_ONCE; i++) {
            String path = paths.get(i % paths.size());
            requests.add(() -> path.equals(BANNER) ? browser.background(path) : browser.answer(path));
        }
        assertThat(allAtOnce(requests)).as("every answer, by path").allSatisfy(
                answer -> assertThat(answer.status()).as(answer.path()).isEqualTo(expected.get(answer.path())));
        // Still signed in, as one session: nothing above signed anyone out or split the session.
        assertThat(browser.answer("/start").status()).isEqualTo(200);
        assertThat(browser.cookies()).extracting(HttpCookie::getName).containsExactly("SESSION");
    }

    @Test
    void oneNewSessionAsksForTheSignInPageAndItsFilesAllAtOnce() throws Exception {
        Browser browser = new Browser();
        // The first page gives its form's token in a cookie, no session; then the page again, at once, and its files.
        assertThat(browser.answer("/sign-in").status()).isEqualTo(200);
        assertThat(browser.cookies()).extracting(HttpCookie::getName).containsExactly("exitwork-form");
        Map<String, Integer> expected = new LinkedHashMap<>(ASSETS);
        expected.put("/sign-in", 200);
        List<String> paths = new ArrayList<>(expected.keySet());
        List<Callable<Answer>> requests = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            String path = paths.get(i % paths.size());
            requests.add(() -> browser.answer(path));
        }
        assertThat(allAtOnce(requests)).allSatisfy(
                answer -> assertThat(answer.status()).as(answer.path()).isEqualTo(expected.get(answer.path())));
        assertThat(browser.cookies()).as("still the one form cookie, no session").extracting(HttpCookie::getName)
                .containsExactly("exitwork-form");
    }

    @Test
    void manyNewSessionsAtOnce() throws Exception {
        List<Callable<Answer>> requests = new ArrayList<>();
        List<String> paths = new ArrayList<>(ASSETS.keySet());
        paths.add("/sign-in");
        // Ten visitors, each with a page and its files at once; half of them already signed in.
        for (int v = 0; v < AT_ONCE / paths.size(); v++) {
            Browser browser = v % 2 == 0 ? new Browser() : signedIn(Role.PRACTITIONER);
            for (String path : paths) {
                String asked = path.equals("/sign-in") && v % 2 == 1 ? "/start" : path;
                requests.add(() -> browser.answer(asked));
            }
        }
        assertThat(requests).hasSize(AT_ONCE);
        List<Answer> answers = allAtOnce(requests);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.path()).isEqualTo(200));
    }

    @Test
    void staticFilesNeitherMakeNorReadNorWriteASession() throws Exception {
        // No session: none is made.
        Browser stranger = new Browser();
        long sessions = sessions();
        for (String path : ASSETS.keySet()) {
            HttpResponse<String> answer = stranger.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.headers().allValues("Set-Cookie")).as(path).isEmpty();
        }
        assertThat(stranger.cookies()).isEmpty();
        assertThat(sessions()).isEqualTo(sessions);

        // A signed-in session: its files leave the stored session as it was (not even its last access).
        Browser browser = signedIn(Role.PRACTITIONER);
        Map<String, Object> before = session(browser);
        for (String path : ASSETS.keySet()) {
            HttpResponse<String> answer = browser.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.headers().allValues("Set-Cookie")).as(path).isEmpty();
        }
        assertThat(session(browser)).as("the stored session after the files").isEqualTo(before);
        // The probe can fail: a page does touch the session (a person's activity, written once a minute).
        clock.advance(Duration.ofMinutes(2));
        assertThat(browser.answer("/start").status()).isEqualTo(200);
        assertThat(session(browser)).as("the stored session after a page").isNotEqualTo(before);
    }

    @Test
    void staticFilesCarryTheHeadersOfEveryPage() throws Exception {
        Browser browser = signedIn(Role.PRACTITIONER);
        HttpResponse<String> page = browser.get("/start");
        assertThat(page.statusCode()).isEqualTo(200);
        for (String path : ASSETS.keySet()) {
            HttpResponse<String> file = browser.get(path);
            for (String header : HEADERS) {
                assertThat(file.headers().allValues(header)).as(path + " " + header)
                        .isNotEmpty().isEqualTo(page.headers().allValues(header));
            }
        }
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        assertThat(page.headers().firstValue("X-Frame-Options").orElseThrow()).isEqualTo("DENY");
    }

    private long sessions() {
        return jdbc.sql("SELECT COUNT(*) FROM spring_session").query(Long.class).single();
    }

    /** The stored session of a browser: its last access and its attributes. */
    private Map<String, Object> session(Browser browser) {
        String id = org.exitwork.platform.SessionTables.idOf(new String(java.util.Base64.getDecoder()
                .decode(browser.cookies().stream().filter(c -> c.getName().equals("SESSION")).findFirst().orElseThrow()
                        .getValue()), StandardCharsets.US_ASCII));
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("last access", jdbc.sql("SELECT last_access_time FROM spring_session WHERE session_id = ?").param(id)
                .query(Long.class).single());
        jdbc.sql("SELECT a.attribute_name, a.attribute_bytes FROM spring_session_attributes a JOIN spring_session s "
                + "ON s.primary_id = a.session_primary_id WHERE s.session_id = ? ORDER BY a.attribute_name").param(id)
                .query((rs, n) -> stored.put(rs.getString(1), java.util.HexFormat.of().formatHex(rs.getBytes(2))))
                .list();
        assertThat(stored).containsKey("exitwork.last-activity");
        return stored;
    }

    /** Starts every request at the same moment and waits for all answers. */
    private List<Answer> allAtOnce(List<Callable<Answer>> requests) throws Exception {
        CountDownLatch ready = new CountDownLatch(requests.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        for (Callable<Answer> request : requests) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return request.call();
            }));
        }
        ready.await();
        go.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : futures) {
            answers.add(f.get(2, java.util.concurrent.TimeUnit.MINUTES));
        }
        assertThat(answers.stream().filter(a -> a.status() >= 500).map(Answer::path).collect(Collectors.toList()))
                .as("answered with a server error").isEmpty();
        return answers;
    }

    /** A practitioner signed in over HTTP the way a person is: password, enrolment of the second factor. */
    private Browser signedIn(Role role) throws Exception {
        Fixtures.Staff staff = fixtures.staffWithPassword(fixtures.organisation(), role);
        Browser browser = new Browser();
        String token = token(browser.get("/sign-in"));
        HttpResponse<String> password = browser.post("/sign-in", "username", staff.principal().username(), "password",
                staff.password(), "_csrf", token);
        assertThat(password.headers().firstValue("Location").orElseThrow()).endsWith("/sign-in/continue");
        HttpResponse<String> enrol = browser.get("/sign-in/enrol");
        Matcher secret = SECRET.matcher(enrol.body());
        assertThat(secret.find()).as("the enrolment page shows the secret").isTrue();
        String code = Totp.code(secret.group(1).replace(" ", ""), Math.floorDiv(clock.instant().getEpochSecond(), 30));
        assertThat(browser.post("/sign-in/enrol", "code", code, "_csrf", token(enrol)).statusCode()).isEqualTo(200);
        return browser;
    }

    private static String token(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("a form with its token").isTrue();
        return m.group(1);
    }

    record Answer(String path, int status) {
    }

    /** One browser: its cookies, no redirects followed. */
    class Browser {

        final CookieManager cookies = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        Answer answer(String path) throws Exception {
            return new Answer(path, get(path).statusCode());
        }

        /** As htmx polls the alarm banner: a request the page makes by itself. */
        Answer background(String path) throws Exception {
            return new Answer(path, http.send(request(path).header("HX-Request", "true")
                    .header("X-Exitwork-Background", "true").GET().build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode());
        }

        HttpResponse<String> post(String path, String... form) throws Exception {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < form.length; i += 2) {
                body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(form[i], StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
            }
            return http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        }

        List<HttpCookie> cookies() {
            return cookies.getCookieStore().getCookies();
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofMinutes(1));
        }
    }
}
