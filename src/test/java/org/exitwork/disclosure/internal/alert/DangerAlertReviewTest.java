package org.exitwork.disclosure.internal.alert;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.Cookie;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.ClientRecordPart;
import org.exitwork.cases.ClientRecordSection;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.disclosure.internal.alert.review.ReviewReminders;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.exitwork.testing.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Danger alerts must not wait unseen (R8): a waiting alert shows as a banner on every page to each
 * person who may approve or review it (practitioners and managers of the organisation but the one who
 * raised it) and to nobody else; an alert sent at once is reviewed (justified or not, with a note) by a
 * second person within the set time (24 hours by default), after which the banner says "overdue" and
 * the reminder job audits it once and e-mails the possible reviewers, without the alert's content; a
 * colleague who broke the glass for the case may raise an alert, and without it may not.
 */
@DatabaseTest
@AutoConfigureMockMvc
class DangerAlertReviewTest {

    static final int SMTP_PORT = TestSmtp.freePort();

    @RegisterExtension
    static GreenMailExtension mail = TestSmtp.server(SMTP_PORT);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        TestSmtp.use(registry, SMTP_PORT);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MutableClock clock;

    @Autowired
    ReviewReminders reminders;

    @Autowired
    CaseDirectory cases;

    @Autowired
    org.exitwork.audit.AuditWording wording;

    @Autowired
    List<ClientRecordPart> recordParts;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal colleague;
    StaffPrincipal manager;
    StaffPrincipal dpo;
    StaffPrincipal admin;
    StaffPrincipal stranger;
    RegisteredClient client;
    String clientName;
    UUID police;
    UUID policeContact;
    String m;

    @BeforeEach
    void setUp() throws Exception {
        clock.reset();
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.manager(org.id());
        dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        admin = fixtures.staff(org, Role.ADMIN);
        stranger = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);
        clientName = Fixtures.unique("Covered Client ");
        client = fixtures.client(a, b, clientName);
        m = Fixtures.unique("reviewmarker").replace("-", "");
        String name = "Police " + UUID.randomUUID().toString().substring(0, 8);
        assertThat(web.status(post("/network/partners").param("name", name).param("kind", "POLICE")
                .param("mandate", "A mandate").param("agreement", "INFORMAL")
                .param("contacts[0].name", "Petra Police").param("contacts[0].role", "Duty officer")
                .param("contacts[0].phone", "+49 30 1234567").param("contacts[0].email", "duty@police.example"),
                manager)).isEqualTo(302);
        police = jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = ?").params(org.id(), name)
                .query(UUID.class).single();
        policeContact = jdbc.sql("SELECT id FROM net_partner_contact WHERE partner_id = ?").param(police)
                .query(UUID.class).single();
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    private MockHttpServletRequestBuilder raise(boolean cannotWait) {
        return post("/cases/{id}/danger-alerts", client.id()).param("partnerId", police.toString())
                .param("contactId", policeContact.toString()).param("kind", "VIOLENCE_AGAINST_OTHERS")
                .param("danger", "Threatens a named person " + m).param("atRisk", "A neighbour " + m)
                .param("howSoon", "Tonight").param("cannotWait", Boolean.toString(cannotWait));
    }

    private List<UUID> alerts() {
        return jdbc.sql("SELECT id FROM dis_danger_alert WHERE client_id = ?").param(client.id()).query(UUID.class)
                .list();
    }

    /** The test clock stands still, so the new alert is told apart by its id, not its time. */
    private UUID raisedBy(StaffPrincipal who, boolean cannotWait) throws Exception {
        List<UUID> before = alerts();
        MockHttpServletResponse response = web.perform(raise(cannotWait), who);
        assertThat(response.getStatus()).as("raised").isEqualTo(302);
        assertThat(response.getRedirectedUrl()).isEqualTo("/cases/" + client.id() + "/danger-alerts");
        List<UUID> after = new ArrayList<>(alerts());
        after.removeAll(before);
        assertThat(after).hasSize(1);
        return after.get(0);
    }

    private String banner(StaffPrincipal who) throws Exception {
        MockHttpServletResponse response = web.perform(get("/danger-alerts/banner"), who);
        assertThat(response.getStatus()).as("banner of " + who.displayName()).isEqualTo(200);
        return response.getContentAsString();
    }

    private static String link(UUID alert) {
        return "href=\"/danger-alerts/" + alert + "\"";
    }

    private long audited(String action, UUID alert) {
        return jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = ? AND detail LIKE ?")
                .params(action, "%" + alert + "%").query(Long.class).single();
    }

    private String detail(String action, UUID alert) {
        return jdbc.sql("SELECT detail FROM aud_entry WHERE action = ? AND detail LIKE ?")
                .params(action, "%" + alert + "%").query(String.class).single();
    }

