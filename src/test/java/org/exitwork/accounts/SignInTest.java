package org.exitwork.accounts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.Totp;
import org.exitwork.testing.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
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
    void repeatedFailuresLockTheAccountForAWhile() throws Exception {
        var org = fixtures.organisation();
        var staff = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        String user = staff.principal().username();
        for (int i = 0; i < 5; i++) {
            assertRedirect(new WebSession(mvc).post("/sign-in", "username", user, "password", "wrong password " + i),
                    "/sign-in?failed");
        }
        // Locked: even the right password is refused, with the same answer.
        assertRedirect(new WebSession(mvc).post("/sign-in", "username", user, "password", staff.password()),
                "/sign-in?failed");
        clock.advance(Duration.ofMinutes(16));
        assertRedirect(new WebSession(mvc).post("/sign-in", "username", user, "password", staff.password()),
                "/sign-in/continue");

        List<String> actions = actions(org);
        assertThat(actions.stream().filter("SIGN_IN_FAILED"::equals).count()).isEqualTo(5);
        assertThat(actions).contains("ACCOUNT_LOCKED", "SIGN_IN_REFUSED_LOCKED");
    }

    @Test
    void wrongSecondFactorCodesLockTheAccountAndEndTheSignIn() throws Exception {
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
        assertRedirect(last, "/sign-in?failed");
        clock.advance(Duration.ofSeconds(30));
        assertRedirect(new WebSession(mvc).post("/sign-in", "username", staff.principal().username(), "password",
                staff.password()), "/sign-in?failed");
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
