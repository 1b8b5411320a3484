package org.exitwork.accounts;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.internal.resets.ResetKind;
import org.exitwork.accounts.internal.resets.ResetRequests;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.SoftwareAuthenticator;
import org.exitwork.testing.Totp;
import org.exitwork.testing.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import jakarta.servlet.http.Cookie;

import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.accounts.SignInTest.assertRedirect;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Passkeys through the real filter chain and database-backed sessions, with a software authenticator
 * in place of the browser's: registering, listing and removing one, signing in with it alone and
 * after the password, and the organisation's rule for managers and administrators.
 */
@DatabaseTest
@AutoConfigureMockMvc
class PasskeysTest {

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

    @Autowired
    ResetRequests resets;

    /**
     * The first registration of a staff member makes their passkey identity (a random handle). Opened in two
     * windows at once, both get the same one, and neither fails: formerly the second failed on the unique key
     * (500). Several staff members, each from several threads at once, so that the two inserts do meet.
     */
    @Test
    void registrationsStartedAtOnceShareOneIdentityAndNoneFails() throws Exception {
        var org = fixtures.organisation();
        int threads = 4;
        for (int round = 0; round < 10; round++) {
            StaffPrincipal practitioner = fixtures.staff(org, Role.PRACTITIONER);
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(threads);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            try {
                List<java.util.concurrent.Future<org.springframework.mock.web.MockHttpServletResponse>> answers =
                        new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    answers.add(pool.submit(() -> {
                        together.await();
                        return mvc.perform(post("/profile/passkeys/options").with(as(practitioner)).with(csrf()))
                                .andReturn().getResponse();
                    }));
                }
                java.util.Set<String> handles = new java.util.HashSet<>();
                for (var answer : answers) {
                    org.springframework.mock.web.MockHttpServletResponse response = answer.get();
                    assertThat(response.getStatus()).as("round %d", round).isEqualTo(200);
                    java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"user\":\\{[^}]*\"id\":\"([^\"]+)\"")
                            .matcher(response.getContentAsString());
                    assertThat(id.find()).isTrue();
                    handles.add(id.group(1));
                }
                assertThat(handles).as("round %d", round).hasSize(1);
                assertThat(jdbc.sql("SELECT user_handle FROM acc_passkey_user WHERE staff_id = ?")
                        .param(practitioner.id()).query(String.class).list()).containsExactlyElementsOf(handles);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aStaffMemberRegistersListsAndRemovesTheirOwnPasskeys() throws Exception {
        var org = fixtures.organisation();
        StaffPrincipal practitioner = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal colleague = fixtures.staff(org, Role.PRACTITIONER);
        Session session = new Session();

        String options = session.perform(post("/profile/passkeys/options").with(as(practitioner)).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        // Bound to the public address's host; a discoverable passkey whose device verifies its user.
        assertThat(options).contains("\"rp\":{\"id\":\"localhost\",\"name\":\"Exitwork\"}")
                .contains("\"residentKey\":\"required\"").contains("\"userVerification\":\"required\"")
                .contains("\"user\":{\"name\":\"" + practitioner.username() + "\"")
                .contains("\"displayName\":\"" + practitioner.displayName() + "\"");
        SoftwareAuthenticator device = new SoftwareAuthenticator();
        MvcResult registered = session.perform(post("/profile/passkeys").with(as(practitioner)).with(csrf())
                .param("name", " work laptop ").param("credential", device.register(options))).andReturn();
        assertRedirect(registered, "/profile/passkeys");

        UUID id = jdbc.sql("SELECT id FROM acc_passkey WHERE staff_id = ?").param(practitioner.id()).query(UUID.class).single();
        assertThat(jdbc.sql("SELECT label FROM acc_passkey WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("work laptop");
        String page = mvc.perform(get("/profile/passkeys").with(as(practitioner))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("<td data-label=\"Name\">work laptop</td>").contains("not yet");
        assertThat(actions(org, "PASSKEY_REGISTERED")).containsExactly("@passkey.id|" + id);

        // Someone else's passkey is not there for them.
        assertThat(mvc.perform(post("/profile/passkeys/" + id + "/remove").with(as(colleague)).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        assertRedirect(mvc.perform(post("/profile/passkeys/" + id + "/remove").with(as(practitioner)).with(csrf()))
                .andReturn(), "/profile/passkeys");
        assertThat(count(practitioner)).isZero();
        assertThat(actions(org, "PASSKEY_REMOVED")).containsExactly("@passkey.id|" + id);
    }

    @Test
    void aFormWithoutNameOrWithoutAVerifiedAnswerStoresNothing() throws Exception {
        var org = fixtures.organisation();
        StaffPrincipal practitioner = fixtures.staff(org, Role.PRACTITIONER);
        Session session = new Session();
        SoftwareAuthenticator device = new SoftwareAuthenticator();
        String options = options(practitioner, session);
        String answer = device.register(options);

        MvcResult noName = session.perform(post("/profile/passkeys").with(as(practitioner)).with(csrf())
                .param("name", " ").param("credential", answer)).andReturn();
        assertThat(noName.getResponse().getStatus()).isEqualTo(400);
        assertThat(noName.getResponse().getContentAsString()).contains("Please give the passkey a name.");

        MvcResult noAnswer = session.perform(post("/profile/passkeys").with(as(practitioner)).with(csrf())
                .param("name", "phone").param("credential", "")).andReturn();
        assertThat(noAnswer.getResponse().getStatus()).isEqualTo(400);
        assertThat(noAnswer.getResponse().getContentAsString()).contains("Your device did not create a passkey.");

        // The challenge answered one attempt and is gone: the same answer again is not accepted.
        MvcResult replayed = session.perform(post("/profile/passkeys").with(as(practitioner)).with(csrf())
                .param("name", "phone").param("credential", answer)).andReturn();
        assertThat(replayed.getResponse().getStatus()).isEqualTo(400);

        // A device that cannot verify its user makes no passkey here.
        String fresh = options(practitioner, session);
        MvcResult unverified = session.perform(post("/profile/passkeys").with(as(practitioner)).with(csrf())
                .param("name", "old key").param("credential", new SoftwareAuthenticator().withoutUserVerification()
                        .register(fresh))).andReturn();
        assertThat(unverified.getResponse().getStatus()).isEqualTo(400);
        assertThat(count(practitioner)).isZero();
    }

    @Test
    void aPasskeyAloneSignsInFullyAndOnlyOnce() throws Exception {
        var org = fixtures.organisation();
        StaffPrincipal practitioner = fixtures.staff(org, Role.PRACTITIONER);
        SoftwareAuthenticator device = registered(practitioner);

        WebSession browser = new WebSession(mvc);
        String options = browser.post("/sign-in/passkey/options").getResponse().getContentAsString();
        // Nobody is named before the device names its holder.
        assertThat(options).contains("\"allowCredentials\":[]").contains("\"userVerification\":\"required\"");
        String answer = device.signIn(options);
        assertRedirect(browser.post("/sign-in/passkey", "credential", answer), "/");
        assertThat(browser.get("/start").getResponse().getStatus()).isEqualTo(200);
        UUID id = jdbc.sql("SELECT id FROM acc_passkey WHERE staff_id = ?").param(practitioner.id()).query(UUID.class).single();
        assertThat(actions(org, "PASSKEY_SIGN_IN")).containsExactly("@passkey.passwordless|" + id);
        assertThat(actions(org, "SIGN_IN")).containsExactly("@account.role|PRACTITIONER");
        assertThat(jdbc.sql("SELECT last_used_at FROM acc_passkey WHERE id = ?").param(id).query(java.sql.Timestamp.class)
                .single()).isNotNull();

        // The same answer again (someone who caught it) opens nothing.
        WebSession thief = new WebSession(mvc);
        thief.post("/sign-in/passkey/options");
        assertRedirect(thief.post("/sign-in/passkey", "credential", answer), "/sign-in?passkey-failed");
        assertRedirect(thief.get("/start"), "/sign-in");
        // Nor does a device that did not verify its user: the passkey alone must be two factors.
        device.verifiesUser(false);
        WebSession careless = new WebSession(mvc);
        String again = careless.post("/sign-in/passkey/options").getResponse().getContentAsString();
        assertRedirect(careless.post("/sign-in/passkey", "credential", device.signIn(again)), "/sign-in?passkey-failed");
        assertThat(actions(org, "PASSKEY_SIGN_IN_FAILED")).isEmpty();
        assertThat(anonymousFailures()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void afterThePasswordThePasskeyStandsInForTheCodeButOnlyTheirOwn() throws Exception {
        var org = fixtures.organisation();
        Fixtures.Staff practitioner = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        StaffPrincipal colleague = fixtures.staff(org, Role.PRACTITIONER);
        SoftwareAuthenticator device = registered(practitioner.principal());
        SoftwareAuthenticator colleagues = registered(colleague);
        enrolled(practitioner.principal());

        WebSession browser = new WebSession(mvc);
        assertRedirect(browser.post("/sign-in", "username", practitioner.principal().username(), "password",
                practitioner.password()), "/sign-in/continue");
        assertRedirect(browser.get("/sign-in/continue"), "/sign-in/code");
        assertThat(browser.get("/sign-in/code").getResponse().getContentAsString())
                .contains("data-testid=\"passkey-second-factor\"").contains("Use my passkey instead");
        String options = browser.post("/sign-in/passkey/options").getResponse().getContentAsString();
        assertThat(options).contains("\"allowCredentials\":[{");
        // A colleague's passkey does not finish this person's sign-in.
        assertRedirect(browser.post("/sign-in/passkey", "credential", colleagues.signIn(options)),
                "/sign-in/code?passkey-failed");
        assertRedirect(browser.get("/start"), "/sign-in/continue");
        String fresh = browser.post("/sign-in/passkey/options").getResponse().getContentAsString();
        assertRedirect(browser.post("/sign-in/passkey", "credential", device.signIn(fresh)), "/");
        assertThat(browser.get("/start").getResponse().getStatus()).isEqualTo(200);
        assertThat(actions(org, "PASSKEY_SIGN_IN")).singleElement().asString().startsWith("@passkey.second-factor|");
        // Only their own passkeys were asked for, so the colleague's does not even verify.
        assertThat(actions(org, "PASSKEY_SIGN_IN_FAILED")).containsExactly("@passkey.not-verified");
    }

    @Test
    void aTemporaryPasswordIsReplacedFirstEvenWithAPasskey() throws Exception {
        var org = fixtures.organisation();
        StaffPrincipal practitioner = fixtures.staff(org, Role.PRACTITIONER);
        SoftwareAuthenticator device = registered(practitioner);
        jdbc.sql("UPDATE acc_staff SET must_change_password = TRUE WHERE id = ?").param(practitioner.id()).update();

        WebSession browser = new WebSession(mvc);
        String options = browser.post("/sign-in/passkey/options").getResponse().getContentAsString();
        assertRedirect(browser.post("/sign-in/passkey", "credential", device.signIn(options)), "/sign-in/continue");
        assertRedirect(browser.get("/sign-in/continue"), "/sign-in/new-password");
        assertRedirect(browser.get("/start"), "/sign-in/continue");
        assertThat(actions(org, "SIGN_IN")).isEmpty();
    }

    @Test
    void aDeactivatedAccountsPasskeyOpensNothing() throws Exception {
        var org = fixtures.organisation();
        StaffPrincipal practitioner = fixtures.staff(org, Role.PRACTITIONER);
        SoftwareAuthenticator device = registered(practitioner);
        jdbc.sql("UPDATE acc_staff SET active = FALSE WHERE id = ?").param(practitioner.id()).update();

        WebSession browser = new WebSession(mvc);
        String options = browser.post("/sign-in/passkey/options").getResponse().getContentAsString();
        assertRedirect(browser.post("/sign-in/passkey", "credential", device.signIn(options)), "/sign-in?passkey-failed");
        assertRedirect(browser.get("/start"), "/sign-in");
        assertThat(actions(org, "PASSKEY_SIGN_IN_FAILED")).containsExactly("@passkey.account-unavailable");
    }

    @Test
    void anOrganisationRequiringPasskeysLeadsManagersToOneAndThenAcceptsNothingElse() throws Exception {
        var org = fixtures.organisation();
        Fixtures.Staff manager = fixtures.staffWithPassword(org, Role.MANAGER);
        Fixtures.Staff practitioner = fixtures.staffWithPassword(org, Role.PRACTITIONER);

        assertRedirect(mvc.perform(post("/organisation/passkeys").with(as(org.admin())).with(csrf())
                .param("required", "true")).andReturn(), "/organisation");
        assertThat(actions(org, "PASSKEYS_REQUIRED_CHANGED")).containsExactly("@passkey.required-on");
        assertThat(mvc.perform(get("/organisation").with(as(org.admin()))).andReturn().getResponse()
                .getContentAsString()).contains("name=\"required\" value=\"true\" checked=\"checked\"");

        // Right after the sign-in with the app's code: nothing but registering a passkey.
        WebSession browser = new WebSession(mvc);
        String secret = firstSignIn(browser, manager);
        assertRedirect(browser.get("/manage/overview"), "/profile/passkeys");
        assertThat(browser.post("/organisation", "name", "Renamed").getResponse().getStatus()).isEqualTo(403);
        assertThat(browser.get("/profile/passkeys").getResponse().getContentAsString())
                .contains("data-testid=\"passkey-required\"");
        String options = browser.post("/profile/passkeys/options").getResponse().getContentAsString();
        SoftwareAuthenticator device = new SoftwareAuthenticator();
        assertRedirect(browser.post("/profile/passkeys", "name", "office phone", "credential", device.register(options)),
                "/profile/passkeys");
        assertThat(browser.get("/manage/overview").getResponse().getStatus()).isEqualTo(200);
        // Their last passkey stays while the organisation requires one.
        UUID id = jdbc.sql("SELECT id FROM acc_passkey WHERE staff_id = ?").param(manager.principal().id())
                .query(UUID.class).single();
        MvcResult last = browser.post("/profile/passkeys/" + id + "/remove");
        assertThat(last.getResponse().getStatus()).isEqualTo(409);
        assertThat(last.getResponse().getContentAsString()).contains("This is your last passkey");
        assertThat(count(manager.principal())).isEqualTo(1);

        // From now on the code from the app no longer completes their sign-in; the passkey does.
        WebSession next = new WebSession(mvc);
        assertRedirect(next.post("/sign-in", "username", manager.principal().username(), "password", manager.password()),
                "/sign-in/continue");
        assertThat(next.get("/sign-in/code").getResponse().getContentAsString()).contains("data-testid=\"passkey-only\"")
                .doesNotContain("name=\"code\"");
        clock.advance(Duration.ofSeconds(30));
        MvcResult code = next.post("/sign-in/code", "code", Totp.code(secret, step()));
        assertThat(code.getResponse().getStatus()).isEqualTo(400);
        assertThat(code.getResponse().getContentAsString()).contains("a code from the app is not enough");
        assertRedirect(next.get("/start"), "/sign-in/continue");
        String signIn = next.post("/sign-in/passkey/options").getResponse().getContentAsString();
        assertRedirect(next.post("/sign-in/passkey", "credential", device.signIn(signIn)), "/");
        assertThat(next.get("/manage/overview").getResponse().getStatus()).isEqualTo(200);

        // Practitioners are not bound by it.
        WebSession practitionerBrowser = new WebSession(mvc);
        firstSignIn(practitionerBrowser, practitioner);
        assertThat(practitionerBrowser.get("/start").getResponse().getStatus()).isEqualTo(200);

        // Without the requirement the code completes the sign-in again.
        assertRedirect(mvc.perform(post("/organisation/passkeys").with(as(org.admin())).with(csrf())).andReturn(),
                "/organisation");
        assertThat(actions(org, "PASSKEYS_REQUIRED_CHANGED")).containsExactly("@passkey.required-off",
                "@passkey.required-on");
        WebSession relaxed = new WebSession(mvc);
        relaxed.post("/sign-in", "username", manager.principal().username(), "password", manager.password());
        clock.advance(Duration.ofSeconds(30));
        assertRedirect(relaxed.post("/sign-in/code", "code", Totp.code(secret, step())), "/");
    }

    /** The session cookie kept across requests: the ceremony's challenge waits in the session (Spring Session). */
    final class Session {
        private Cookie cookie;

        org.springframework.test.web.servlet.ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
            if (cookie != null) {
                request.cookie(cookie);
            }
            var actions = mvc.perform(request);
            Cookie fresh = actions.andReturn().getResponse().getCookie("SESSION");
            if (fresh != null) {
                cookie = fresh;
            }
            return actions;
        }
    }

    @Test
    void aSecondFactorResetTakesThePasskeysWithIt() throws Exception {
        var org = fixtures.organisation();
        StaffPrincipal practitioner = fixtures.staff(org, Role.PRACTITIONER);
        SoftwareAuthenticator lost = registered(practitioner);
        StaffPrincipal manager = fixtures.staff(org, Role.MANAGER);
        jdbc.sql("UPDATE acc_staff SET created_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(30))), manager.id()).update();

        resets.approve(manager, resets.request(org.admin(), practitioner.id(), ResetKind.SECOND_FACTOR));

        assertThat(count(practitioner)).isZero();
        // Whoever has the lost device signs in with it no more.
        WebSession finder = new WebSession(mvc);
        String options = finder.post("/sign-in/passkey/options").getResponse().getContentAsString();
        assertRedirect(finder.post("/sign-in/passkey", "credential", lost.signIn(options)), "/sign-in?passkey-failed");
    }

    /** Password, the app enrolled, recovery codes shown: fully signed in. */
    private String firstSignIn(WebSession browser, Fixtures.Staff staff) throws Exception {
        assertRedirect(browser.post("/sign-in", "username", staff.principal().username(), "password", staff.password()),
                "/sign-in/continue");
        String secret = SignInTest.secretOn(browser.get("/sign-in/enrol"));
        assertThat(browser.post("/sign-in/enrol", "code", Totp.code(secret, step())).getResponse().getStatus())
                .isEqualTo(200);
        return secret;
    }

    private long step() {
        return Math.floorDiv(clock.instant().getEpochSecond(), 30);
    }

    private String options(StaffPrincipal who, Session session) throws Exception {
        return session.perform(post("/profile/passkeys/options").with(as(who)).with(csrf())).andReturn()
                .getResponse().getContentAsString();
    }

    private SoftwareAuthenticator registered(StaffPrincipal who) throws Exception {
        Session session = new Session();
        SoftwareAuthenticator device = new SoftwareAuthenticator();
        assertRedirect(session.perform(post("/profile/passkeys").with(as(who)).with(csrf())
                .param("name", "laptop").param("credential", device.register(options(who, session)))).andReturn(),
                "/profile/passkeys");
        return device;
    }

    /** The app's code counts as set up, so the password leads to the code step. */
    private void enrolled(StaffPrincipal who) {
        jdbc.sql("UPDATE acc_staff SET totp_enrolled = TRUE WHERE id = ?").param(who.id()).update();
    }

    private int count(StaffPrincipal who) {
        return jdbc.sql("SELECT COUNT(*) FROM acc_passkey WHERE staff_id = ?").param(who.id()).query(Integer.class).single();
    }

    private int anonymousFailures() {
        return jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = 'PASSKEY_SIGN_IN_FAILED' AND org_id IS NULL")
                .query(Integer.class).single();
    }

    /** The details of the organisation's audit entries of this action, newest first. */
    private List<String> actions(Fixtures.Organisation org, String action) {
        return audit.recent(org.id(), 500).stream().filter(e -> e.action().equals(action)).map(AuditEntry::detail)
                .toList();
    }
}
