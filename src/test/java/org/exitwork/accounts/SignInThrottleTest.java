package org.exitwork.accounts;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.Cookie;

import org.exitwork.accounts.internal.settings.SignInPolicy;
import org.exitwork.accounts.internal.signin.SignInLimits;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A flood of sign-ins from one client address is refused at that address, from memory, before any
 * session, database or audit work; everybody else signs in as usual.
 */
@DatabaseTest
@AutoConfigureMockMvc
class SignInThrottleTest {

    static final String FLOODER = "192.0.2.10";
    static final String NEIGHBOUR = "192.0.2.11";
    static final List<String> SECURITY_HEADERS = List.of("Content-Security-Policy", "X-Frame-Options",
            "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "Cache-Control", "X-XSS-Protection");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    SignInLimits limits;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void threeAttemptsPerMinuteAndAddress() {
        SignInPolicy p = limits.policy();
        limits.use(new SignInPolicy(p.slowDownAfter(), p.delayPerFailure(), p.refuseAfter(), p.refuseDuration(),
                p.lockAfter(), p.lockDuration(), 3, Duration.ofMinutes(1), p.failuresRecordedPerDay()));
    }

    @AfterEach
    void settingsAgain() {
        limits.use(null);
        limits.holdRefusals(null, null);
    }

    @Test
    void aRefusalIsHeldBackWithoutAThreadAndThenAnswered() throws Exception {
        List<Runnable> held = new java.util.ArrayList<>();
        List<Duration> holds = new java.util.ArrayList<>();
        limits.holdRefusals(Duration.ofSeconds(1), (hold, answer) -> {
            holds.add(hold);
            held.add(answer);
        });
        for (int i = 0; i < 3; i++) {
            new WebSession(mvc).from("192.0.2.40").post("/sign-in", "username", "nobody", "password", "x");
        }
        MvcResult refused = new WebSession(mvc).from("192.0.2.40").post("/sign-in", "username", "nobody",
                "password", "x");
        // Nothing answered yet: the request waits, asynchronously, for the timer.
        assertThat(refused.getRequest().isAsyncStarted()).isTrue();
        assertThat(refused.getResponse().getContentAsString()).isEmpty();
        assertThat(holds).containsExactly(Duration.ofSeconds(1));
        held.get(0).run();
        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        // It waited the hold already: 20 s until the next attempt, less the second it was held.
        assertThat(refused.getResponse().getHeader("Retry-After")).isEqualTo("19");
        assertThat(refused.getResponse().getContentAsString()).contains("<h1>Too many attempts</h1>");
        assertThat(refused.getResponse().getHeader("Content-Security-Policy")).isNotNull();

        // At most 50 refusals of one address are held at a time (the first was answered); the 51st at once.
        for (int i = 0; i < 50; i++) {
            new WebSession(mvc).from("192.0.2.40").post("/sign-in", "username", "nobody", "password", "x");
        }
        assertThat(held).hasSize(51);
        MvcResult beyond = new WebSession(mvc).from("192.0.2.40").post("/sign-in", "username", "nobody",
                "password", "x");
        assertThat(beyond.getRequest().isAsyncStarted()).as("status %s, held %s", beyond.getResponse().getStatus(),
                held.size()).isFalse();
        assertThat(beyond.getResponse().getStatus()).isEqualTo(429);
        assertThat(held).hasSize(51);
        // Another address has a cap of its own.
        for (int i = 0; i < 3; i++) {
            new WebSession(mvc).from("192.0.2.41").post("/sign-in", "username", "nobody", "password", "x");
        }
        assertThat(new WebSession(mvc).from("192.0.2.41").post("/sign-in", "username", "nobody", "password", "x")
                .getRequest().isAsyncStarted()).isTrue();
        held.subList(1, held.size()).forEach(Runnable::run);
    }

