package org.exitwork.disclosure;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.sql.DataSource;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.Tandem;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.DisclosureLog;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * R19 through the web: the client's report and export hold everything recorded (all parts), the
 * disclosures and who opened the record; never the assessment (R5) nor the shield compartment; in the
 * client's language; only the tandem hands them out; each download is a recorded disclosure; erasure
 * leaves nothing.
 */
@DatabaseTest
@AutoConfigureMockMvc
class ClientReportTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    DisclosureLog log;

    @Autowired
    CaseDirectory cases;

    @Autowired
    CaseWork caseWork;

    @Autowired
    StaffDirectory staff;

    @Autowired
    TransactionTemplate transactions;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal colleague;
    RegisteredClient client;
    String m;

    @BeforeEach
    void setUp() {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, Fixtures.unique("Reported Client "));
        m = "rep" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String url(String path) {
        return "/cases/" + client.id() + path;
    }

    /** A case with something in every room, the assessment and the compartment included. */
    private void recordEverything() throws Exception {
        fixtures.note(a, client.id(), "We talked " + m + "note today");
        UUID partner = partner();
        assertThat(web.status(post(url("/consents")).param("partnerId", partner.toString())
                .param("purpose", "Find a flat " + m + "purpose").param("kinds", "CONTACT_DETAILS")
                .param("validFrom", LocalDate.now().toString()).param("validUntil", LocalDate.now().plusMonths(3)
                        .toString()).param("informedHow", "FORM_READ_TOGETHER"), a)).isEqualTo(302);
        assertThat(web.status(post(url("/assessment")).param("assessedOn", LocalDate.now().toString())
                .param("resources", "Resources " + m + "assess").param("dangerToSelf", "LOW")
                .param("dangerToOthers", "NONE_SEEN"), a)).isEqualTo(302);
        assertThat(web.status(post(url("/safety/threats")).param("occurredOn", LocalDate.now().minusDays(1).toString())
                .param("kind", "THREATENED").param("fromWhom", "The old crew " + m + "from")
                .param("whatHappened", "Calls " + m + "threat").param("whatDone", "Changed number"), a))
                .isEqualTo(302);
        assertThat(web.status(post(url("/safety/shield")).param("involved", "Involved")
                .param("measures[0].kind", "SECURE_PHONE").param("measures[0].description", "New phone " + m + "measure")
                .param("measures[0].owner", "Tandem").param("measures[0].status", "PLANNED").param("version", "0"), a))
                .isEqualTo(302);
        assertThat(web.status(post(url("/safety/compartment")).param("newPlace", "Town " + m + "place")
                .param("newName", "Name " + m + "newname").param("newNumbers", "0170 " + m + "numbers"), a))
                .isEqualTo(302);
        assertThat(web.status(post(url("/agreement")).param("objective", "Objective " + m + "goal")
                .param("changes[0].wording", "A change").param("nextSteps", "Next").param("language", "en")
                .param("basedOn", "0"), a)).isEqualTo(302);
        assertThat(web.status(post(url("/break-glass")).param("reason", "EMERGENCY")
                .param("explanation", "Tandem unreachable"), colleague)).isEqualTo(302);
        assertThat(web.status(get(url("/sessions")), colleague)).isEqualTo(200);
    }

    private UUID partner() throws Exception {
        StaffPrincipal manager = fixtures.manager(org.id());
        String name = "Housing office " + m;
        assertThat(web.status(post("/network/partners").param("name", name).param("kind", "HOUSING")
                .param("mandate", "A mandate").param("agreement", "INFORMAL"), manager)).isEqualTo(302);
        return jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = ?").params(org.id(), name)
                .query(UUID.class).single();
    }

    private UUID disclose() {
        CaseReference ref = cases.find(org.id(), client.id()).orElseThrow();
        return transactions.execute(s -> log.granted(a, ref, new DisclosureLog.Outgoing(Channel.SHARE,
                new DisclosureLog.Recipient(UUID.randomUUID(), "Youth office " + m + "recipient"),
                List.of("CURRENT_NEEDS"), DisclosureLog.Ground.consent(UUID.randomUUID()), "For the flat " + m + "why", "content " + m + "content")));
    }

    private static String pdfText(byte[] pdf) throws Exception {
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    private static List<String> forbidden(String m) {
        return List.of(m + "assess", m + "place", m + "newname", m + "numbers");
    }

    @Test
    void theReportHoldsWhatIsRecordedTheDisclosuresAndWhoLookedButNeverTheAssessmentOrTheCompartment()
            throws Exception {
        recordEverything();
        disclose();

        MockHttpServletResponse response = web.perform(get(url("/client-report/report")), a);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("application/pdf");
        assertThat(response.getHeader("Content-Disposition")).startsWith("attachment");
        String text = pdfText(response.getContentAsByteArray());

        String colleagueName = staff.displayNames(org.id(), List.of(colleague.id())).get(colleague.id());
        assertThat(text).contains(client.pseudonym(), "Reported Client", m + "note", m + "purpose", "Housing office " + m,
                m + "goal", m + "threat", m + "measure", "Youth office " + m + "recipient", "What we record about you",
                colleagueName, DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).format(LocalDate.now(ZoneOffset.UTC)),
                "without being one of your practitioners",
                "internal assessment");
        forbidden(m).forEach(f -> assertThat(text).doesNotContain(f));
        assertThat(text).doesNotContain("Resources " + m);
    }

    @Test
    void aGermanClientsReportIsInGerman() throws Exception {
        RegisteredClient german = fixtures.prospect(a);
        fixtures.safetyDiscussion(german.id(), a);
        caseWork.takeOn(a, german.id(), fixtures.consent(org.id(), "de"),
                new ClientIdentity("Deutsche Klientin", LocalDate.of(1990, 3, 4), "Kontakt", ""), Tandem.with(b.id()));
        fixtures.note(a, german.id(), "Gespraech " + m + "note");
        MockHttpServletResponse response = web.perform(get("/cases/" + german.id() + "/client-report/report"), b);
        assertThat(response.getStatus()).isEqualTo(200);
        String text = pdfText(response.getContentAsByteArray());
        assertThat(text).contains("Was wir über Sie speichern", "Beratungsgespräche", m + "note",
                "Wer Ihre Akte geöffnet oder geändert hat").doesNotContain("What we record about you");
    }

    @Test
    void theExportIsAZipWithValidJsonOfEverySectionAndTheReport() throws Exception {
        recordEverything();
        UUID disclosure = disclose();
        MockHttpServletResponse response = web.perform(get(url("/client-report/export")), b);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("application/zip");
        assertThat(response.getHeader("Content-Disposition")).startsWith("attachment").contains(".zip");
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.getContentAsByteArray()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                files.put(e.getName(), zip.readAllBytes());
            }
        }
        assertThat(files).containsOnlyKeys("export.json", "report.pdf");
        assertThat(pdfText(files.get("report.pdf"))).contains(m + "note");
        JsonNode json = JsonMapper.builder().build().readTree(new String(files.get("export.json"), StandardCharsets.UTF_8));
        List<String> keys = json.get("sections").valueStream().map(s -> s.get("key").asString()).toList();
        assertThat(keys).contains("identity", "intake", "tandem", "sessions", "work-agreement", "assessment",
                "consents-to-share", "threat-logbook", "shield-plan");
        assertThat(json.get("disclosures").valueStream().anyMatch(d -> d.get("to").asString().contains("Youth office")))
                .isTrue();
        assertThat(json.get("access").valueStream().anyMatch(e -> "BREAK_THE_GLASS".equals(e.get("code").asString())))
                .isTrue();
        String raw = new String(files.get("export.json"), StandardCharsets.UTF_8);
        assertThat(raw).contains(m + "note", m + "purpose");
        forbidden(m).forEach(f -> assertThat(raw).doesNotContain(f));
        assertThat(disclosure).isNotNull();
    }

    @Test
    void onlyTheTandemHandsOutTheReportNotEvenAColleagueWhoBrokeTheGlass() throws Exception {
        assertThat(web.status(post(url("/break-glass")).param("reason", "EMERGENCY")
                .param("explanation", "Tandem unreachable"), colleague)).isEqualTo(302);
        List<StaffPrincipal> refused = List.of(colleague, fixtures.staff(org, Role.PRACTITIONER),
                fixtures.staff(org, Role.MANAGER), fixtures.staff(org, Role.DATA_PROTECTION_OFFICER), org.admin());
        for (String path : List.of("/client-report", "/client-report/report", "/client-report/export")) {
            for (StaffPrincipal who : refused) {
                assertThat(web.status(get(url(path)), who)).as(path + " as " + who.role()).isEqualTo(403);
            }
            assertThat(web.status(get(url(path)), a)).isEqualTo(200);
        }
        StaffPrincipal stranger = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);
        assertThat(web.status(get(url("/client-report/report")), stranger)).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_disclosure WHERE client_id = ?").param(client.id())
                .query(Long.class).single()).as("only the tandem's two downloads left").isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE subject = ? AND action = 'DISCLOSURE_REFUSED'")
                .param(client.pseudonym()).query(Long.class).single()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void theWorkAgreementForTheClientIsTheTandemsNotAColleaguesOrAManagersWhoBrokeTheGlass() throws Exception {
        assertThat(web.status(post(url("/agreement")).param("objective", "Objective " + m).param("changes[0].wording",
                "A").param("nextSteps", "Next").param("language", "en").param("basedOn", "0"), a)).isEqualTo(302);
        StaffPrincipal manager = fixtures.staff(org, Role.MANAGER);
        StaffPrincipal dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        for (StaffPrincipal reader : List.of(colleague, manager, dpo)) {
            assertThat(web.status(post(url("/break-glass")).param("reason", "ABSENCE")
                    .param("explanation", "Both of the tandem are ill this week"), reader)).isEqualTo(302);
            // They read the agreement on its page, but it offers them no printout for the client.
            assertThat(web.page(url("/agreement"), reader)).contains("Objective " + m)
                    .doesNotContain(url("/agreement/1/pdf"));
        }
        String notInTandem = "SELECT COUNT(*) FROM aud_entry a JOIN cas_client c ON c.pseudonym = a.subject "
                + "WHERE c.id = ? AND a.action = 'DISCLOSURE_REFUSED' AND a.detail = '"
                + AuditDetail.of("disclosure.refused-client", "TO_CLIENT", "WORK_AGREEMENT", "NOT_IN_TANDEM") + "'";
        long refusedBefore = count(notInTandem);
        for (StaffPrincipal who : List.of(colleague, manager, dpo, fixtures.staff(org, Role.PRACTITIONER),
                fixtures.staff(org, Role.MANAGER), org.admin())) {
            assertThat(web.status(get(url("/agreement/1/pdf")), who)).as(who.role().name()).isEqualTo(403);
        }
        assertThat(count("SELECT COUNT(*) FROM dis_disclosure WHERE client_id = ?")).as("nothing left").isZero();
        assertThat(count(notInTandem)).as("each refusal audited, the administrator's at the door")
                .isEqualTo(refusedBefore + 5);
        for (StaffPrincipal tandem : List.of(a, b)) {
            assertThat(web.status(get(url("/agreement/1/pdf")), tandem)).isEqualTo(200);
        }
        assertThat(count("SELECT COUNT(*) FROM dis_disclosure WHERE client_id = ? AND channel = 'TO_CLIENT' "
                + "AND what = 'WORK_AGREEMENT'")).isEqualTo(2);
        StaffPrincipal stranger = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);
        assertThat(web.status(get(url("/agreement/1/pdf")), stranger)).isEqualTo(404);
    }

    @Test
    void everyDownloadIsARecordedDisclosureToTheClient() throws Exception {
        assertThat(web.status(post(url("/agreement")).param("objective", "Objective").param("changes[0].wording", "A")
                .param("nextSteps", "Next").param("language", "en").param("basedOn", "0"), a)).isEqualTo(302);
        Map<String, String> downloads = Map.of("/client-report/report", "REPORT", "/client-report/export", "EXPORT",
                "/agreement/1/pdf", "WORK_AGREEMENT");
        for (Map.Entry<String, String> download : downloads.entrySet()) {
            String what = download.getValue();
            String disclosures = "SELECT id FROM dis_disclosure WHERE client_id = ? AND channel = 'TO_CLIENT' AND what = ?";
            List<UUID> before = jdbc.sql(disclosures).params(client.id(), what).query(UUID.class).list();
            assertThat(web.status(get(url(download.getKey())), a)).isEqualTo(200);
            List<UUID> after = new java.util.ArrayList<>(jdbc.sql(disclosures).params(client.id(), what)
                    .query(UUID.class).list());
            after.removeAll(before);
            assertThat(after).as(download.getKey()).hasSize(1);
            // The audit names the channel, what went out, its ground (the client's own record, or the
            // agreement's version) and the disclosure, exactly.
            String detail = what.equals("WORK_AGREEMENT")
                    ? AuditDetail.of("disclosure.work-agreement", "TO_CLIENT", what, 1, after.get(0))
                    : AuditDetail.of("disclosure.subject-access", "TO_CLIENT", what, after.get(0));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry a JOIN cas_client c ON c.pseudonym = a.subject "
                    + "WHERE c.id = ? AND a.action = 'DISCLOSURE_GRANTED' AND a.detail = ?").params(client.id(), detail)
                    .query(Long.class).single()).as(download.getKey() + " audited").isEqualTo(1);
        }
        // The next report lists the earlier downloads as disclosures to the client.
        String text = pdfText(web.perform(get(url("/client-report/report")), a).getContentAsByteArray());
        assertThat(text).contains("handed to you", "work agreement", "full export");
    }

    private long count(String sql) {
        return jdbc.sql(sql).param(client.id()).query(Long.class).single();
    }

    @Test
    void afterErasureNothingRemains() throws Exception {
        recordEverything();
        disclose();
        assertThat(web.status(get(url("/client-report/report")), a)).isEqualTo(200);
        assertThat(web.status(get(url("/client-report/export")), a)).isEqualTo(200);
        assertThat(web.status(post(url("/ending/clients-choice")).param("endedOn", LocalDate.now().toString())
                .param("eraseNow", "true"), a)).isEqualTo(302);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_disclosure WHERE client_id = ?").param(client.id())
                .query(Long.class).single()).isZero();
        List<String> markers = List.of(m + "note", m + "purpose", m + "recipient", m + "why", m + "content", m + "goal",
                m + "threat", m + "measure", "Reported Client");
        assertThat(DatabaseScan.find(dataSource, markers)).isEmpty();
    }
}
