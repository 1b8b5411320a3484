package org.exitwork.accounts;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.exitwork.testing.Totp;
import org.exitwork.testing.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.accounts.SignInTest.assertRedirect;
import static org.exitwork.accounts.SignInTest.recoveryCodesOn;
import static org.exitwork.accounts.SignInTest.secretOn;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * No one makes themselves a reader (R6): the administrator's takeover of a practitioner (reset the
 * password, read it off the page, reset the second factor, sign in as them) is refused at every
 * step. A reset is only a request; a manager who is neither the asker nor the holder, with an
 * account older than the request, approves it; only that manager sees the temporary password,
 * once; the holder is told at the next sign-in.
 */
@DatabaseTest
@AutoConfigureMockMvc
class AccountResetTest {

    /** A generated temporary password: four groups of four unambiguous letters and digits. */
    static final Pattern TEMPORARY_PASSWORD = Pattern.compile(
            "(?<![A-Za-z0-9-])[a-km-zA-HJ-NP-Z2-9]{4}-[a-km-zA-HJ-NP-Z2-9]{4}-[a-km-zA-HJ-NP-Z2-9]{4}-[a-km-zA-HJ-NP-Z2-9]{4}(?![A-Za-z0-9-])");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theAdministratorsTakeoverIsRefusedAtEveryStep() throws Exception {
        StaffRequests as = new StaffRequests(mvc);
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal admin = org.admin();
        Fixtures.Staff practitioner = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        StaffPrincipal holder = practitioner.principal();
        StaffPrincipal partner = fixtures.staff(org, Role.PRACTITIONER);
        String clientName = Fixtures.unique("Takeover Client ");
        var client = fixtures.client(holder, partner, clientName);
        StaffPrincipal manager = longStanding(fixtures.staff(org, Role.MANAGER));

        // The practitioner works normally: signed in with both factors.
        WebSession holderAtWork = new WebSession(mvc);
        enrol(holderAtWork, holder.username(), practitioner.password());
        assertThat(holderAtWork.get("/start").getResponse().getStatus()).isEqualTo(200);

        // Step 1: the administrator "resets" the password. It is only a request; no password anywhere.
        MockHttpServletResponse asked = as.perform(post("/admin/staff/{id}/reset-password", holder.id()), admin);
        assertThat(asked.getStatus()).isEqualTo(302);
        assertThat(asked.getRedirectedUrl()).isEqualTo("/admin/staff");
        assertNoPassword(asked.getContentAsString());
        String staffPage = as.page("/admin/staff", admin);
        assertNoPassword(staffPage);
        assertThat(staffPage).contains("data-testid=\"reset-waiting\"");
        UUID passwordRequest = waitingRequest(holder, "PASSWORD");
        // The practitioner's password still works: nothing changed by asking.
        assertThat(holderAtWork.get("/start").getResponse().getStatus()).isEqualTo(200);

        // Step 2: the second factor, likewise only asked for.
        assertThat(as.status(post("/admin/staff/{id}/reset-second-factor", holder.id()), admin)).isEqualTo(302);
        UUID factorRequest = waitingRequest(holder, "SECOND_FACTOR");

        // Step 3: the administrator cannot approve, nor even see the list.
        assertThat(as.status(get("/manage/account-resets"), admin)).isEqualTo(403);
        assertThat(as.status(post("/manage/account-resets/{id}/approve", passwordRequest), admin)).isEqualTo(403);
        assertThat(as.status(get("/manage/account-resets/{id}/password", passwordRequest), admin)).isEqualTo(403);

        // Step 4: a manager account the administrator makes now (and whose password they see) cannot approve.
        MockHttpServletResponse created = as.perform(post("/admin/staff").param("username", Fixtures.unique("ghost"))
                .param("displayName", "Ghost Manager").param("role", "MANAGER"), admin);
        assertThat(created.getStatus()).isEqualTo(200);
        String ghostName = jdbc.sql("SELECT username FROM acc_staff WHERE org_id = ? AND display_name = 'Ghost Manager'")
                .param(org.id()).query(String.class).single();
        StaffPrincipal ghost = new StaffPrincipal(
                jdbc.sql("SELECT id FROM acc_staff WHERE username = ?").param(ghostName).query(UUID.class).single(),
                org.id(), ghostName, "Ghost Manager", Role.MANAGER);
        String ghostList = as.page("/manage/account-resets", ghost);
        assertThat(ghostList).contains("data-testid=\"not-yours\"").doesNotContain("/approve");
        MockHttpServletResponse ghostTry = as.perform(post("/manage/account-resets/{id}/approve", passwordRequest), ghost);
        assertThat(ghostTry.getStatus()).isEqualTo(403);
        assertThat(ghostTry.getContentAsString()).contains("too shortly before this request");
        // Nor will it after a week: the rule looks at the account's age when the request was made.
        clock.advance(Duration.ofDays(1));
        assertThat(as.status(post("/manage/account-resets/{id}/approve", factorRequest), ghost)).isEqualTo(403);
        assertThat(decision(passwordRequest)).isNull();
        assertThat(decision(factorRequest)).isNull();

        // Step 5: the administrator tries to sign in as the practitioner: no password they could know works.
        assertRedirect(new WebSession(mvc).post("/sign-in", "username", holder.username(), "password",
                "a guessed password"), "/sign-in?failed");

        // A manager of long standing approves. The practitioner is signed out everywhere.
        MockHttpServletResponse approved = as.perform(post("/manage/account-resets/{id}/approve", passwordRequest),
                manager);
        assertThat(approved.getStatus()).isEqualTo(302);
        assertThat(approved.getRedirectedUrl()).isEqualTo("/manage/account-resets/" + passwordRequest + "/password");
        assertRedirect(holderAtWork.get("/start"), "/sign-in");
        // The old password is gone with the approval (whoever knew it).
        assertRedirect(new WebSession(mvc).post("/sign-in", "username", holder.username(), "password",
                practitioner.password()), "/sign-in?failed");

        // The approver sees the temporary password exactly once.
        MockHttpServletResponse shown = as.perform(get("/manage/account-resets/{id}/password", passwordRequest), manager);
        assertThat(shown.getStatus()).isEqualTo(200);
        String temporary = passwordOn(shown.getContentAsString());
        MockHttpServletResponse again = as.perform(get("/manage/account-resets/{id}/password", passwordRequest), manager);
        assertThat(again.getStatus()).isEqualTo(410);
        assertThat(again.getContentAsString()).doesNotContain(temporary);
        assertNoPassword(again.getContentAsString());
        // Approved is approved: a second approval (a stale form, a double click) changes nothing.
        assertThat(as.status(post("/manage/account-resets/{id}/approve", passwordRequest), manager)).isEqualTo(409);
        // The administrator's pages never carry it.
        assertThat(as.page("/admin/staff", admin)).doesNotContain(temporary);
        assertNoPassword(as.page("/admin/staff", admin));

        assertThat(as.status(post("/manage/account-resets/{id}/approve", factorRequest), manager)).isEqualTo(302);
        assertThat(jdbc.sql("SELECT totp_enrolled FROM acc_staff WHERE id = ?").param(holder.id())
                .query(Boolean.class).single()).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acc_recovery_code WHERE staff_id = ?").param(holder.id())
                .query(Long.class).single()).isZero();