    @Test
    void aFloodFromOneAddressIsRefusedThereBeforeAnyDatabaseWorkAndOthersStillSignIn() throws Exception {
        var org = fixtures.organisation();
        var staff = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        for (int i = 0; i < 3; i++) {
            assertRedirect(new WebSession(mvc).from(FLOODER).post("/sign-in", "username", "nobody-" + i, "password",
                    "whatever it is"), "/sign-in?failed");
        }
        long auditEntries = count("aud_entry");
        long sessions = count("spring_session");
        long attempts = count("acc_sign_in_attempt");

        MockHttpServletResponse refused = new WebSession(mvc).from(FLOODER)
                .post("/sign-in", "username", "nobody-4", "password", "whatever it is").getResponse();
        assertThat(refused.getStatus()).isEqualTo(429);
        // Three a minute: the next one in 20 s.
        assertThat(refused.getHeader("Retry-After")).isEqualTo("20");
        assertThat(refused.getContentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(refused.getContentAsString()).contains("<h1>Too many attempts</h1>")
                .contains("Please wait a minute, then try again.").doesNotContain("Exception").doesNotContain("at org.");
        assertThat(refused.getCookie("SESSION")).isNull();
        // Nothing was read, written or audited for it.
        assertThat(count("aud_entry")).isEqualTo(auditEntries);
        assertThat(count("spring_session")).isEqualTo(sessions);
        assertThat(count("acc_sign_in_attempt")).isEqualTo(attempts);

        // The same security headers as the sign-in page itself.
        MockHttpServletResponse page = mvc.perform(get("/sign-in")).andReturn().getResponse();
        for (String header : SECURITY_HEADERS) {
            assertThat(refused.getHeader(header)).as(header).isNotNull().isEqualTo(page.getHeader(header));
        }

        // The right password from there waits too; the second-factor and first-run forms as well.
        assertThat(new WebSession(mvc).from(FLOODER).post("/sign-in", "username", staff.principal().username(),
                "password", staff.password()).getResponse().getStatus()).isEqualTo(429);
        assertThat(new WebSession(mvc).from(FLOODER).post("/sign-in/code", "code", "123456").getResponse()
                .getStatus()).isEqualTo(429);
        assertThat(new WebSession(mvc).from(FLOODER).post("/sign-in/enrol", "code", "123456").getResponse()
                .getStatus()).isEqualTo(429);
        assertThat(new WebSession(mvc).from(FLOODER).post("/setup", "organisationName", "X").getResponse()
                .getStatus()).isEqualTo(429);
        // ...and the passkey sign-in, its challenge included.
        assertThat(new WebSession(mvc).from(FLOODER).post("/sign-in/passkey/options").getResponse().getStatus())
                .isEqualTo(429);
        assertThat(new WebSession(mvc).from(FLOODER).post("/sign-in/passkey", "credential", "{}").getResponse()
                .getStatus()).isEqualTo(429);

        // Someone at another address is not slowed at all.
        assertRedirect(new WebSession(mvc).from(NEIGHBOUR).post("/sign-in", "username", staff.principal().username(),
                "password", staff.password()), "/sign-in/continue");

        // 20 s later the flooding address has one attempt again.
        clock.advance(Duration.ofSeconds(20));
        assertRedirect(new WebSession(mvc).from(FLOODER).post("/sign-in", "username", "nobody-5", "password",
                "whatever it is"), "/sign-in?failed");
        assertThat(new WebSession(mvc).from(FLOODER).post("/sign-in", "username", "nobody-6", "password",
                "whatever it is").getResponse().getStatus()).isEqualTo(429);
    }

    @Test
    void theRefusalIsACalmPageInTheReadersLanguage() throws Exception {
        for (int i = 0; i < 3; i++) {
            new WebSession(mvc).from("192.0.2.20").post("/sign-in", "username", "nobody", "password", "x");
        }
        MockHttpServletResponse german = mvc.perform(post("/sign-in").with(csrf()).param("username", "nobody")
                .param("password", "x").cookie(new Cookie("exitwork-lang", "de")).with(r -> {
                    r.setRemoteAddr("192.0.2.20");
                    return r;
                })).andReturn().getResponse();
        assertThat(german.getStatus()).isEqualTo(429);
        assertThat(german.getContentAsString()).contains("<html lang=\"de\">").contains("<h1>Zu viele Versuche</h1>")
                .contains("Bitte warten Sie eine Minute und versuchen Sie es dann erneut.")
                .contains("Zurück zur Anmeldung");
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerDoesNotChangeTheBudget() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertRedirect(mvc.perform(post("/sign-in").with(csrf()).param("username", "nobody").param("password", "x")
                    .header("X-Forwarded-For", "203.0.113." + i).with(r -> {
                        r.setRemoteAddr("192.0.2.30");
                        return r;
                    })).andReturn(), "/sign-in?failed");
        }
        // Each claimed to come from elsewhere; all of them spent the peer's budget.
        MockHttpServletResponse fourth = mvc.perform(post("/sign-in").with(csrf()).param("username", "nobody")
                .param("password", "x").header("X-Forwarded-For", "203.0.113.77").with(r -> {
                    r.setRemoteAddr("192.0.2.30");
                    return r;
                })).andReturn().getResponse();
        assertThat(fourth.getStatus()).isEqualTo(429);
        // And the redirects still name no host, whatever Host and forwarded headers say.
        MockHttpServletResponse redirect = mvc.perform(post("/sign-in").with(csrf()).param("username", "nobody")
                .param("password", "x").header("Host", "evil.example").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-For", "203.0.113.78").with(r -> {
                    r.setRemoteAddr("192.0.2.31");
                    return r;
                })).andReturn().getResponse();
        assertThat(redirect.getHeader("Location")).isEqualTo("/sign-in?failed");
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    static void assertRedirect(MvcResult result, String location) {
        assertThat(result.getResponse().getStatus()).as("status of " + result.getRequest().getRequestURI())
                .isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo(location);
    }
}
