package org.exitwork.disclosure;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.ClientRecordPart;
import org.exitwork.cases.ClientRecordSection;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.exitwork.testing.TestSmtp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Danger in default (R8), trying to break it: nothing goes out before a second staff member
 * approves, the raiser cannot approve, another organisation cannot, a non-security partner is never a
 * recipient, only the ticked identity fields go out (none by default), notes, the assessment and the
 * work agreement never do; "cannot wait" goes out at once and awaits review; the told record; erasure.
 */
@DatabaseTest
@AutoConfigureMockMvc
class DangerAlertsTest {

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
    org.springframework.context.MessageSource messages;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MutableClock clock;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    CaseDirectory cases;

    @Autowired
    List<ClientRecordPart> recordParts;

    StaffRequests web;
    Fixtures.Organisation org;

    @Autowired
    org.exitwork.accounts.Organisations organisations;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal colleague;
    StaffPrincipal manager;
    StaffPrincipal dpo;
    RegisteredClient client;
    String clientName;
    UUID police;
    UUID policeContact;
    UUID housing;
    UUID housingContact;
    String policeMail;
    String m;

    @BeforeEach
    void setUp() throws Exception {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.manager(org.id());
        dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        clientName = Fixtures.unique("Endangered Client ");
        client = fixtures.client(a, b, clientName);
        m = Fixtures.unique("alertmarker").replace("-", "");
        policeMail = "duty-" + UUID.randomUUID().toString().substring(0, 8) + "@police.example";
        police = DisclosureTestSupport.partner(web, jdbc, manager, "POLICE", "Petra Police", policeMail);
        housing = DisclosureTestSupport.partner(web, jdbc, manager, "HOUSING", "Hanna Housing", "hanna@housing.example");
        policeContact = contactOf(police);
        housingContact = contactOf(housing);
    }

    private UUID contactOf(UUID partner) {
        return jdbc.sql("SELECT id FROM net_partner_contact WHERE partner_id = ?").param(partner).query(UUID.class)
                .single();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private String url(String rest) {
        return "/cases/" + client.id() + "/danger-alerts" + rest;
    }

    private MockHttpServletRequestBuilder raise(UUID partner, UUID contact, boolean cannotWait, String... fields) {
        MockHttpServletRequestBuilder r = post(url("")).param("partnerId", partner.toString())
                .param("contactId", contact.toString()).param("kind", "VIOLENCE_AGAINST_OTHERS")
                .param("danger", "Plans an attack on a named person " + m).param("atRisk", "A neighbour " + m)
                .param("howSoon", "Tonight").param("cannotWait", Boolean.toString(cannotWait));
        for (String f : fields) {
            r.param("fields", f);
        }
        return r;
    }

    private UUID raised(boolean cannotWait, String... fields) throws Exception {
        assertThat(web.status(raise(police, policeContact, cannotWait, fields), a)).as("raised").isEqualTo(302);
        return jdbc.sql("SELECT id FROM dis_danger_alert WHERE client_id = ? ORDER BY raised_at DESC")
                .param(client.id()).query(UUID.class).list().get(0);
    }

    private List<String> mails() throws Exception {
        List<String> texts = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            texts.add(message.getAllRecipients()[0] + "\n" + message.getSubject() + "\n" + GreenMailUtil.getBody(message));
        }
        return texts;
    }

    private String status(UUID alert) {
        return jdbc.sql("SELECT status FROM dis_danger_alert WHERE id = ?").param(alert).query(String.class).single();
    }

    private long disclosures() {
        return jdbc.sql("SELECT COUNT(*) FROM dis_disclosure WHERE client_id = ? AND channel = 'DANGER_ALERT'")
                .param(client.id()).query(Long.class).single();
    }

    @Test
    void theFormOffersOnlySecurityPartnersAndTicksNoIdentityField() throws Exception {
        String page = web.page(url("/new"), a);
        assertThat(page).contains(DisclosureTestSupport.partnerName(jdbc, police)).contains("Petra Police")
                .doesNotContain(DisclosureTestSupport.partnerName(jdbc, housing)).doesNotContain("Hanna Housing")
                .doesNotContain("checked");
    }

