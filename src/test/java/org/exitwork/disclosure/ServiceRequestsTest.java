package org.exitwork.disclosure;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.consent.DataKind;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldRef;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Service requests to social services (R9, R11), through the web: every way to break the rules is
 * refused with its reason, audited, and stores nothing; a granted request goes out under the
 * pseudonym with the redisclosure notice, as a PDF and through a link that shows only that request;
 * the partner answers with the FHIR Task statuses, each kept with who and when; the link ends with the
 * consent, the request, its time and the client, and then answers exactly like a closed share link.
 */
@DatabaseTest
@AutoConfigureMockMvc
class ServiceRequestsTest {

    private static final Pattern LINK = Pattern.compile(
            "data-testid=\"service-request-link\">[^<]*/service-request/([A-Za-z0-9_-]{43})<");
    static final String NOTICE_EN = "This information is disclosed under the client's consent for the purpose stated. "
            + "You may not pass it on to anyone else, and you may not use it to investigate or prosecute the client.";

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    DataSource dataSource;

    @Autowired
    MutableClock clock;

    @Autowired
    ClientKeys keys;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal colleague;
    StaffPrincipal manager;
    RegisteredClient client;
    String fullName;
    String m;
    UUID housing;

    @BeforeEach
    void setUp() throws Exception {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.manager(org.id());
        m = Fixtures.unique("srmarker").replace("-", "");
        fullName = "Srname" + m + " Person";
        client = fixtures.client(a, b, fullName);
        housing = partner("HOUSING");
        services(housing, 5, "HOUSING", "DEBT");
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private UUID partner(String kind) throws Exception {
        String name = "Partner " + kind + " " + UUID.randomUUID().toString().substring(0, 8);
        assertThat(web.status(post("/network/partners").param("name", name).param("kind", kind)
                .param("mandate", "A mandate").param("agreement", "INFORMAL"), manager)).isEqualTo(302);
        return jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = ?").params(org.id(), name)
                .query(UUID.class).single();
    }

    private void services(UUID partner, int days, String... needs) throws Exception {
        assertThat(web.status(post("/network/partners/{id}/services", partner).param("needs", needs)
                .param("howToReach", "Intake desk, phone 030 123").param("language", "German, Turkish")
                .param("responseDays", Integer.toString(days)), manager)).as("services saved").isEqualTo(302);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private UUID consent(UUID partner, String... kinds) throws Exception {
        Set<UUID> before = new HashSet<>(consentIds());
        assertThat(web.status(post("/cases/{id}/consents", client.id()).param("partnerId", partner.toString())
                .param("purpose", "Purpose " + m).param("kinds", kinds)
                .param("validFrom", today().toString()).param("validUntil", today().plusMonths(6).toString())
                .param("informedHow", "FORM_READ_TOGETHER"), a)).as("consent recorded").isEqualTo(302);
        return consentIds().stream().filter(id -> !before.contains(id)).findFirst().orElseThrow();
    }

    /** A consent the consent form would refuse (a security partner, a funder, a peer), written into the database. */
    private UUID consentByHand(UUID partner) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO con_consent (id, org_id, client_id, partner_id, purpose, valid_from, valid_until, "
                + "informed_how, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, org.id(), client.id(), partner,
                        keys.cipherFor(client.id()).encrypt(FieldRef.of("con_consent", id, "purpose"), "By hand"),
                        today().minusDays(1), today().plusMonths(6), "FORM_READ_TOGETHER", a.id(),
                        Timestamp.from(clock.instant()))
                .update();
        for (String kind : List.of("SERVICE_REQUEST", "CURRENT_NEEDS")) {
            jdbc.sql("INSERT INTO con_consent_kind (consent_id, client_id, kind) VALUES (?, ?, ?)")
                    .params(id, client.id(), kind).update();
        }
        return id;
    }

    private List<UUID> consentIds() {
        return jdbc.sql("SELECT id FROM con_consent WHERE client_id = ?").param(client.id()).query(UUID.class).list();
    }

    private MockHttpServletRequestBuilder request(UUID partner, UUID consent, String need, Map<DataKind, String> texts) {
        MockHttpServletRequestBuilder request = post("/cases/{id}/service-requests", client.id())
                .param("partnerId", partner.toString()).param("consentId", consent.toString()).param("need", need)
                .param("language", "en");
        texts.forEach((kind, text) -> request.param("texts[" + kind.ordinal() + "]", text));
        return request;
    }

    private static Map<DataKind, String> texts(Object... kindsAndTexts) {
        Map<DataKind, String> texts = new LinkedHashMap<>();
        for (int i = 0; i < kindsAndTexts.length; i += 2) {
            texts.put((DataKind) kindsAndTexts[i], (String) kindsAndTexts[i + 1]);
        }
        return texts;
    }

    /** Sends and returns the link's token. */
    private String granted(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = web.perform(request, a);
        assertThat(response.getStatus()).as("request granted").isEqualTo(200);
        Matcher link = LINK.matcher(response.getContentAsString());
        assertThat(link.find()).as("the link is shown").isTrue();
        return link.group(1);
    }

    /** A request for housing granted, its partner's page opened {@code times} times; the link's token. */
    private String requestOpened(int times) throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        String token = granted(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Needs a flat")));
        for (int i = 0; i < times; i++) {
            assertThat(link(token).getStatus()).as("use " + (i + 1)).isEqualTo(200);
        }
        return token;
    }

    /** What the partner does: opens the link (a page with a button) and presses the button. */
    private MockHttpServletResponse link(String token) throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/service-request/{token}", token)).andReturn().getResponse();
        if (page.getStatus() == 200) {
            assertThat(page.getContentAsString()).contains("action=\"/service-request/" + token + "/open\"");
        }
        return mvc.perform(post("/service-request/{token}/open", token)).andReturn().getResponse();
    }

