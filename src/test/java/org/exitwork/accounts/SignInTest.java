package org.exitwork.accounts;

import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.accounts.internal.settings.SignInPolicy;
import org.exitwork.accounts.internal.signin.SignInLimits;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.Totp;
import org.exitwork.testing.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Password plus mandatory TOTP, through the real filter chain and database-backed sessions. */
@DatabaseTest
@AutoConfigureMockMvc
class SignInTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditLog audit;

    @Autowired
    SignInLimits limits;

    static final String GUESSER = "203.0.113.50";
    static final String OWNER = "192.0.2.200";

    @AfterEach
    void settingsAgain() {
        limits.use(null);
        limits.holdWith(null);
    }

    /** Shorter than the settings, with a 1 s step the tests note instead of waiting. */
    private SignInPolicy slowAfterTwoRefuseAfterFour() {
        SignInPolicy p = limits.policy();
        return new SignInPolicy(2, Duration.ofSeconds(1), 4, Duration.ofMinutes(15), p.lockAfter(), p.lockDuration(),
                p.perAddress(), p.perAddressPeriod(), p.failuresRecordedPerDay());
    }

    private List<Duration> holdsOf(SignInPolicy policy) {
        limits.use(policy);
        List<Duration> holds = new CopyOnWriteArrayList<>();
        limits.holdWith(holds::add);
        return holds;
    }

    private long refusedRows() {
        return jdbc.sql("SELECT COUNT(*) FROM acc_sign_in_attempt WHERE failures = 4 AND refused_until IS NOT NULL")
                .query(Long.class).single();
    }

    static String withoutCsrfToken(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\" value=\"\"");
    }

    @Test
    void firstSignInChangesPasswordEnrolsTotpAndShowsRecoveryCodes() throws Exception {
        var org = fixtures.organisation();
        WebSession browser = new WebSession(mvc);

        assertRedirect(browser.post("/sign-in", "username", org.admin().username(), "password", org.adminPassword()),
                "/sign-in/continue");
        assertRedirect(browser.get("/sign-in/continue"), "/sign-in/new-password");
        // Nothing else opens before both factors are done.
        assertRedirect(browser.get("/admin/staff"), "/sign-in/continue");

        MvcResult weak = browser.post("/sign-in/new-password", "currentPassword", org.adminPassword(),
                "newPassword", "short", "repeatPassword", "short");
        assertThat(weak.getResponse().getStatus()).isEqualTo(400);
        String newPassword = "a long and private passphrase";
        assertRedirect(browser.post("/sign-in/new-password", "currentPassword", org.adminPassword(),
                "newPassword", newPassword, "repeatPassword", newPassword), "/sign-in/continue");
        assertRedirect(browser.get("/sign-in/continue"), "/sign-in/enrol");

        String secret = secretOn(browser.get("/sign-in/enrol"));
        assertThat(browser.post("/sign-in/enrol", "code", "000000").getResponse().getStatus()).isEqualTo(400);
        MvcResult enrolled = browser.post("/sign-in/enrol", "code", code(secret, 0));
        assertThat(enrolled.getResponse().getStatus()).isEqualTo(200);
        List<String> recoveryCodes = recoveryCodesOn(enrolled);
        assertThat(recoveryCodes).hasSize(10);

        assertThat(browser.get("/admin/staff").getResponse().getStatus()).isEqualTo(200);
        assertRedirect(browser.post("/sign-out"), "/sign-in?signed-out");
        assertRedirect(browser.get("/admin/staff"), "/sign-in");
        // Signing out again from a page left open (its session, and its form's token, are gone): told so, not 403.
        MockHttpServletResponse stale = mvc.perform(post("/sign-out")
                .with(csrf().useInvalidToken())).andReturn().getResponse();
        assertThat(stale.getStatus()).isEqualTo(302);
        assertThat(stale.getRedirectedUrl()).isEqualTo("/sign-in?timed-out");
        // Someone signed in is not signed out by a post without the token (another site's): still refused.
        MockHttpServletResponse forged = mvc.perform(post("/sign-out")
                .with(Fixtures.as(fixtures.manager(org.id())))
                .with(csrf().useInvalidToken())).andReturn().getResponse();
        assertThat(forged.getStatus()).isEqualTo(403);

        // Second sign-in: the code of the step already used is refused (no replay); a later one works.
        WebSession again = new WebSession(mvc);
        assertRedirect(again.post("/sign-in", "username", org.admin().username(), "password", newPassword),
                "/sign-in/continue");
        assertRedirect(again.get("/sign-in/continue"), "/sign-in/code");
        assertThat(again.post("/sign-in/code", "code", code(secret, 0)).getResponse().getStatus()).isEqualTo(400);
        clock.advance(Duration.ofSeconds(30));
        assertRedirect(again.post("/sign-in/code", "code", code(secret, 0)), "/");
        assertThat(again.get("/admin/staff").getResponse().getStatus()).isEqualTo(200);

        // A recovery code works once.
        WebSession lostPhone = new WebSession(mvc);
        lostPhone.post("/sign-in", "username", org.admin().username(), "password", newPassword);
        assertRedirect(lostPhone.post("/sign-in/code", "code", recoveryCodes.get(0)), "/");
        WebSession reuse = new WebSession(mvc);
        reuse.post("/sign-in", "username", org.admin().username(), "password", newPassword);
        assertThat(reuse.post("/sign-in/code", "code", recoveryCodes.get(0)).getResponse().getStatus()).isEqualTo(400);

        assertThat(actions(org)).contains("PASSWORD_CHANGED", "SECOND_FACTOR_ENROLLED", "SIGN_IN", "SIGN_OUT",
                "RECOVERY_CODE_USED", "SECOND_FACTOR_FAILED");
    }

    @Test
    void failuresSlowDownThatNameFromThatAddressAndNeverLockThePersonOut() throws Exception {
        var org = fixtures.organisation();
        var staff = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        String user = staff.principal().username();
        List<Duration> holds = holdsOf(slowAfterTwoRefuseAfterFour());
        long refusedBefore = refusedRows();
        for (int i = 0; i < 4; i++) {
            assertRedirect(new WebSession(mvc).from(GUESSER).post("/sign-in", "username", user, "password",
                    "wrong password " + i), "/sign-in?failed");
        }
        // Held back ever longer: nothing for the first two, then 1 s, then 2 s.
        assertThat(holds).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        // Counted in the database, so every node sees them; under a keyed hash, neither name nor address.
        assertThat(refusedRows()).isEqualTo(refusedBefore + 1);
        assertThat(jdbc.sql("SELECT attempt_key FROM acc_sign_in_attempt").query(String.class).list())
                .allSatisfy(key -> assertThat(key).matches("[0-9a-f]{64}"));
        // From the guesser's address even the right password is now refused, calmly, for the refusal's time.
        MockHttpServletResponse refused = new WebSession(mvc).from(GUESSER)
                .post("/sign-in", "username", user, "password", staff.password()).getResponse();
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("900");
        assertThat(refused.getContentAsString()).contains("Please wait 15 minutes, then try again.");
        // The person at their own desk signs in as ever.
        assertRedirect(new WebSession(mvc).from(OWNER).post("/sign-in", "username", user, "password", staff.password()),
                "/sign-in/continue");
        // After the refusal the guesser's address counts from the start again.
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertRedirect(new WebSession(mvc).from(GUESSER).post("/sign-in", "username", user, "password", "wrong again"),
                "/sign-in?failed");
        assertThat(holds).hasSize(2);
        assertRedirect(new WebSession(mvc).from(GUESSER).post("/sign-in", "username", user, "password",
                staff.password()), "/sign-in/continue");

        List<String> actions = actions(org);
        assertThat(actions.stream().filter("SIGN_IN_FAILED"::equals).count()).isEqualTo(5);
        assertThat(actions).doesNotContain("ACCOUNT_LOCKED", "SIGN_IN_REFUSED_LOCKED");
    }

    /**
     * Anybody can fail to sign in, from as many addresses as they have, and every failure was an audit entry the
     * log keeps forever. A day records at most so many failures one by one, in the whole installation and
     * whatever the name (a known account's, a name that is none, a passkey nobody's), so that whether a failure
     * is recorded never tells whether its name is an account; the first beyond says so once, the rest are not
     * recorded. The account still counts every failure and tells its holder; the next day records again.
     */
    @Test
    void failedSignInsAreRecordedUpToTheDaysBudgetAndTheAccountStillCountsThemAll() throws Exception {
        var org = fixtures.organisation();
        var staff = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        String user = staff.principal().username();
        String secret = enrolled(user, staff.password());
        SignInPolicy p = limits.policy();
        limits.use(new SignInPolicy(100, Duration.ZERO, 100, p.refuseDuration(), p.lockAfter(), p.lockDuration(),
                p.perAddress(), p.perAddressPeriod(), 3));
        jdbc.sql("DELETE FROM acc_failure_record").update(); // other tests' failures of today count for nothing here
        long unknownBefore = entries("SIGN_IN_FAILED", "@signin.unknown-account");
        long passkeyBefore = entries("PASSKEY_SIGN_IN_FAILED", "@passkey.not-verified");
        long usedUpBefore = entries("SIGN_IN_FAILURES_UNRECORDED", "@signin.failures-unrecorded|3");

        for (int i = 1; i <= 6; i++) {
            assertRedirect(new WebSession(mvc).from("198.51.100." + i).post("/sign-in", "username", user, "password",
                    "wrong password " + i), "/sign-in?failed");
            assertRedirect(new WebSession(mvc).from("198.51.100." + i).post("/sign-in", "username",
                    "nobody-" + UUID.randomUUID(), "password", "wrong"), "/sign-in?failed");
            assertRedirect(new WebSession(mvc).from("198.51.100." + i).post("/sign-in/passkey"),
                    "/sign-in?passkey-failed");
        }
        // The first three of the eighteen, one of each kind; then one note; then nothing.
        assertThat(actions(org).stream().filter("SIGN_IN_FAILED"::equals).count()).isEqualTo(1);
        assertThat(entries("SIGN_IN_FAILED", "@signin.unknown-account") - unknownBefore).isEqualTo(1);
        assertThat(entries("PASSKEY_SIGN_IN_FAILED", "@passkey.not-verified") - passkeyBefore).isEqualTo(1);
        assertThat(entries("SIGN_IN_FAILURES_UNRECORDED", "@signin.failures-unrecorded|3") - usedUpBefore)
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT org_id IS NULL FROM aud_entry WHERE action = 'SIGN_IN_FAILURES_UNRECORDED'")
                .query(Boolean.class).list()).containsOnly(true);

        // The holder is told of all six.
        WebSession owner = new WebSession(mvc).from(OWNER);
        owner.post("/sign-in", "username", user, "password", staff.password());
        assertRedirect(owner.post("/sign-in/code", "code", code(secret, 0)), "/");
        assertThat(owner.get("/start").getResponse().getContentAsString())
                .contains("6 failed attempts to sign in to your account since your last sign-in");

        // The next day records again, and yesterday's count is gone.
        clock.advance(Duration.ofDays(1));
        assertRedirect(new WebSession(mvc).from(GUESSER).post("/sign-in", "username", user, "password", "wrong"),
                "/sign-in?failed");
        assertThat(actions(org).stream().filter("SIGN_IN_FAILED"::equals).count()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT recorded_on FROM acc_failure_record").query(java.time.LocalDate.class).list())
                .containsExactly(java.time.LocalDate.now(clock));
    }

    private long entries(String action, String detail) {
        return jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = ? AND detail = ?").params(action, detail)
                .query(Long.class).single();
    }

    @Test
    void knownUnknownAndDeactivatedNamesAreSlowedAndRefusedAlike() throws Exception {
        var org = fixtures.organisation();
        var known = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        var deactivated = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        mvc.perform(post("/admin/staff/" + deactivated.principal().id() + "/active").param("active", "false")
                .with(Fixtures.as(org.admin())).with(csrf()));
        List<List<Duration>> holdsByName = new ArrayList<>();
        List<List<String>> answersByName = new ArrayList<>();
        int n = 0;
        for (String name : List.of(known.principal().username(), "nobody-" + UUID.randomUUID(),
                deactivated.principal().username())) {
            List<Duration> holds = holdsOf(slowAfterTwoRefuseAfterFour());
            List<String> answers = new ArrayList<>();
            String from = "198.51.100." + (++n);
            for (int i = 0; i < 5; i++) {
                MockHttpServletResponse answer = new WebSession(mvc).from(from)
                        .post("/sign-in", "username", name, "password", "wrong password").getResponse();
                answers.add(answer.getStatus() + " " + answer.getRedirectedUrl() + " "
                        + answer.getHeader("Retry-After") + " " + answer.getContentAsString().length());
            }
            holdsByName.add(holds);
            answersByName.add(answers);
        }
        assertThat(answersByName.get(0).subList(0, 4)).containsOnly("302 /sign-in?failed null 0");
        assertThat(answersByName.get(0).get(4)).startsWith("429 null 900 ");
        assertThat(answersByName.get(1)).isEqualTo(answersByName.get(0));
        assertThat(answersByName.get(2)).isEqualTo(answersByName.get(0));
        assertThat(holdsByName.get(0)).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(holdsByName.get(1)).isEqualTo(holdsByName.get(0));
        assertThat(holdsByName.get(2)).isEqualTo(holdsByName.get(0));
    }

    /**
     * A name with a NUL in it (no user name has one, and PostgreSQL refuses it in any text it compares: a 500
     * there) is refused 400 before the sign-in looks at it, whatever the password: no failure is counted or
     * recorded, the same for every name, and nobody is signed in.
     */
    @Test
    void aNameWithANulIsRefusedBeforeTheSignInLooksAtIt() throws Exception {
        var org = fixtures.organisation();
        var known = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        String user = known.principal().username();
        long failedBefore = jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = 'SIGN_IN_FAILED'")
                .query(Long.class).single();
        for (String name : List.of(user.substring(0, 2) + "\u0000" + user.substring(2), "\u0000", user + "\u0000")) {
            MvcResult result = new WebSession(mvc).from("198.51.100.30").post("/sign-in", "username", name,
                    "password", known.password());
            assertThat(result.getResponse().getStatus()).as(name).isEqualTo(400);
            assertThat(result.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = 'SIGN_IN_FAILED'").query(Long.class)
                .single()).isEqualTo(failedBefore);
        assertThat(jdbc.sql("SELECT failed_attempts FROM acc_staff WHERE username = ?").param(user)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aKnownAndAnUnknownNameGetTheSameAnswerHeaderForHeader() throws Exception {
        var org = fixtures.organisation();
        var known = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        WebSession first = new WebSession(mvc).from("198.51.100.20");
        WebSession second = new WebSession(mvc).from("198.51.100.21");
        MockHttpServletResponse wrongPassword = first.post("/sign-in", "username", known.principal().username(),
                "password", "wrong password").getResponse();
        MockHttpServletResponse unknownName = second.post("/sign-in", "username", "nobody-at-all", "password",
                "wrong password").getResponse();
        assertThat(unknownName.getStatus()).isEqualTo(wrongPassword.getStatus()).isEqualTo(302);
        assertThat(unknownName.getContentAsString()).isEqualTo(wrongPassword.getContentAsString());
        assertThat(unknownName.getHeaderNames()).containsExactlyInAnyOrderElementsOf(wrongPassword.getHeaderNames());
        for (String header : wrongPassword.getHeaderNames()) {
            if (header.equals("Set-Cookie")) {
                // Both start a session (for the failure message): only the random session id differs.
                assertThat(unknownName.getHeaders(header)).hasSameSizeAs(wrongPassword.getHeaders(header));
                assertThat(unknownName.getHeader(header).replaceAll("SESSION=[^;]+", "SESSION=x"))
                        .isEqualTo(wrongPassword.getHeader(header).replaceAll("SESSION=[^;]+", "SESSION=x"));
            } else {
                assertThat(unknownName.getHeaders(header)).as(header).isEqualTo(wrongPassword.getHeaders(header));
            }
        }
        // The page they are sent to is the same, but for the form's CSRF token.
        String afterWrongPassword = first.get("/sign-in?failed").getResponse().getContentAsString();
        String afterUnknownName = second.get("/sign-in?failed").getResponse().getContentAsString();
        assertThat(withoutCsrfToken(afterUnknownName)).isEqualTo(withoutCsrfToken(afterWrongPassword))
                .contains("Sign-in failed.");
    }

    @Test
    void theHolderSeesTheFailedAttemptsOnceAtTheNextSignIn() throws Exception {
        var org = fixtures.organisation();
        var staff = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        String user = staff.principal().username();
        String secret = enrolled(user, staff.password());

        new WebSession(mvc).from(GUESSER).post("/sign-in", "username", user, "password", "wrong password 1");
        clock.advance(Duration.ofMinutes(3));
        Instant latest = clock.instant();
        new WebSession(mvc).from("198.51.100.99").post("/sign-in", "username", user, "password", "wrong password 2");
        clock.advance(Duration.ofMinutes(1));

        WebSession again = new WebSession(mvc).from(OWNER);
        again.post("/sign-in", "username", user, "password", staff.password());
        assertRedirect(again.post("/sign-in/code", "code", code(secret, 0)), "/");
        assertRedirect(again.get("/"), "/start");
        String start = again.get("/start").getResponse().getContentAsString();
        String at = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH).format(latest.atZone(clock.getZone()));
        assertThat(start).contains("2 failed attempts to sign in to your account since your last sign-in, the latest at "
                + at + ". If that was not you, tell your administrator.");
        // Seen once: the next page no longer shows it, nor does the next sign-in.
        assertThat(again.get("/start").getResponse().getContentAsString()).doesNotContain("failed attempt");
        assertThat(actions(org)).contains("FAILED_ATTEMPTS_SHOWN");
        again.post("/sign-out");
        clock.advance(Duration.ofSeconds(30));
        WebSession later = new WebSession(mvc).from(OWNER);
        later.post("/sign-in", "username", user, "password", staff.password());
        assertRedirect(later.post("/sign-in/code", "code", code(secret, 0)), "/");
        assertThat(later.get("/start").getResponse().getContentAsString()).doesNotContain("failed attempt");
    }

    @Test
    void theFailedAttemptsNoticeInGerman() throws Exception {
        var org = fixtures.organisation();
        var staff = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        String user = staff.principal().username();
        String secret = enrolled(user, staff.password());
        new WebSession(mvc).from(GUESSER).post("/sign-in", "username", user, "password", "wrong password");
        Instant latest = clock.instant();
        clock.advance(Duration.ofSeconds(30));
        WebSession again = new WebSession(mvc).from(OWNER);
        again.post("/sign-in", "username", user, "password", staff.password());
        again.post("/sign-in/code", "code", code(secret, 0));
        String start = again.get("/start?lang=de").getResponse().getContentAsString();
        String at = DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm", Locale.GERMAN).format(latest.atZone(clock.getZone()));
        assertThat(start).contains("Ein fehlgeschlagener Anmeldeversuch mit Ihrem Konto seit Ihrer letzten Anmeldung, "
                + "der letzte am " + at + ".");
    }

    /** Signs in once with the temporary password, enrols the app and signs out: the app's secret. */
    private String enrolled(String user, String password) throws Exception {
        WebSession browser = new WebSession(mvc).from(OWNER);
        browser.post("/sign-in", "username", user, "password", password);
        String secret = secretOn(browser.get("/sign-in/enrol"));
        browser.post("/sign-in/enrol", "code", code(secret, 0));
        browser.post("/sign-out");
        clock.advance(Duration.ofSeconds(30));
        return secret;
    }

    @Test
    void wrongSecondFactorCodesEndTheSignInAndLockTheCodeStepForAWhile() throws Exception {
        var org = fixtures.organisation();
        var staff = fixtures.staffWithPassword(org, Role.MANAGER);
        WebSession browser = new WebSession(mvc);
        browser.post("/sign-in", "username", staff.principal().username(), "password", staff.password());
        String secret = secretOn(browser.get("/sign-in/enrol"));
        browser.post("/sign-in/enrol", "code", code(secret, 0));
        browser.post("/sign-out");

        WebSession guesser = new WebSession(mvc);
        guesser.post("/sign-in", "username", staff.principal().username(), "password", staff.password());
        MvcResult last = null;
        for (int i = 0; i < 5; i++) {
            last = guesser.post("/sign-in/code", "code", String.format("%06d", 111111 * (i + 1) % 1000000));
        }
        // The fifth wrong code ends this sign-in.
        assertRedirect(last, "/sign-in?failed");
        clock.advance(Duration.ofSeconds(30));
        // The password still opens the next step, from anywhere; but the code step stays locked for a while,
        // even for the right code, so codes cannot be guessed by starting over.
        WebSession retry = new WebSession(mvc);
        assertRedirect(retry.post("/sign-in", "username", staff.principal().username(), "password",
                staff.password()), "/sign-in/continue");
        assertRedirect(retry.post("/sign-in/code", "code", code(secret, 0)), "/sign-in?failed");
        clock.advance(Duration.ofMinutes(15));
        WebSession later = new WebSession(mvc);
        assertRedirect(later.post("/sign-in", "username", staff.principal().username(), "password",
                staff.password()), "/sign-in/continue");
        assertRedirect(later.post("/sign-in/code", "code", code(secret, 0)), "/");
        assertThat(actions(org)).contains("ACCOUNT_LOCKED");
    }

    @Test
    void unknownAndDeactivatedAccountsGetTheSameAnswer() throws Exception {
        assertRedirect(new WebSession(mvc).post("/sign-in", "username", "nobody-here", "password", "whatever it is"),
                "/sign-in?failed");
        var organisation = fixtures.organisation();
        var staff = fixtures.staffWithPassword(organisation, Role.PRACTITIONER);
        mvc.perform(post("/admin/staff/" + staff.principal().id() + "/active").param("active", "false")
                .with(Fixtures.as(organisation.admin())).with(csrf()));
        assertRedirect(new WebSession(mvc).post("/sign-in", "username", staff.principal().username(), "password", staff.password()),
                "/sign-in?failed");
    }

    @Test
    void idleSessionsExpireAfterTwentyMinutes() throws Exception {
        var org = fixtures.organisation();
        new WebSession(mvc).post("/sign-in", "username", org.admin().username(), "password", org.adminPassword());
        assertThat(jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE principal_name = ?")
                .param(org.admin().username()).query(Integer.class).list()).containsOnly(20 * 60);
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private List<String> actions(Fixtures.Organisation org) {
        List<String> actions = new ArrayList<>();
        for (AuditEntry e : audit.recent(org.id(), 500)) {
            actions.add(e.action());
        }
        return actions;
    }

    private String code(String secret, int stepOffset) throws Exception {
        long step = Math.floorDiv(clock.instant().getEpochSecond(), 30) + stepOffset;
        return Totp.code(secret, step);
    }

    static String secretOn(MvcResult page) throws Exception {
        Matcher m = Pattern.compile("data-testid=\"totp-secret\">([A-Z2-7 ]+)<")
                .matcher(page.getResponse().getContentAsString());
        assertThat(m.find()).as("enrolment page shows the secret").isTrue();
        return m.group(1).replace(" ", "");
    }

    static List<String> recoveryCodesOn(MvcResult page) throws Exception {
        Matcher m = Pattern.compile("<li><code>([a-z0-9-]+)</code></li>").matcher(page.getResponse().getContentAsString());
        List<String> codes = new ArrayList<>();
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    static void assertRedirect(MvcResult result, String location) {
        assertThat(result.getResponse().getStatus()).as("status of " + result.getRequest().getRequestURI())
                .isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo(location);
    }
}