    @Test
    void aNonSecurityPartnerIsNeverTheRecipient() throws Exception {
        MockHttpServletResponse response = web.perform(raise(housing, housingContact, true, "FULL_NAME"), a);
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentAsString()).contains("only to a named contact of an active security partner");
        assertThat(web.status(raise(police, housingContact, true, "FULL_NAME"), a)).as("another partner's contact")
                .isEqualTo(409);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_danger_alert WHERE client_id = ?").param(client.id())
                .query(Long.class).single()).isZero();
        assertThat(mails()).isEmpty();
        assertThat(disclosures()).isZero();
    }

    @Test
    void onlyTheTandemRaises() throws Exception {
        assertThat(web.status(raise(police, policeContact, true), colleague)).isEqualTo(403);
        assertThat(web.status(raise(police, policeContact, true), manager)).isEqualTo(403);
        assertThat(mails()).isEmpty();
    }

    @Test
    void nothingGoesOutBeforeApprovalAndTheRaiserCannotApprove() throws Exception {
        UUID alert = raised(false, "FULL_NAME");
        assertThat(mails()).isEmpty();
        assertThat(disclosures()).isZero();
        assertThat(status(alert)).isEqualTo("AWAITING_APPROVAL");

        assertThat(web.status(post("/danger-alerts/{id}/approve", alert), a)).isEqualTo(403);
        assertThat(web.status(post("/danger-alerts/{id}/approve", alert), dpo)).isEqualTo(403);
        Fixtures.Organisation other = fixtures.organisation();
        assertThat(web.status(post("/danger-alerts/{id}/approve", alert), fixtures.staff(other, Role.MANAGER)))
                .isEqualTo(404);
        assertThat(web.status(post("/danger-alerts/{id}/approve", alert), fixtures.staff(other, Role.PRACTITIONER)))
                .isEqualTo(404);
        assertThat(mails()).isEmpty();
        assertThat(status(alert)).isEqualTo("AWAITING_APPROVAL");

        assertThat(web.page("/danger-alerts", colleague)).contains(client.pseudonym());
        assertThat(web.page("/danger-alerts/" + alert, colleague)).contains("Plans an attack");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = 'DANGER_ALERT_OPENED' AND actor_id = ?")
                .param(colleague.id()).query(Long.class).single()).as("opening is audited").isEqualTo(1);

        assertThat(web.status(post("/danger-alerts/{id}/approve", alert), colleague)).isEqualTo(302);
        assertThat(status(alert)).isEqualTo("SENT");
        assertThat(mails()).hasSize(1);
        assertThat(mails().get(0)).startsWith(policeMail).contains("Plans an attack").contains(clientName);
        assertThat(mails().get(0).split("\n")[1]).as("the subject names the organisation that warns")
                .startsWith("Gefahr im Verzug / Danger in default – " + organisations.contact(org.id()).name() + ": ");
        assertThat(web.status(post("/danger-alerts/{id}/approve", alert), manager)).as("once").isEqualTo(409);
        assertThat(mails()).hasSize(1);

        String record = web.page(url(""), a);
        assertThat(record).doesNotContain("data-testid=\"alert-not-mailed\"");
        assertThat(record).contains("Approved and sent").contains(colleague.displayName()).contains("Petra Police")
                .contains(a.displayName());
    }

    @Test
    void withAMailServerTheApprovalSaysSentByEmail() throws Exception {
        UUID alert = raised(false, "FULL_NAME");
        org.springframework.mock.web.MockHttpSession browser = new org.springframework.mock.web.MockHttpSession();
        MvcResult approved = mvc.perform(post("/danger-alerts/{id}/approve", alert).session(browser)
                .with(Fixtures.as(colleague)).with(SecurityMockMvcRequestPostProcessors.csrf())).andReturn();
        assertThat((java.util.Map<String, Object>) approved.getFlashMap()).containsEntry("notice", "dangeralerts.notice.approved.MAILED")
                .doesNotContainKey("undelivered");
        assertThat(mails()).hasSize(1);
        String page = mvc.perform(get("/danger-alerts/{id}", alert).with(Fixtures.as(colleague)).session(browser))
                .andReturn().getResponse().getContentAsString();
        assertThat(messages.getMessage("dangeralerts.notice.approved.MAILED", null, java.util.Locale.ENGLISH))
                .isEqualTo("The alert has been approved and sent by e-mail.");
        assertThat(page).contains("data-testid=\"alert-status\">Approved and sent</strong>")
                .doesNotContain("NOT sent");
        String german = mvc.perform(get("/danger-alerts/{id}", alert).with(Fixtures.as(colleague))
                .cookie(new jakarta.servlet.http.Cookie("exitwork-lang", "de"))).andReturn().getResponse().getContentAsString();
        assertThat(german).contains("Freigegeben und gesendet</strong>");
        assertThat(messages.getMessage("dangeralerts.notice.approved.MAILED", null, java.util.Locale.GERMAN))
                .isEqualTo("Die Meldung ist freigegeben und per E-Mail gesendet.");
    }

    @Test
    void theMailLeavesOnlyOnceTheRecordOfItIsCommitted() throws Exception {
        UUID alert = raised(false, "FULL_NAME");
        // The approval runs inside a transaction that then rolls back: nothing may have gone out.
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            try {
                assertThat(web.status(post("/danger-alerts/{id}/approve", alert), colleague)).isEqualTo(302);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertThat(mail.getReceivedMessages()).as("not before the commit").isEmpty();
            tx.setRollbackOnly();
        });
        assertThat(mails()).isEmpty();
        assertThat(status(alert)).isEqualTo("AWAITING_APPROVAL");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_disclosure WHERE client_id = ?").param(client.id())
                .query(Long.class).single()).isZero();

        assertThat(web.status(post("/danger-alerts/{id}/approve", alert), colleague)).isEqualTo(302);
        assertThat(mails()).hasSize(1);
        assertThat(jdbc.sql("SELECT mailed FROM dis_danger_alert WHERE id = ?").param(alert).query(Boolean.class)
                .single()).as("the record says it went by e-mail").isTrue();
    }

    @Test
    void anAlertWhoseRecipientChangedWhileItWaitedIsNotSent() throws Exception {
        UUID waiting = raised(false, "FULL_NAME");
        // The contact person leaves: the partner's contacts are rewritten without them.
        assertThat(web.status(post("/network/partners/{id}", police).param("name", DisclosureTestSupport.partnerName(jdbc,
                police)).param("kind", "POLICE").param("mandate", "A mandate").param("agreement", "INFORMAL")
                .param("contacts[0].name", "Someone Else").param("contacts[0].email", "else@police.example"), manager))
                .isEqualTo(302);
        MockHttpServletResponse refused = web.perform(post("/danger-alerts/{id}/approve", waiting), colleague);
        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat(refused.getContentAsString()).contains("data-testid=\"alert-refused\"")
                .contains("the contact person is no longer registered");
        assertThat(status(waiting)).isEqualTo("AWAITING_APPROVAL");
        assertThat(mails()).isEmpty();

        // The partner is deactivated: refused as well.
        assertThat(web.status(raise(police, contactOf(police), false), a)).isEqualTo(302);
        UUID second = jdbc.sql("SELECT id FROM dis_danger_alert WHERE client_id = ? AND id <> ?")
                .params(client.id(), waiting).query(UUID.class).single();
        assertThat(web.status(post("/network/partners/{id}/active", police).param("active", "false"), manager))
                .isEqualTo(302);
        assertThat(web.status(post("/danger-alerts/{id}/approve", second), colleague)).isEqualTo(409);
        assertThat(mails()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_disclosure WHERE client_id = ?").param(client.id())
                .query(Long.class).single()).isZero();
        // Both refused at approval, each naming its alert and the policy's reason.
        assertThat(jdbc.sql("SELECT detail FROM aud_entry WHERE action = 'DISCLOSURE_REFUSED' AND subject = ?")
                .param(client.pseudonym()).query(String.class).list()).containsExactlyInAnyOrder(
                        AuditDetail.of("disclosure.refused-danger", "DANGER_ALERT", police, "FULL_NAME", waiting,
                                "NO_NAMED_CONTACT"),
                        AuditDetail.of("disclosure.refused-danger", "DANGER_ALERT", police, "", second, "INACTIVE_PARTNER"));
    }

    @Test
    void aDecidedAlertIsOpenOnlyToThoseWhoTookPartAndTheTandem() throws Exception {
        UUID alert = raised(false, "FULL_NAME");
        StaffPrincipal other = fixtures.staff(org, Role.PRACTITIONER);
        assertThat(web.status(get("/danger-alerts/{id}", alert), other)).as("waiting: any second staff member")
                .isEqualTo(200);
        assertThat(web.status(post("/danger-alerts/{id}/approve", alert), manager)).isEqualTo(302);

        assertThat(web.status(get("/danger-alerts/{id}", alert), other)).as("decided: not a stranger to it")
                .isEqualTo(403);
        assertThat(web.status(get("/danger-alerts/{id}/print", alert), other)).isEqualTo(403);
        assertThat(web.status(get("/danger-alerts/{id}/print", alert), manager)).as("who approved").isEqualTo(200);
        assertThat(web.status(get("/danger-alerts/{id}/print", alert), a)).as("who raised").isEqualTo(200);
        assertThat(web.status(get("/danger-alerts/{id}", alert), b)).as("the tandem").isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = 'DANGER_ALERT_ACCESS_REFUSED' AND actor_id = ?")
                .param(other.id()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aRejectedAlertNeverGoesOut() throws Exception {
        UUID alert = raised(false);
        assertThat(web.status(post("/danger-alerts/{id}/reject", alert).param("note", ""), manager)).isEqualTo(400);
        assertThat(web.status(post("/danger-alerts/{id}/reject", alert).param("note", "Not imminent " + m), manager))
                .isEqualTo(302);
        assertThat(status(alert)).isEqualTo("REJECTED");
        assertThat(web.status(post("/danger-alerts/{id}/approve", alert), colleague)).isEqualTo(409);
        assertThat(mails()).isEmpty();
        assertThat(disclosures()).isZero();
    }

    @Test
    void cannotWaitGoesOutAtOnceAndAwaitsReview() throws Exception {
        UUID alert = raised(true);
        assertThat(mails()).hasSize(1);
        assertThat(disclosures()).isEqualTo(1);
        assertThat(status(alert)).isEqualTo("SENT_AWAITING_REVIEW");
        assertThat(web.page("/danger-alerts", manager)).contains(client.pseudonym()).contains("awaiting review");
        assertThat(web.status(post("/danger-alerts/{id}/review", alert).param("outcome", "JUSTIFIED").param("note", "Right call " + m), a))
                .as("not the raiser").isEqualTo(403);
        assertThat(web.status(post("/danger-alerts/{id}/review", alert).param("outcome", "JUSTIFIED").param("note", "Right call " + m), manager))
                .isEqualTo(302);
        assertThat(status(alert)).isEqualTo("REVIEWED");
        assertThat(web.page("/danger-alerts", manager)).doesNotContain(client.pseudonym());
        assertThat(web.page(url(""), b)).contains("Sent at once and reviewed").contains(manager.displayName())
                .contains("Right call " + m);
        assertThat(mails()).hasSize(1);
    }

    @Test
    void byDefaultNoIdentityFieldGoesOut() throws Exception {
        raised(true);
        String sent = mails().get(0);
        assertThat(sent).doesNotContain(clientName).doesNotContain("2 Jan 1999").doesNotContain("contact of")
                .doesNotContain("alias of").doesNotContain(client.pseudonym());
        assertThat(jdbc.sql("SELECT what FROM dis_disclosure WHERE client_id = ?").param(client.id())
                .query(String.class).single()).isEmpty();
    }

    @Test
    void onlyTheChosenFieldsGoOut() throws Exception {
        raised(true, "DATE_OF_BIRTH");
        String sent = mails().get(0);
        assertThat(sent).contains("Date of birth: 2 Jan 1999").doesNotContain(clientName).doesNotContain("contact of")
                .doesNotContain("alias of");
        assertThat(jdbc.sql("SELECT what FROM dis_disclosure WHERE client_id = ?").param(client.id())
                .query(String.class).single()).isEqualTo("DATE_OF_BIRTH");
    }

    @Test
    void notesTheAssessmentAndTheAgreementNeverGoOut() throws Exception {
        String note = Fixtures.unique("notemarker");
        String assessment = Fixtures.unique("assessmentmarker");
        String agreement = Fixtures.unique("agreementmarker");
        fixtures.note(a, client.id(), note);
        assertThat(web.status(post("/cases/{id}/assessment", client.id()).param("assessedOn", today().minusDays(1).toString())
                .param("resources", assessment).param("dangerToSelf", "LOW").param("dangerToOthers", "HIGH"), a))
                .isEqualTo(302);
        assertThat(web.status(post("/cases/{id}/agreement", client.id()).param("objective", agreement)
                .param("changes[0].wording", agreement).param("nextSteps", agreement).param("language", "en")
                .param("basedOn", "0"), a)).isEqualTo(302);

        raised(true, "FULL_NAME", "DATE_OF_BIRTH", "CONTACT", "ALIASES");
        String sent = mails().get(0);
        assertThat(sent).contains(clientName).doesNotContain(note).doesNotContain(assessment).doesNotContain(agreement);
        assertThat(web.page(url(""), a)).doesNotContain(note).doesNotContain(assessment).doesNotContain(agreement);
        assertThat(DatabaseScan.find(dataSource, List.of(note, assessment, agreement, m))).isEmpty();
    }

    @Test
    void theTandemRecordsWhetherTheClientWasToldAndTheReportShowsOnlyToldAlerts() throws Exception {
        UUID alert = raised(true, "FULL_NAME");
        assertThat(reportItems()).isEmpty();
        assertThat(web.status(post(url("/" + alert + "/told")).param("told", "true").param("toldOn", today().toString()),
                colleague)).isEqualTo(403);
        assertThat(web.status(post(url("/" + alert + "/told")).param("told", "true")
                .param("toldOn", today().plusDays(2).toString()), a)).as("not in the future").isEqualTo(400);
        MockHttpServletResponse future = web.perform(post(url("/" + alert + "/told")).param("told", "true")
                .param("toldOn", today().plusDays(2).toString()), a);
        assertThat(future.getContentAsString()).as("the error next to the date, what was entered kept")
                .contains("id=\"told-on-error-" + alert + "\"").contains("value=\"" + today().plusDays(2) + "\"");
        MockHttpServletResponse unchosen = web.perform(post(url("/" + alert + "/told"))
                .param("toldOn", today().toString()), a);
        assertThat(unchosen.getStatus()).isEqualTo(400);
        assertThat(unchosen.getContentAsString()).contains("Please choose whether the client was told.");
        assertThat(web.status(post(url("/" + alert + "/told")).param("told", "false"), a)).isEqualTo(302);
        assertThat(web.page(url(""), a)).contains("Not yet (recorded by");
        assertThat(reportItems()).isEmpty();
        assertThat(web.status(post(url("/" + alert + "/told")).param("told", "true").param("toldOn", today().toString()),
                b)).isEqualTo(302);
        assertThat(web.page(url(""), a)).contains("Told on");
        List<ClientRecordSection.Item> items = reportItems();
        assertThat(items).hasSize(1);
        assertThat(items.get(0).value()).contains(DisclosureTestSupport.partnerName(jdbc, police)).contains("Full name");

        raised(false);
        UUID waiting = jdbc.sql("SELECT id FROM dis_danger_alert WHERE client_id = ? AND status = 'AWAITING_APPROVAL'")
                .param(client.id()).query(UUID.class).single();
        assertThat(web.status(post(url("/" + waiting + "/told")).param("told", "false"), a)).as("not sent yet")
                .isEqualTo(409);
    }

    @Test
    void theClientsReportSaysNothingOfAnAlertUntilTheyHaveBeenTold() throws Exception {
        UUID alert = raised(false, "FULL_NAME");
        assertThat(web.status(post("/danger-alerts/{id}/approve", alert), colleague)).isEqualTo(302);
        web.page("/danger-alerts/" + alert, colleague);
        web.page(url(""), a);
        List<String> before = accessCodes();
        assertThat(before).as("who opened the record, before the client was told").isNotEmpty()
                .noneMatch(c -> c.startsWith("DANGER_ALERT")).doesNotContain("DISCLOSURE_GRANTED");

        assertThat(web.status(post(url("/" + alert + "/told")).param("told", "true").param("toldOn", today().toString()),
                a)).isEqualTo(302);
        List<String> after = accessCodes();
        assertThat(after).contains("DANGER_ALERT_RAISED", "DANGER_ALERT_APPROVED", "DANGER_ALERT_OPENED",
                "DANGER_ALERT_CLIENT_TOLD", "DISCLOSURE_GRANTED", "DANGER_ALERTS_READ");

        // A second alert, not told: its entries are withheld again, the first one's stay.
        UUID second = raised(false);
        List<String> withSecond = accessCodes();
        assertThat(withSecond.stream().filter("DANGER_ALERT_RAISED"::equals)).hasSize(1);
        assertThat(withSecond).doesNotContain("DANGER_ALERTS_READ");
        assertThat(second).isNotNull();
    }

    /** The action codes of the "who opened your record" list in the client's export. */
    private List<String> accessCodes() throws Exception {
        MockHttpServletResponse response = web.perform(get(url("").replace("/danger-alerts", "/client-report/export")), a);
        assertThat(response.getStatus()).isEqualTo(200);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.getContentAsByteArray()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("export.json")) {
                    JsonNode json = JsonMapper.builder().build().readTree(new String(zip.readAllBytes(),
                            StandardCharsets.UTF_8));
                    return json.get("access").valueStream().map(n -> n.get("code").asString()).toList();
                }
            }
        }
        throw new AssertionError("no export.json");
    }

    private List<ClientRecordSection.Item> reportItems() {
        return recordParts.stream()
                .flatMap(p -> p.sections(cases.find(org.id(), client.id()).orElseThrow(), Locale.ENGLISH).stream())
                .filter(s -> s.key().equals("danger-alerts")).flatMap(s -> s.items().stream()).toList();
    }

    @Test
    void erasureLeavesNoRowAndNoMarker() throws Exception {
        UUID alert = raised(true, "FULL_NAME");
        assertThat(web.status(post("/danger-alerts/{id}/review", alert).param("outcome", "NOT_JUSTIFIED").param("note", "Reviewed " + m), manager))
                .isEqualTo(302);
        assertThat(DatabaseScan.find(dataSource, List.of(m))).isEmpty();
        assertThat(web.status(post("/cases/{id}/ending/clients-choice", client.id()).param("endedOn", today().toString())
                .param("eraseNow", "true"), a)).isEqualTo(302);
        for (String table : List.of("dis_danger_alert", "dis_disclosure")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE client_id = ?").param(client.id())
                    .query(Long.class).single()).as(table).isZero();
        }
        assertThat(DatabaseScan.find(dataSource, List.of(m))).isEmpty();
        assertThat(web.status(get("/danger-alerts/" + alert), manager)).isEqualTo(404);
    }
}