    private List<String> mails() throws Exception {
        List<String> texts = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            texts.add(message.getAllRecipients()[0] + "\n" + message.getSubject() + "\n" + GreenMailUtil.getBody(message));
        }
        return texts;
    }

    private void workAddress(StaffPrincipal who, String address) throws Exception {
        assertThat(web.status(post("/safety/settings").param("workEmail", address), who)).isEqualTo(302);
    }

    private void breakGlass(StaffPrincipal who) throws Exception {
        assertThat(web.status(post("/cases/{id}/break-glass", client.id()).param("reason", "EMERGENCY")
                .param("explanation", "Covering the case while the tandem is away"), who)).isEqualTo(302);
    }

    @Test
    void aWaitingAlertIsInTheBannerOfEveryoneWhoMayApproveItAndOfNobodyElse() throws Exception {
        UUID alert = raisedBy(a, false);

        for (StaffPrincipal approver : List.of(b, colleague, manager)) {
            assertThat(banner(approver)).as(approver.displayName()).contains("data-testid=\"danger-alert-banner\"")
                    .contains(link(alert)).contains("Danger alert to approve")
                    .doesNotContain(client.pseudonym()).doesNotContain(m);
        }
        assertThat(banner(a)).as("not the one who raised it").doesNotContain("danger-alert-banner");
        assertThat(banner(stranger)).as("another organisation").doesNotContain("danger-alert-banner");
        assertThat(web.status(get("/danger-alerts/banner"), dpo)).as("cannot approve").isEqualTo(403);
        assertThat(web.status(get("/danger-alerts/banner"), admin)).isEqualTo(403);

        // Every page of those who may approve polls it; nobody else's does.
        for (StaffPrincipal who : List.of(a, colleague, manager)) {
            assertThat(web.page("/profile", who)).contains("hx-get=\"/danger-alerts/banner\"");
        }
        for (StaffPrincipal who : List.of(dpo, admin)) {
            assertThat(web.page("/profile", who)).doesNotContain("/danger-alerts/banner");
        }

        String german = web.perform(get("/danger-alerts/banner").cookie(new Cookie("exitwork-lang", "de")), colleague)
                .getContentAsString();
        assertThat(german).contains("Gefahrenmeldung freigeben");

        UUID second = raisedBy(b, false);
        assertThat(banner(colleague)).contains("2 danger alerts waiting")
                .contains("href=\"/danger-alerts\"").doesNotContain(link(alert));
        assertThat(banner(a)).as("only B's alert is A's to approve").contains(link(second))
                .contains("Danger alert to approve");

        assertThat(web.status(post("/danger-alerts/{id}/approve", alert), colleague)).isEqualTo(302);
        assertThat(web.status(post("/danger-alerts/{id}/reject", second).param("note", "Not imminent"), manager))
                .isEqualTo(302);
        for (StaffPrincipal who : List.of(a, b, colleague, manager)) {
            assertThat(banner(who)).as("decided: gone for " + who.displayName()).doesNotContain("danger-alert-banner");
        }
    }

    @Test
    void anAlertSentAtOnceIsToReviewWithinADayThenOverdueAuditedOnceAndMailedWithoutItsContent() throws Exception {
        workAddress(a, "raiser@work.example");
        workAddress(colleague, "colleague@work.example");
        workAddress(manager, "manager@work.example");
        UUID alert = raisedBy(a, true);
        assertThat(mails()).as("the alert itself, to the police").hasSize(1);
        mail.reset();

        assertThat(banner(manager)).contains(link(alert)).contains("Danger alert to review")
                .contains("data-overdue=\"false\"");
        assertThat(web.page("/danger-alerts/" + alert, manager)).contains("Review due by")
                .contains("data-testid=\"alert-review-due\" data-overdue=\"false\"");

        clock.advance(Duration.ofHours(24).minusMinutes(1));
        reminders.run();
        assertThat(audited("DANGER_ALERT_REVIEW_OVERDUE", alert)).as("not yet").isZero();
        assertThat(banner(manager)).contains("Danger alert to review");
        assertThat(mails()).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        assertThat(banner(manager)).as("overdue, whether or not the job ran").contains(link(alert))
                .contains("Danger alert: review overdue").contains("data-overdue=\"true\"");
        assertThat(banner(a)).doesNotContain("danger-alert-banner");
        assertThat(web.page("/danger-alerts", colleague)).contains("data-testid=\"review-overdue\"")
                .contains("Overdue since");
        assertThat(web.perform(get("/danger-alerts/banner").cookie(new Cookie("exitwork-lang", "de")), colleague)
                .getContentAsString()).contains("Gefahrenmeldung: Prüfung überfällig");

        reminders.run();
        reminders.run();
        assertThat(audited("DANGER_ALERT_REVIEW_OVERDUE", alert)).as("noted once").isEqualTo(1);
        assertThat(detail("DANGER_ALERT_REVIEW_OVERDUE", alert)).startsWith("@alert.review-overdue|" + alert + "|");
        assertThat(wording.detail(detail("DANGER_ALERT_REVIEW_OVERDUE", alert), Locale.ENGLISH))
                .startsWith("alert " + alert + ": not reviewed by ").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");
        assertThat(jdbc.sql("SELECT actor_name FROM aud_entry WHERE action = 'DANGER_ALERT_REVIEW_OVERDUE' AND detail LIKE ?")
                .param("%" + alert + "%").query(String.class).single()).isEqualTo("exitwork (review reminder)");

        List<String> reminded = mails();
        assertThat(reminded).hasSize(2);
        assertThat(reminded).extracting(t -> t.split("\n")[0])
                .containsExactlyInAnyOrder("colleague@work.example", "manager@work.example");
        for (String text : reminded) {
            assertThat(text).contains("a danger alert awaits its review").contains("/danger-alerts/" + alert)
                    .contains("Gefahrenmeldung wartet auf ihre Prüfung")
                    .doesNotContain(m).doesNotContain(client.pseudonym()).doesNotContain(clientName)
                    .doesNotContain("Petra Police").doesNotContain("Threatens");
        }

        assertThat(web.status(post("/danger-alerts/{id}/review", alert).param("outcome", "JUSTIFIED")
                .param("note", "It could not wait " + m), manager)).isEqualTo(302);
        assertThat(detail("DANGER_ALERT_REVIEWED", alert)).isEqualTo("@alert.reviewed-late|" + alert + "|JUSTIFIED");
        assertThat(banner(colleague)).doesNotContain("danger-alert-banner");
        mail.reset();
        reminders.run();
        assertThat(mails()).isEmpty();
        assertThat(audited("DANGER_ALERT_REVIEW_OVERDUE", alert)).isEqualTo(1);
    }

    @Test
    void theReviewIsASecondPersonsRecordedOutcomeWithAnEncryptedNoteAndIsInTheClientsReport() throws Exception {
        UUID alert = raisedBy(a, true);
        assertThat(web.status(post("/danger-alerts/{id}/review", alert).param("outcome", "JUSTIFIED")
                .param("note", "My own"), a)).as("not the one who raised it").isEqualTo(403);
        MockHttpServletResponse missing = web.perform(post("/danger-alerts/{id}/review", alert)
                .param("note", "No outcome"), manager);
        assertThat(missing.getStatus()).isEqualTo(400);
        assertThat(missing.getContentAsString()).contains("Please choose whether the alert was justified.")
                .contains("<fieldset id=\"outcome\"");
        assertThat(web.status(post("/danger-alerts/{id}/review", alert).param("outcome", "MAYBE")
                .param("note", "Unknown outcome"), manager)).isEqualTo(400);
        assertThat(web.status(post("/danger-alerts/{id}/review", alert).param("outcome", "NOT_JUSTIFIED")
                .param("note", " "), manager)).isEqualTo(400);
        assertThat(jdbc.sql("SELECT status FROM dis_danger_alert WHERE id = ?").param(alert).query(String.class)
                .single()).isEqualTo("SENT_AWAITING_REVIEW");

        String note = "Could have waited for approval " + m;
        assertThat(web.status(post("/danger-alerts/{id}/review", alert).param("outcome", "NOT_JUSTIFIED")
                .param("note", note), manager)).isEqualTo(302);
        assertThat(jdbc.sql("SELECT status || ' ' || review_outcome FROM dis_danger_alert WHERE id = ? AND decided_by = ?")
                .params(alert, manager.id()).query(String.class).single()).isEqualTo("REVIEWED NOT_JUSTIFIED");
        assertThat(DatabaseScan.find(dataSource, List.of(m))).as("the note is sealed with the client's key").isEmpty();
        assertThat(detail("DANGER_ALERT_REVIEWED", alert)).isEqualTo("@alert.reviewed|" + alert + "|NOT_JUSTIFIED");
        assertThat(wording.detail(detail("DANGER_ALERT_REVIEWED", alert), Locale.ENGLISH))
                .isEqualTo("alert " + alert + ": Not justified");
        assertThat(wording.detail(detail("DANGER_ALERT_REVIEWED", alert), Locale.GERMAN))
                .isEqualTo("Meldung " + alert + ": Nicht gerechtfertigt");
        assertThat(wording.action("DANGER_ALERT_REVIEW_OVERDUE", Locale.GERMAN))
                .isEqualTo("Prüfung einer Gefahrenmeldung überfällig");
        assertThat(web.status(post("/danger-alerts/{id}/review", alert).param("outcome", "JUSTIFIED")
                .param("note", "Again"), colleague)).as("reviewed once").isEqualTo(409);

        assertThat(web.page("/cases/" + client.id() + "/danger-alerts", b)).contains("Reviewed by")
                .contains(manager.displayName()).contains("data-testid=\"alert-review-outcome\">Not justified<")
                .contains(note);
        assertThat(web.perform(get("/cases/{id}/danger-alerts", client.id()).cookie(new Cookie("exitwork-lang", "de")),
                b).getContentAsString()).contains(">Nicht gerechtfertigt<");

        assertThat(web.status(post("/cases/{id}/danger-alerts/{a}/told", client.id(), alert).param("told", "true")
                .param("toldOn", LocalDate.now(clock).toString()), a)).isEqualTo(302);
        List<String> report = recordParts.stream()
                .flatMap(p -> p.sections(cases.find(org.id(), client.id()).orElseThrow(), Locale.ENGLISH).stream())
                .filter(s -> s.key().equals("danger-alerts")).flatMap(s -> s.items().stream())
                .map(ClientRecordSection.Item::value).toList();
        assertThat(report).hasSize(1);
        assertThat(report.get(0)).contains("Sent at once; reviewed afterwards by " + manager.displayName() + " on "
                + LocalDate.now(clock) + ": Not justified. " + note);
    }

    @Test
    void aColleagueWhoBrokeTheGlassMayRaiseAnAlertAndWithoutItMayNot() throws Exception {
        assertThat(web.status(get("/cases/{id}/danger-alerts/new", client.id()), colleague)).isEqualTo(403);
        assertThat(web.status(raise(false), colleague)).isEqualTo(403);
        assertThat(web.status(raise(false), manager)).isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_danger_alert WHERE client_id = ?").param(client.id())
                .query(Long.class).single()).isZero();

        breakGlass(colleague);
        assertThat(web.page("/cases/" + client.id() + "/danger-alerts", colleague))
                .contains("data-testid=\"new-danger-alert\"");
        assertThat(web.page("/cases/" + client.id() + "/danger-alerts/new", colleague))
                .contains("a second staff member reviews it afterwards, within 24 hours");
        UUID alert = raisedBy(colleague, false);
        assertThat(jdbc.sql("SELECT raised_after_breaking_glass FROM dis_danger_alert WHERE id = ? AND raised_by = ?")
                .params(alert, colleague.id()).query(Boolean.class).single()).isTrue();
        assertThat(detail("DANGER_ALERT_RAISED", alert)).startsWith("@alert.raised-broken-glass|" + alert + "|");
        assertThat(wording.detail(detail("DANGER_ALERT_RAISED", alert), Locale.ENGLISH)).endsWith(
                "identifying data: none; awaits approval; raised after breaking the glass");
        assertThat(web.page("/danger-alerts/" + alert, a)).contains("data-testid=\"alert-broken-glass\"")
                .contains("Raised by a colleague covering the case after breaking the glass");

        assertThat(banner(colleague)).as("not their own").doesNotContain("danger-alert-banner");
        assertThat(banner(a)).contains(link(alert));
        assertThat(web.status(post("/danger-alerts/{id}/approve", alert), colleague)).isEqualTo(403);
        assertThat(web.status(post("/danger-alerts/{id}/approve", alert), a)).isEqualTo(302);

        breakGlass(manager);
        UUID atOnce = raisedBy(manager, true);
        assertThat(detail("DANGER_ALERT_RAISED", atOnce)).startsWith("@alert.raised-at-once-broken-glass|" + atOnce + "|");

        // The data protection officer may read after breaking the glass, never warn.
        breakGlass(dpo);
        assertThat(web.status(get("/cases/{id}/danger-alerts", client.id()), dpo)).isEqualTo(200);
        assertThat(web.status(get("/cases/{id}/danger-alerts/new", client.id()), dpo)).isEqualTo(403);
        assertThat(web.status(raise(false), dpo)).isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = 'DANGER_ALERT_ACCESS_REFUSED' "
                + "AND actor_id = ? AND detail = '@alert.raise-refused'").param(dpo.id()).query(Long.class).single())
                .isEqualTo(2);

        // Once the broken glass has run out, so has the right to raise one.
        clock.advance(Duration.ofHours(9));
        assertThat(web.status(raise(false), colleague)).isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_danger_alert WHERE client_id = ?").param(client.id())
                .query(Long.class).single()).isEqualTo(2);
    }
}