        // The practitioner, handed the password in person, signs in, changes it, enrols anew, and is told.
        WebSession back = new WebSession(mvc);
        assertRedirect(back.post("/sign-in", "username", holder.username(), "password", temporary), "/sign-in/continue");
        assertRedirect(back.get("/sign-in/continue"), "/sign-in/new-password");
        String mine = "only the practitioner knows this one";
        assertRedirect(back.post("/sign-in/new-password", "currentPassword", temporary, "newPassword", mine,
                "repeatPassword", mine), "/sign-in/continue");
        assertRedirect(back.get("/sign-in/continue"), "/sign-in/enrol");
        clock.advance(Duration.ofSeconds(60));
        String secret = secretOn(back.get("/sign-in/enrol"));
        MvcResult enrolled = back.post("/sign-in/enrol", "code", code(secret));
        assertThat(recoveryCodesOn(enrolled)).hasSize(10);
        assertRedirect(back.get("/"), "/account/reset-notice");
        assertRedirect(back.get("/cases/" + client.id()), "/account/reset-notice");
        // The notice page itself is styled: static files are not held back.
        assertThat(back.get("/css/exitwork.css").getResponse().getStatus()).isEqualTo(200);

        LocalDateTime askedAt = LocalDateTime.ofInstant(clock.instant().minus(Duration.ofDays(1)).minusSeconds(60),
                ZoneId.systemDefault());
        String when = askedAt.format(DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", java.util.Locale.ENGLISH));
        String wann = askedAt.format(DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm"));
        MvcResult notice = back.get("/account/reset-notice");
        assertThat(notice.getResponse().getStatus()).isEqualTo(200);
        String noticeBody = notice.getResponse().getContentAsString();
        assertThat(noticeBody)
                .contains("On " + when + " Admin (Administrator) asked to reset your password; "
                        + manager.displayName() + " (Programme manager) approved it.")
                .contains("asked to reset your second factor; " + manager.displayName())
                .contains("If you did not expect this, tell your data protection officer.");
        assertThat(back.get("/account/reset-notice?lang=de").getResponse().getContentAsString())
                .contains("Am " + wann + " hat Admin (Administration) beantragt, Ihr Passwort zurückzusetzen; "
                        + manager.displayName() + " (Programmleitung) hat zugestimmt.");
        back.get("/account/reset-notice?lang=en");

        assertRedirect(back.post("/account/reset-notice", "notice", passwordRequest.toString(), "notice",
                factorRequest.toString()), "/");
        // Once: acknowledged, it is gone, and the work opens.
        assertRedirect(back.get("/account/reset-notice"), "/");
        assertRedirect(back.get("/"), "/start");
        assertThat(back.get("/start").getResponse().getStatus()).isEqualTo(200);
        WebSession nextDay = new WebSession(mvc);
        clock.advance(Duration.ofSeconds(60));
        nextDay.post("/sign-in", "username", holder.username(), "password", mine);
        assertRedirect(nextDay.post("/sign-in/code", "code", code(secret)), "/");
        assertRedirect(nextDay.get("/"), "/start");

        // Everything is in the audit chain, the holder's trail included, and no secret is.
        List<AuditEntry> entries = audit.recent(org.id(), 500);
        List<String> actions = new ArrayList<>();
        for (AuditEntry e : entries) {
            actions.add(e.action());
            assertThat(String.valueOf(e.detail()) + " " + e.subject()).doesNotContain(temporary)
                    .doesNotContain(practitioner.password()).doesNotContain(mine);
        }
        assertThat(actions).contains("RESET_REQUESTED", "RESET_APPROVAL_DENIED", "RESET_APPROVED",
                "TEMPORARY_PASSWORD_SHOWN", "RESET_NOTICE_ACKNOWLEDGED");
        assertThat(actions.stream().filter("RESET_REQUESTED"::equals).count()).isEqualTo(2);
        assertThat(actions.stream().filter("RESET_APPROVED"::equals).count()).isEqualTo(2);
        assertThat(actions.stream().filter("RESET_APPROVAL_DENIED"::equals).count()).isEqualTo(2);
        assertThat(entries.stream().filter(e -> e.action().equals("RESET_NOTICE_ACKNOWLEDGED"))
                .map(AuditEntry::subject).toList()).containsOnly(holder.username()).hasSize(2);
        assertThat(audit.about(org.id(), holder.username()).stream().map(AuditEntry::action).toList())
                .contains("RESET_REQUESTED", "RESET_APPROVED", "TEMPORARY_PASSWORD_SHOWN", "RESET_NOTICE_ACKNOWLEDGED");
    }

    @Test
    void theHolderCannotApproveTheirOwnResetAnotherManagerCan() throws Exception {
        StaffRequests as = new StaffRequests(mvc);
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal holder = longStanding(fixtures.staff(org, Role.MANAGER));
        StaffPrincipal other = longStanding(fixtures.staff(org, Role.MANAGER));
        as.perform(post("/admin/staff/{id}/reset-second-factor", holder.id()), org.admin());
        UUID request = waitingRequest(holder, "SECOND_FACTOR");

        assertThat(as.page("/manage/account-resets", holder)).contains("about your own account");
        MockHttpServletResponse own = as.perform(post("/manage/account-resets/{id}/approve", request), holder);
        assertThat(own.getStatus()).isEqualTo(403);
        assertThat(own.getContentAsString()).contains("about your own account");
        assertThat(decision(request)).isNull();

        assertThat(as.status(post("/manage/account-resets/{id}/approve", request), other)).isEqualTo(302);
        assertThat(decision(request)).isEqualTo("APPROVED");
        // A second-factor reset shows nobody anything.
        assertThat(as.status(get("/manage/account-resets/{id}/password", request), other)).isEqualTo(404);
    }

    @Test
    void onlyTheApproverSeesThePasswordAndOnlySoonAfter() throws Exception {
        StaffRequests as = new StaffRequests(mvc);
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal holder = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal approver = longStanding(fixtures.staff(org, Role.MANAGER));
        StaffPrincipal colleague = longStanding(fixtures.staff(org, Role.MANAGER));
        as.perform(post("/admin/staff/{id}/reset-password", holder.id()), org.admin());
        UUID request = waitingRequest(holder, "PASSWORD");
        assertThat(as.status(post("/manage/account-resets/{id}/approve", request), approver)).isEqualTo(302);

        assertThat(as.status(get("/manage/account-resets/{id}/password", request), colleague)).isEqualTo(404);
        assertThat(as.status(get("/manage/account-resets/{id}/password", UUID.randomUUID()), approver)).isEqualTo(404);
        clock.advance(Duration.ofMinutes(16));
        MockHttpServletResponse late = as.perform(get("/manage/account-resets/{id}/password", request), approver);
        assertThat(late.getStatus()).isEqualTo(410);
        assertNoPassword(late.getContentAsString());
        // Another organisation's manager finds nothing at all.
        StaffPrincipal stranger = longStanding(fixtures.staff(fixtures.organisation(), Role.MANAGER));
        assertThat(as.status(post("/manage/account-resets/{id}/approve", request), stranger)).isEqualTo(404);
    }

    @Test
    void refusedExpiredDuplicateAndDeactivatedRequestsChangeNothing() throws Exception {
        StaffRequests as = new StaffRequests(mvc);
        Fixtures.Organisation org = fixtures.organisation();
        Fixtures.Staff staff = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        StaffPrincipal holder = staff.principal();
        StaffPrincipal manager = longStanding(fixtures.staff(org, Role.MANAGER));
        String hashBefore = passwordHash(holder);

        // Refused, then a stale approve form: 409, nothing changed.
        as.perform(post("/admin/staff/{id}/reset-password", holder.id()), org.admin());
        UUID refused = waitingRequest(holder, "PASSWORD");
        assertThat(as.status(post("/manage/account-resets/{id}/refuse", refused), manager)).isEqualTo(302);
        assertThat(as.status(post("/manage/account-resets/{id}/approve", refused), manager)).isEqualTo(409);
        assertThat(as.status(post("/manage/account-resets/{id}/refuse", refused), manager)).isEqualTo(409);
        assertThat(decision(refused)).isEqualTo("REFUSED");

        // The same reset asked twice while one waits: one request.
        as.perform(post("/admin/staff/{id}/reset-password", holder.id()), org.admin());
        MvcResult twice = mvc.perform(post("/admin/staff/{id}/reset-password", holder.id())
                .with(Fixtures.as(org.admin())).with(csrf())).andReturn();
        assertThat(twice.getResponse().getStatus()).isEqualTo(302);
        assertThat(twice.getFlashMap().get("problem")).isEqualTo("reset.problem.already-waiting");
        UUID waiting = waitingRequest(holder, "PASSWORD");

        // Left lying for more than three days, it can no longer be approved.
        clock.advance(Duration.ofDays(3).plusMinutes(1));
        MockHttpServletResponse expired = as.perform(post("/manage/account-resets/{id}/approve", waiting), manager);
        assertThat(expired.getStatus()).isEqualTo(409);
        assertThat(expired.getContentAsString()).contains("This request has expired.");
        assertThat(as.page("/manage/account-resets", manager)).contains("No requests are waiting.");

        // A deactivated account is not reset.
        as.perform(post("/admin/staff/{id}/reset-password", holder.id()), org.admin());
        UUID late = jdbc.sql("SELECT id FROM acc_reset_request WHERE staff_id = ? AND decision IS NULL "
                + "ORDER BY requested_at DESC").param(holder.id()).query(UUID.class).list().get(0);
        as.perform(post("/admin/staff/{id}/active", holder.id()).param("active", "false"), org.admin());
        assertThat(as.status(post("/manage/account-resets/{id}/approve", late), manager)).isEqualTo(409);

        assertThat(passwordHash(holder)).isEqualTo(hashBefore);
        // Only managers decide; the administrator who asked cannot refuse either.
        assertThat(as.status(post("/manage/account-resets/{id}/refuse", late), org.admin())).isEqualTo(403);
    }

    @Test
    void whoReachesTheNewPagesExactly() throws Exception {
        StaffRequests as = new StaffRequests(mvc);
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal holder = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal manager = longStanding(fixtures.staff(org, Role.MANAGER));
        StaffPrincipal practitioner = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        as.perform(post("/admin/staff/{id}/reset-password", holder.id()), org.admin());
        UUID request = waitingRequest(holder, "PASSWORD");

        for (StaffPrincipal notAManager : List.of(practitioner, dpo, org.admin())) {
            assertThat(as.status(get("/manage/account-resets"), notAManager)).isEqualTo(403);
            assertThat(as.status(post("/manage/account-resets/{id}/approve", request), notAManager)).isEqualTo(403);
            assertThat(as.status(post("/manage/account-resets/{id}/refuse", request), notAManager)).isEqualTo(403);
            assertThat(as.status(get("/manage/account-resets/{id}/password", request), notAManager)).isEqualTo(403);
            // Without a reset of their own, the notice page sends everyone home.
            assertThat(as.status(get("/account/reset-notice"), notAManager)).isEqualTo(302);
            assertThat(as.status(post("/account/reset-notice"), notAManager)).isEqualTo(302);
        }
        assertThat(as.status(get("/manage/account-resets"), manager)).isEqualTo(200);
        assertThat(as.status(get("/manage/account-resets/{id}/password", request), manager)).isEqualTo(404);
        assertThat(as.status(post("/manage/account-resets/{id}/approve", request), manager)).isEqualTo(302);
        assertThat(as.status(get("/account/reset-notice"), holder)).isEqualTo(200);
        assertThat(as.status(post("/account/reset-notice").param("notice", request.toString()), holder))
                .isEqualTo(302);
        assertThat(as.status(get("/account/reset-notice"), holder)).isEqualTo(302);
        assertThat(as.status(post("/account/reset-notice").param("notice", "not-an-id"), holder)).isEqualTo(400);
    }

    /** Makes the account a month old, as an approver's must be at the time of the request. */
    private StaffPrincipal longStanding(StaffPrincipal who) {
        jdbc.sql("UPDATE acc_staff SET created_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant().minus(Duration.ofDays(30))), who.id()).update();
        return who;
    }

    private void enrol(WebSession browser, String username, String password) throws Exception {
        assertRedirect(browser.post("/sign-in", "username", username, "password", password), "/sign-in/continue");
        String secret = secretOn(browser.get("/sign-in/enrol"));
        assertThat(recoveryCodesOn(browser.post("/sign-in/enrol", "code", code(secret)))).hasSize(10);
    }

    private UUID waitingRequest(StaffPrincipal holder, String kind) {
        return jdbc.sql("SELECT id FROM acc_reset_request WHERE staff_id = ? AND kind = ? AND decision IS NULL")
                .params(holder.id(), kind).query(UUID.class).single();
    }

    private String decision(UUID request) {
        return jdbc.sql("SELECT decision FROM acc_reset_request WHERE id = ?").param(request).query(String.class)
                .optional().orElse(null);
    }

    private String passwordHash(StaffPrincipal who) {
        return jdbc.sql("SELECT password_hash FROM acc_staff WHERE id = ?").param(who.id()).query(String.class).single();
    }

    private String code(String secret) throws Exception {
        return Totp.code(secret, Math.floorDiv(clock.instant().getEpochSecond(), 30));
    }

    private static String passwordOn(String page) {
        Matcher m = Pattern.compile("data-testid=\"temporary-password\">([^<]+)<").matcher(page);
        assertThat(m.find()).as("the approver's page shows the temporary password").isTrue();
        assertThat(TEMPORARY_PASSWORD.matcher(m.group(1)).matches()).as("the pattern this test looks for").isTrue();
        return m.group(1);
    }

    private static void assertNoPassword(String body) {
        assertThat(TEMPORARY_PASSWORD.matcher(body).find()).as("no temporary password in the page").isFalse();
        assertThat(body).doesNotContain("data-testid=\"temporary-password\"");
    }
}