    /** The PDF's button on the request's page. */
    private MockHttpServletResponse pdf(String token) throws Exception {
        return mvc.perform(post("/service-request/{token}/pdf", token)).andReturn().getResponse();
    }

    private MockHttpServletResponse answer(String token, String status, int version, String name, String reason)
            throws Exception {
        // What the browser sends: the form as the page has it, no form token.
        MockHttpServletRequestBuilder post = post("/service-request/{token}", token)
                .param("status", status).param("version", Integer.toString(version)).param("name", name);
        if (reason != null) {
            post.param("reason", reason);
        }
        return mvc.perform(post).andReturn().getResponse();
    }

    private MockHttpServletResponse closedShareLink() throws Exception {
        return mvc.perform(post("/shared/{token}", "B".repeat(43)).with(csrf())).andReturn().getResponse();
    }

    private long rows(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE client_id = ?").param(client.id()).query(Long.class)
                .single();
    }

    private long audited(String action) {
        return audit.about(org.id(), client.pseudonym()).stream().filter(e -> e.action().equals(action)).count();
    }

    private String status() {
        return jdbc.sql("SELECT status FROM dis_service_request WHERE client_id = ?").param(client.id())
                .query(String.class).single();
    }

    /** A request that must be refused: 409, the reason shown, one refusal audited, nothing stored. */
    private void refused(MockHttpServletRequestBuilder request, String reason, String code) throws Exception {
        long before = audited("DISCLOSURE_REFUSED");
        MockHttpServletResponse response = web.perform(request, a);
        assertThat(response.getStatus()).as("refused: " + reason).isEqualTo(409);
        assertThat(response.getContentAsString()).contains("data-testid=\"service-request-refused\"").contains(reason)
                .doesNotContain("/service-request/");
        assertThat(rows("dis_service_request")).as("no request stored").isZero();
        assertThat(rows("dis_service_request_event")).isZero();
        assertThat(rows("dis_disclosure")).as("no disclosure recorded").isZero();
        assertThat(audited("DISCLOSURE_REFUSED")).as("the refusal is audited").isEqualTo(before + 1);
        assertThat(audit.about(org.id(), client.pseudonym())).extracting(AuditEntry::detail)
                .anyMatch(d -> d != null && d.startsWith("@disclosure.refused-consent|SERVICE_REQUEST|")
                        && d.endsWith("|" + code));
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The loop

    /**
     * The partner's link is used at most 50 times a day (every use is audited): then the page, the PDF and an
     * answer are refused with 429, the budget's end is audited once, and nothing changes.
     */
    /** The partner's link names the public address, never the request's Host (see SharesTest). */
    @Test
    void theLinkNamesThePublicAddressWhateverHostTheRequestNames() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        MockHttpServletResponse response = web.perform(request(housing, consent, "HOUSING",
                texts(DataKind.CURRENT_NEEDS, "Needs a flat")).header("Host", "evil.example"), a);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).containsPattern(
                "data-testid=\"service-request-link\">http://localhost:8080/service-request/[A-Za-z0-9_-]{43}<")
                .doesNotContain("evil.example");
    }

    /**
     * Mail scanners and chat previews open links by themselves: opening the link shows a page with one button
     * and takes nothing. The page is the same for a live link, a cancelled one and one that never was; it
     * records, counts and shows nothing of the request and starts no session. Only the button (a POST) opens
     * the request; the PDF is a button too, and a GET of its address takes nothing.
     */
    @Test
    void openingTheLinkShowsOnlyAButtonAndTakesNothing() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        String token = granted(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)));
        String cancelled = granted(request(housing, consent, "DEBT", texts(DataKind.CURRENT_NEEDS, "Debts " + m)));
        UUID id = jdbc.sql("SELECT id FROM dis_service_request WHERE client_id = ? AND need = 'HOUSING'")
                .param(client.id()).query(UUID.class).single();
        UUID cancelledId = jdbc.sql("SELECT id FROM dis_service_request WHERE client_id = ? AND need = 'DEBT'")
                .param(client.id()).query(UUID.class).single();
        assertThat(web.status(post("/cases/{id}/service-requests/{r}/cancel", client.id(), cancelledId)
                .param("version", "0"), a)).isEqualTo(302);
        long auditedBefore = audit.about(org.id(), client.pseudonym()).size();

        String unknown = "C".repeat(43);
        String unknownPage = mvc.perform(get("/service-request/{t}", unknown)).andReturn().getResponse()
                .getContentAsString().replace(unknown, "TOKEN");
        for (String t : List.of(token, cancelled, unknown)) {
            for (int i = 0; i < 3; i++) {
                MockHttpServletResponse page = mvc.perform(get("/service-request/{t}", t)).andReturn().getResponse();
                assertThat(page.getStatus()).isEqualTo(200);
                assertThat(page.getContentType()).startsWith("text/html");
                assertThat(page.getHeader("Set-Cookie")).as("no session for a visitor of the page").isNull();
                assertThat(page.getContentAsString()).contains("data-testid=\"service-request-open-form\"",
                        "action=\"/service-request/" + t + "/open\"")
                        .doesNotContain("Flat " + m, "Debts " + m, client.pseudonym(), "Housing", "_csrf");
                assertThat(page.getContentAsString().replace(t, "TOKEN")).isEqualTo(unknownPage);
            }
            assertThat(mvc.perform(get("/service-request/{t}/pdf", t)).andReturn().getResponse().getStatus())
                    .as("the PDF's address, opened").isEqualTo(405);
        }
        assertThat(mvc.perform(get("/service-request/{t}", "short")).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(audit.about(org.id(), client.pseudonym())).hasSize((int) auditedBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_link_use WHERE link_id IN (?, ?)").params(id, cancelledId)
                .query(Long.class).single()).isZero();

        // The button: the request, one use, one entry; still no session and no form token.
        MockHttpServletResponse opened = mvc.perform(post("/service-request/{t}/open", token)).andReturn()
                .getResponse();
        assertThat(opened.getStatus()).isEqualTo(200);
        assertThat(opened.getHeader("Set-Cookie")).isNull();
        assertThat(opened.getContentAsString()).contains("Flat " + m, client.pseudonym(),
                "action=\"/service-request/" + token + "\"", "action=\"/service-request/" + token + "/pdf\"",
                // the language links lead back to the link's page: the request's own address answers only POST
                "href=\"/service-request/" + token + "?lang=de\"")
                .doesNotContain("_csrf", "/open?lang=");
        assertThat(audited("SERVICE_REQUEST_LINK_OPENED")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT uses FROM dis_link_use WHERE link_id = ?").param(id).query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(mvc.perform(post("/service-request/{t}/open", cancelled)).andReturn().getResponse().getStatus())
                .isEqualTo(404);
    }

    /**
     * The partner opens the request, asks a colleague and answers an hour later: the answer is taken, since
     * nothing the page keeps (no session, no form token) can run out meanwhile. The link's page then says the
     * answer was recorded, and the request behind its button shows it.
     */
    @Test
    void theAnswerIsTakenLongAfterTheRequestWasOpened() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        String token = granted(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)));
        assertThat(link(token).getStatus()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(60));
        MockHttpServletResponse answered = answer(token, "ACCEPTED", 0, "Ms Partner", null);
        assertThat(answered.getStatus()).isEqualTo(302);
        assertThat(answered.getRedirectedUrl()).isEqualTo("/service-request/" + token + "?answered=true");
        assertThat(status()).isEqualTo("ACCEPTED");
        MockHttpServletResponse thanks = mvc.perform(get(answered.getRedirectedUrl())).andReturn().getResponse();
        assertThat(thanks.getStatus()).isEqualTo(200);
        assertThat(thanks.getContentAsString()).contains("Thank you, your answer was recorded.")
                .doesNotContain("Flat " + m);
        assertThat(link(token).getContentAsString()).contains("data-status=\"ACCEPTED\"", "by Ms Partner");
    }

    @Test
    void thePartnersLinkIsUsedAtMostFiftyTimesADay() throws Exception {
        String token = requestOpened(49);
        assertThat(pdf(token).getStatus())
                .as("use 50").isEqualTo(200);
        assertThat(audited("SERVICE_REQUEST_LINK_OPENED")).isEqualTo(50);
        assertThat(link(token).getStatus()).isEqualTo(429);
        assertThat(pdf(token).getStatus())
                .isEqualTo(429);
        assertThat(answer(token, "ACCEPTED", 0, "Ms Partner", null).getStatus()).isEqualTo(429);
        assertThat(status()).isEqualTo("REQUESTED");
        assertThat(audited("LINK_USES_USED_UP")).isEqualTo(1);
        assertThat(audited("SERVICE_REQUEST_LINK_OPENED")).isEqualTo(50);
        assertThat(audited("SERVICE_REQUEST_ANSWERED")).isZero();

        clock.advance(java.time.Duration.ofDays(1));
        assertThat(answer(token, "ACCEPTED", 0, "Ms Partner", null).getStatus()).as("the next day").isEqualTo(302);
        assertThat(status()).isEqualTo("ACCEPTED");
    }

    /**
     * One request is one use of the link: an answer, a stale one and a form with mistakes each use the link once
     * (they used it twice or three times: the answer after 49 opened pages was refused, 429, and lost).
     */
    @Test
    void anAnswerIsOneUseOfTheLink() throws Exception {
        String token = requestOpened(46);
        assertThat(answer(token, "ACCEPTED", 0, "", null).getStatus()).as("use 47: no name").isEqualTo(400);
        assertThat(answer(token, "ACCEPTED", 0, "Ms Partner", null).getStatus()).as("use 48").isEqualTo(302);
        assertThat(answer(token, "ACCEPTED", 0, "Ms Partner", null).getStatus()).as("use 49: stale").isEqualTo(409);
        assertThat(answer(token, "IN_PROGRESS", 1, "Ms Partner", null).getStatus()).as("use 50").isEqualTo(302);
        assertThat(status()).isEqualTo("IN_PROGRESS");
        assertThat(answer(token, "COMPLETED", 2, "Ms Partner", null).getStatus()).as("use 51").isEqualTo(429);
        assertThat(status()).isEqualTo("IN_PROGRESS");
        assertThat(audited("LINK_USES_USED_UP")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT u.uses FROM dis_link_use u JOIN dis_service_request r ON r.id = u.link_id"
                + " WHERE r.client_id = ?").param(client.id()).query(Integer.class).single()).isEqualTo(51);
    }

    @Test
    void aRequestGoesOutUnderThePseudonymAndThePartnerAnswersThroughItsLink() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        String token = granted(request(housing, consent, "HOUSING",
                texts(DataKind.CURRENT_NEEDS, "Needs a flat by March " + m)));
        assertThat(status()).isEqualTo("REQUESTED");
        assertThat(jdbc.sql("SELECT channel FROM dis_disclosure WHERE client_id = ?").param(client.id())
                .query(String.class).single()).isEqualTo("SERVICE_REQUEST");
        UUID id = jdbc.sql("SELECT id FROM dis_service_request WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();

        // The printable PDF: sender, pseudonym, need, text, notice; never the name.
        MockHttpServletResponse pdf = web.perform(get("/cases/{id}/service-requests/{r}/document", client.id(), id), a);
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        String printed = pdfText(pdf.getContentAsByteArray());
        assertThat(printed).contains(client.pseudonym(), "Need: Housing", "Needs a flat by March " + m, NOTICE_EN,
                "Please answer by").doesNotContain("Srname" + m);

        // The partner's page shows that request, and only it.
        MockHttpServletResponse page = link(token);
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains(client.pseudonym(), "Needs a flat by March " + m,
                "You may not pass it on to anyone else, and you may not use it to investigate or prosecute the client.")
                .doesNotContain("Srname" + m, "/cases/", a.username());
        assertThat(pdf(token).getStatus())
                .isEqualTo(200);

        // A rejection needs a reason; a name is always needed; nothing changes meanwhile.
        assertThat(answer(token, "REJECTED", 0, "Ms Partner", " ").getStatus()).isEqualTo(400);
        assertThat(answer(token, "ACCEPTED", 0, " ", null).getStatus()).isEqualTo(400);
        assertThat(answer(token, "SOMETHING", 0, "Ms Partner", null).getStatus()).isEqualTo(400);
        assertThat(status()).isEqualTo("REQUESTED");

        assertThat(answer(token, "RECEIVED", 0, "Ms Partner", null).getStatus()).isEqualTo(302);
        assertThat(answer(token, "ACCEPTED", 1, "Ms Partner", null).getStatus()).isEqualTo(302);
        // A stale page (version 1 again) and a step FHIR does not allow (accepted -> received) change nothing.
        assertThat(answer(token, "IN_PROGRESS", 1, "Mr Other", null).getStatus()).isEqualTo(409);
        assertThat(answer(token, "RECEIVED", 2, "Mr Other", null).getStatus()).isEqualTo(409);
        assertThat(answer(token, "IN_PROGRESS", 2, "Mr Other", null).getStatus()).isEqualTo(302);
        assertThat(answer(token, "COMPLETED", 3, "Mr Other", null).getStatus()).isEqualTo(302);
        assertThat(status()).isEqualTo("COMPLETED");
        assertThat(answer(token, "CANCELLED", 4, "Mr Other", null).getStatus()).as("completed is final").isEqualTo(409);

        // Every change with who and when, the partner's names sealed.
        assertThat(jdbc.sql("SELECT status FROM dis_service_request_event WHERE request_id = ? ORDER BY seq")
                .param(id).query(String.class).list())
                .containsExactly("REQUESTED", "RECEIVED", "ACCEPTED", "IN_PROGRESS", "COMPLETED");
        assertThat(DatabaseScan.find(dataSource, List.of("Ms Partner", "Mr Other"))).isEmpty();
        String list = web.page("/cases/" + client.id() + "/service-requests", a);
        assertThat(list).contains("data-status=\"COMPLETED\"", "by Ms Partner at the partner", "by Mr Other at the partner");
        assertThat(audited("SERVICE_REQUEST_ANSWERED")).isEqualTo(4);
        assertThat(audited("DISCLOSURE_GRANTED")).isEqualTo(1);
        assertThat(list).contains("Requested");
    }

    @Test
    void aRejectionKeepsItsReason() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        String token = granted(request(housing, consent, "DEBT", texts(DataKind.CURRENT_NEEDS, "Debts " + m)));
        assertThat(answer(token, "REJECTED", 0, "Ms Partner", "No capacity until May").getStatus()).isEqualTo(302);
        assertThat(status()).isEqualTo("REJECTED");
        assertThat(web.page("/cases/" + client.id() + "/service-requests", a)).contains("reason: No capacity until May");
        assertThat(DatabaseScan.find(dataSource, List.of("No capacity until May"))).isEmpty();
    }

    @Test
    void theFhirExportIsPseudonymousValidAndGoesThroughTheGate() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        String token = granted(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)));
        UUID id = jdbc.sql("SELECT id FROM dis_service_request WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        assertThat(answer(token, "ACCEPTED", 0, "Ms Partner", null).getStatus()).isEqualTo(302);

        MockHttpServletResponse export = web.perform(get("/cases/{id}/service-requests/{r}/fhir", client.id(), id), a);
        assertThat(export.getStatus()).isEqualTo(200);
        assertThat(export.getContentType()).isEqualTo("application/fhir+json");
        String json = export.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("Srname" + m);
        Bundle bundle = FhirContext.forR4().newJsonParser()
                .setParserErrorHandler(new StrictErrorHandler())
                .parseResource(Bundle.class, json);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType())
                .containsExactly("Patient", "Consent", "ServiceRequest", "Task");
        Patient patient = (Patient) bundle.getEntry().get(0).getResource();
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(client.pseudonym());
        assertThat(patient.getName()).isEmpty();
        assertThat(patient.hasBirthDate()).isFalse();
        assertThat(patient.getTelecom()).isEmpty();
        Consent fhirConsent = (Consent) bundle.getEntry().get(1).getResource();
        assertThat(fhirConsent.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        assertThat(fhirConsent.getProvision().getClass_()).extracting(c -> c.getCode()).containsExactly("CURRENT_NEEDS");
        assertThat(fhirConsent.getProvision().getActorFirstRep().getReference().getDisplay()).isEqualTo(
                jdbc.sql("SELECT name FROM net_partner WHERE id = ?").param(housing).query(String.class).single());
        ServiceRequest serviceRequest =
                (ServiceRequest) bundle.getEntry().get(2).getResource();
        assertThat(serviceRequest.getCode().getCodingFirstRep().getCode()).isEqualTo("HOUSING");
        assertThat(serviceRequest.getSubject().getReference()).isEqualTo("Patient/patient");
        assertThat(serviceRequest.getNote()).extracting(n -> n.getText()).contains("Current needs: Flat " + m, NOTICE_EN);
        Task task = (Task) bundle.getEntry().get(3).getResource();
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.ACCEPTED);
        assertThat(task.getBasedOnFirstRep().getReference()).isEqualTo("ServiceRequest/request");
        assertThat(rows("dis_disclosure")).as("the export is a disclosure of its own").isEqualTo(2);
        assertThat(audited("SERVICE_REQUESTS_EXPORTED")).isEqualTo(1);

        // Only the tandem; and not once the consent is revoked (refused, audited, nothing recorded).
        assertThat(web.status(get("/cases/{id}/service-requests/{r}/fhir", client.id(), id), colleague)).isEqualTo(403);
        assertThat(web.status(post("/cases/{id}/consents/{c}/revoke", client.id(), consent)
                .param("revokedOn", today().toString()), a)).isEqualTo(302);
        long refusals = audited("DISCLOSURE_REFUSED");
        assertThat(web.status(get("/cases/{id}/service-requests/{r}/fhir", client.id(), id), a)).isEqualTo(409);
        assertThat(audited("DISCLOSURE_REFUSED")).isEqualTo(refusals + 1);
        assertThat(rows("dis_disclosure")).isEqualTo(2);
    }

    @Test
    void aConsentIsExportedWithItsServiceRequestsForThePartnersSystemOnly() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        granted(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)));
        granted(request(housing, consent, "DEBT", texts(DataKind.CURRENT_NEEDS, "Debts " + m)));
        UUID shareConsent = consent(housing, "CURRENT_NEEDS", "HOUSING");
        long disclosures = rows("dis_disclosure");

        MockHttpServletResponse export = web.perform(get("/cases/{id}/consents/{c}/fhir", client.id(), consent), a);
        assertThat(export.getStatus()).isEqualTo(200);
        assertThat(export.getContentType()).isEqualTo("application/fhir+json");
        String json = export.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("Srname" + m);
        Bundle bundle = FhirContext.forR4().newJsonParser().setParserErrorHandler(new StrictErrorHandler())
                .parseResource(Bundle.class, json);
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType())
                .containsExactly("Patient", "Consent", "ServiceRequest", "Task", "ServiceRequest", "Task");
        Patient patient = (Patient) bundle.getEntry().get(0).getResource();
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(client.pseudonym());
        assertThat(patient.getName()).isEmpty();
        Consent fhirConsent = (Consent) bundle.getEntry().get(1).getResource();
        assertThat(fhirConsent.getProvision().getPurpose()).extracting(c -> c.getCode()).containsExactly("SERVICE_REQUEST");
        assertThat(fhirConsent.getProvision().getClass_()).extracting(c -> c.getCode()).containsExactly("CURRENT_NEEDS");
        assertThat(List.of(bundle.getEntry().get(2), bundle.getEntry().get(4)))
                .extracting(e -> ((ServiceRequest) e.getResource()).getCode().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder("HOUSING", "DEBT");
        assertThat(((Task) bundle.getEntry().get(5).getResource()).getFocus().getReference())
                .isEqualTo("ServiceRequest/request-2");
        assertThat(rows("dis_disclosure")).as("the export is a disclosure of its own").isEqualTo(disclosures + 1);

        // A consent to share goes as a consent alone, its purpose a share.
        Bundle shared = FhirContext.forR4().newJsonParser().parseResource(Bundle.class, web.perform(
                get("/cases/{id}/consents/{c}/fhir", client.id(), shareConsent), a)
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(shared.getEntry()).extracting(e -> e.getResource().fhirType()).containsExactly("Patient", "Consent");
        assertThat(((Consent) shared.getEntry().get(1).getResource()).getProvision().getPurpose())
                .extracting(c -> c.getCode()).containsExactly("SHARE");

        // Only the tandem; a revoked consent is not found; another client's consent is not found either.
        assertThat(web.status(get("/cases/{id}/consents/{c}/fhir", client.id(), consent), colleague)).isEqualTo(403);
        assertThat(web.status(post("/cases/{id}/consents/{c}/revoke", client.id(), consent)
                .param("revokedOn", today().toString()), a)).isEqualTo(302);
        assertThat(web.status(get("/cases/{id}/consents/{c}/fhir", client.id(), consent), a)).isEqualTo(404);
        assertThat(web.status(get("/cases/{id}/consents/{c}/fhir", client.id(), UUID.randomUUID()), a)).isEqualTo(404);
        assertThat(rows("dis_disclosure")).isEqualTo(disclosures + 2);
    }

    // ---------------------------------------------------------------------------------------------
    // Every rule, broken

    @Test
    void withoutAnyConsent() throws Exception {
        UUID other = partner("EMPLOYMENT");
        services(other, 5, "WORK");
        UUID consentForOther = consent(other, "SERVICE_REQUEST", "CURRENT_NEEDS");
        refused(request(housing, consentForOther, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)),
                "there is no valid consent of the client for this partner", "NO_CONSENT");
    }

    @Test
    void aConsentToShareIsNoConsentToRequest() throws Exception {
        UUID consent = consent(housing, "CURRENT_NEEDS", "HOUSING");
        refused(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)),
                "does not allow service requests", "NOT_FOR_SERVICE_REQUESTS");
    }

    @Test
    void beyondTheConsentsKindsOfData() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        refused(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m,
                DataKind.FAMILY_SITUATION, "Family " + m)), "does not cover every kind of data", "KINDS_NOT_COVERED");
    }

    @Test
    void aNeedThePartnerDoesNotServe() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        refused(request(housing, consent, "HEALTH", texts(DataKind.CURRENT_NEEDS, "Therapy " + m)),
                "lists no service for this need", "NEED_NOT_OFFERED");
    }

    @Test
    void aTextThatNamesTheClient() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        refused(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat for SRNAME" + m.toUpperCase())),
                "a text names the client", "NAMES_THE_CLIENT");
    }

    @Test
    void aRevokedConsent() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        assertThat(web.status(post("/cases/{id}/consents/{c}/revoke", client.id(), consent)
                .param("revokedOn", today().toString()), a)).isEqualTo(302);
        refused(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)),
                "there is no valid consent", "NO_CONSENT");
    }

    @Test
    void aSecurityPartnerAFunderAndAPeerByHandMadePosts() throws Exception {
        Map<String, String> expected = Map.of("POLICE", "ONE_WAY_STREET", "FUNDER", "FUNDERS_SEE_AGGREGATES_ONLY",
                "PEER_NGO", "PEERS_SEE_VIGNETTES_ONLY", "GRASS_ROOTS", "NOT_A_SOCIAL_SERVICE");
        for (Map.Entry<String, String> kind : expected.entrySet()) {
            UUID partner = partner(kind.getKey());
            // Nobody can even record services for it.
            assertThat(web.status(post("/network/partners/{id}/services", partner).param("needs", "HOUSING")
                    .param("howToReach", "Desk").param("responseDays", "3"), manager)).isEqualTo(409);
            assertThat(web.page("/cases/" + client.id() + "/service-requests/new", a)).doesNotContain(partner.toString());
            UUID consent = consentByHand(partner);
            refused(request(partner, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m + "-by-hand")),
                    "Refused: ", kind.getValue());
        }
        assertThat(DatabaseScan.find(dataSource, List.of(m + "-by-hand"))).isEmpty();
    }

    @Test
    void anotherOrganisationsPartnerAndAnInactiveOne() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        assertThat(web.status(post("/network/partners/{id}/active", housing).param("active", "false"), manager))
                .isEqualTo(302);
        refused(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)),
                "this partner is no longer active", "INACTIVE_PARTNER");
        StaffPrincipal foreignManager = fixtures.manager(fixtures.organisation().id());
        String name = "Foreign " + UUID.randomUUID();
        assertThat(web.status(post("/network/partners").param("name", name).param("kind", "HOUSING")
                .param("mandate", "A mandate").param("agreement", "INFORMAL"), foreignManager)).isEqualTo(302);
        UUID foreign = jdbc.sql("SELECT id FROM net_partner WHERE name = ?").param(name).query(UUID.class).single();
        refused(request(foreign, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)),
                "this partner is not in your organisation", "UNKNOWN_PARTNER");
    }

    @Test
    void onlyTheTandemSendsAndReadersWhoBrokeTheGlassOnlyRead() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        granted(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)));
        assertThat(web.status(get("/cases/{id}/service-requests", client.id()), colleague)).isEqualTo(403);
        assertThat(web.status(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)),
                colleague)).isEqualTo(403);
        assertThat(web.status(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)),
                manager)).isEqualTo(403);
        assertThat(web.status(post("/cases/{id}/break-glass", client.id()).param("reason", "EMERGENCY")
                .param("explanation", "The tandem cannot be reached tonight"), colleague)).isEqualTo(302);
        String page = web.page("/cases/" + client.id() + "/service-requests", colleague);
        assertThat(page).contains("data-status=\"REQUESTED\"").doesNotContain("/cancel", "/document");
        assertThat(web.status(get("/cases/{id}/service-requests/new", client.id()), colleague)).isEqualTo(403);
        assertThat(rows("dis_service_request")).isEqualTo(1);
    }

    @Test
    void malformedInputIs400AndStoresNothing() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        List<MockHttpServletRequestBuilder> bad = List.of(
                request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "  ")),
                request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "x".repeat(4001))),
                request(housing, consent, "NOPE", texts(DataKind.CURRENT_NEEDS, "Flat " + m)),
                request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)).param("language", "fr"),
                request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)).param("texts[999]", "x"),
                post("/cases/{id}/service-requests", client.id()).param("partnerId", "not-a-uuid")
                        .param("consentId", consent.toString()).param("need", "HOUSING").param("language", "en")
                        .param("texts[1]", "x"));
        for (MockHttpServletRequestBuilder request : bad) {
            assertThat(web.status(request, a)).isEqualTo(400);
        }
        assertThat(rows("dis_service_request")).isZero();
        assertThat(rows("dis_disclosure")).isZero();
    }

    // ---------------------------------------------------------------------------------------------
    // The link ends

    @Test
    void revokingTheConsentEndsTheLinkWithTheWordsOfAnyClosedLink() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        String token = granted(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)));
        assertThat(link(token).getStatus()).isEqualTo(200);
        assertThat(web.status(post("/cases/{id}/consents/{c}/revoke", client.id(), consent)
                .param("revokedOn", today().toString()), a)).isEqualTo(302);
        MockHttpServletResponse closed = link(token);
        MockHttpServletResponse share = closedShareLink();
        assertThat(closed.getStatus()).isEqualTo(404).isEqualTo(share.getStatus());
        assertThat(closed.getContentAsString()).isEqualTo(share.getContentAsString()).isEqualTo("This link is not valid.");
        assertThat(closed.getContentType()).isEqualTo(share.getContentType());
        assertThat(answer(token, "ACCEPTED", 0, "Ms Partner", null).getStatus()).isEqualTo(404);
        assertThat(pdf(token).getStatus())
                .isEqualTo(404);
        assertThat(status()).isEqualTo("REQUESTED");
        assertThat(web.page("/cases/" + client.id() + "/service-requests", a)).contains("data-state=\"CONSENT_ENDED\"");
        assertThat(audited("SERVICE_REQUEST_LINK_REFUSED")).isEqualTo(3);
    }

    @Test
    void theLinkExpiresAndEndsWhenTheTandemCancels() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        String token = granted(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)));
        String other = granted(request(housing, consent, "DEBT", texts(DataKind.CURRENT_NEEDS, "Debts " + m)));
        UUID otherId = jdbc.sql("SELECT id FROM dis_service_request WHERE client_id = ? AND need = 'DEBT'")
                .param(client.id()).query(UUID.class).single();
        assertThat(web.status(post("/cases/{id}/service-requests/{r}/cancel", client.id(), otherId)
                .param("version", "0"), a)).isEqualTo(302);
        assertThat(link(other).getStatus()).isEqualTo(404);
        assertThat(web.status(post("/cases/{id}/service-requests/{r}/cancel", client.id(), otherId)
                .param("version", "1"), a)).as("cancelled already").isEqualTo(409);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_service_request_event WHERE request_id = ? AND status = 'CANCELLED'")
                .param(otherId).query(Long.class).single()).as("cancelled once").isEqualTo(1);

        clock.advance(Duration.ofDays(90).minusMinutes(1));
        assertThat(link(token).getStatus()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        assertThat(link(token).getStatus()).isEqualTo(404);
        assertThat(link("A".repeat(43)).getStatus()).isEqualTo(404);
        assertThat(link("short").getStatus()).isEqualTo(404);
        assertThat(web.page("/cases/" + client.id() + "/service-requests", a))
                .contains("data-state=\"EXPIRED\"", "data-state=\"ENDED\"");
    }

    @Test
    void deactivatingThePartnerEndsItsLinks() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        String token = granted(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)));
        assertThat(web.status(post("/network/partners/{id}/active", housing).param("active", "false"), manager))
                .isEqualTo(302);
        MockHttpServletResponse closed = link(token);
        assertThat(closed.getStatus()).isEqualTo(404);
        assertThat(closed.getContentAsString()).isEqualTo(closedShareLink().getContentAsString());
        assertThat(answer(token, "ACCEPTED", 0, "Ms Partner", null).getStatus()).isEqualTo(404);
        assertThat(web.page("/cases/" + client.id() + "/service-requests", a)).contains("data-state=\"ENDED\"");
    }

    @Test
    void erasureDeletesTheRequestsAndEndsTheLinks() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        String token = granted(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)));
        assertThat(answer(token, "ACCEPTED", 0, "Partner" + m, null).getStatus()).isEqualTo(302);
        UUID requestId = jdbc.sql("SELECT id FROM dis_service_request WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        assertThat(web.status(post("/cases/{id}/ending/clients-choice", client.id())
                .param("endedOn", today().toString()).param("eraseNow", "true"), a)).isEqualTo(302);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_link_use WHERE link_id = ?").param(requestId).query(Long.class)
                .single()).as("the link's count of today goes with it").isZero();
        assertThat(rows("dis_service_request")).isZero();
        assertThat(rows("dis_service_request_event")).isZero();
        assertThat(rows("dis_disclosure")).isZero();
        assertThat(DatabaseScan.find(dataSource, List.of(m))).isEmpty();
        MockHttpServletResponse closed = link(token);
        assertThat(closed.getStatus()).isEqualTo(404);
        assertThat(closed.getContentAsString()).isEqualTo(closedShareLink().getContentAsString());
        assertThat(answer(token, "COMPLETED", 1, "Partner", null).getStatus()).isEqualTo(404);
    }

    // ---------------------------------------------------------------------------------------------
    // What held in an attack on the link's pages (from outside, after the link opened with a button)

    private long uses(UUID id) {
        return jdbc.sql("SELECT COALESCE(SUM(uses), 0) FROM dis_link_use WHERE link_id = ?").param(id).query(Long.class).single();
    }

    private UUID requestId() {
        return jdbc.sql("SELECT id FROM dis_service_request WHERE client_id = ?").param(client.id()).query(UUID.class).single();
    }

    /** Every method but POST on the button's and the PDF's address: 405, nothing counted, audited or sent. */
    @Test
    void noOtherMethodOpensTheRequest() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        String token = granted(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)));
        UUID id = requestId();
        long auditedBefore = audit.about(org.id(), client.pseudonym()).size();
        for (String path : List.of("/service-request/{t}/open", "/service-request/{t}/pdf")) {
            for (HttpMethod method : List.of(HttpMethod.GET,
                    HttpMethod.HEAD, HttpMethod.PUT,
                    HttpMethod.DELETE, HttpMethod.PATCH)) {
                MockHttpServletResponse r = mvc.perform(MockMvcRequestBuilders
                        .request(method, path, token)).andReturn().getResponse();
                assertThat(r.getStatus()).as(method + " " + path).isEqualTo(405);
                assertThat(r.getContentAsString()).as(method + " " + path).doesNotContain("Flat " + m, client.pseudonym());
                assertThat(r.getHeader("Set-Cookie")).isNull();
            }
        }
        // The landing page with every variant of its parameter: nothing looked up, nothing counted.
        for (String q : List.of("?answered=true", "?answered=xyz", "?answered=", "?answered=1", "?answered=on")) {
            MockHttpServletResponse r = mvc.perform(get("/service-request/" + token + q)).andReturn().getResponse();
            assertThat(r.getStatus()).as(q).isEqualTo(200);
            assertThat(r.getContentAsString().contains("Thank you, your answer was recorded.")).as(q)
                    .isEqualTo(q.equals("?answered=true"));
        }
        assertThat(uses(id)).isZero();
        assertThat(audit.about(org.id(), client.pseudonym())).hasSize((int) auditedBefore);
    }

    /** A signed-in staff member's browser posting to a staff form from another site (no form token): refused, nothing changes. */
    @Test
    void aCrossSitePostToAStaffFormIsStillRefused() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        granted(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)));
        UUID id = requestId();
        MockHttpServletResponse r = mvc.perform(post("/cases/{id}/service-requests/{r}/cancel", client.id(), id)
                .param("version", "0").header("Origin", "https://evil.example").with(Fixtures.as(a)))
                .andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(status()).isEqualTo("REQUESTED");
        // And a post to the partner's answer address from a signed-in staff member's browser is the partner's, nothing more.
        MockHttpServletResponse staffAnswer = mvc.perform(post("/service-request/{t}/open", "C".repeat(43))
                .with(Fixtures.as(a))).andReturn().getResponse();
        assertThat(staffAnswer.getStatus()).isEqualTo(404);
    }

    /** The answer with every kind of malformed form: exact, calm statuses, never a 500, one use of the link each. */
    @Test
    void malformedAnswersAreCalm() throws Exception {
        UUID consent = consent(housing, "SERVICE_REQUEST", "CURRENT_NEEDS");
        String token = granted(request(housing, consent, "HOUSING", texts(DataKind.CURRENT_NEEDS, "Flat " + m)));
        UUID id = requestId();
        List<Map<String, String>> forms = List.of(
                Map.of(), Map.of("status", "BOGUS", "version", "0", "name", "X"),
                Map.of("status", "ACCEPTED", "version", "abc", "name", "X"),
                Map.of("status", "ACCEPTED", "version", "99999999999999", "name", "X"),
                Map.of("status", "ACCEPTED", "version", "-1", "name", "X"),
                Map.of("status", "REQUESTED", "version", "0", "name", "X"),
                Map.of("status", "ACCEPTED", "version", "0", "name", "x".repeat(5000)),
                Map.of("status", "REJECTED", "version", "0", "name", "X", "reason", "r".repeat(3000)),
                Map.of("status", "accepted", "version", "0", "name", "X"));
        // Unreadable or too long: 400 with the form again; a step FHIR does not allow or a version not the
        // current: 409 with the request as it is.
        List<Integer> expected = List.of(400, 400, 400, 400, 409, 409, 400, 400, 400);
        for (int i = 0; i < forms.size(); i++) {
            MockHttpServletRequestBuilder p = post("/service-request/{t}", token);
            forms.get(i).forEach(p::param);
            MockHttpServletResponse r = mvc.perform(p).andReturn().getResponse();
            assertThat(r.getStatus()).as(forms.get(i).toString()).isEqualTo(expected.get(i));
            assertThat(uses(id)).as("one use each: " + forms.get(i)).isEqualTo(i + 1);
        }
        assertThat(status()).isEqualTo("REQUESTED");
    }
}
