package org.exitwork.disclosure;

import java.sql.Timestamp;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@DatabaseTest
@AutoConfigureMockMvc
class PartnerLinkAttackTest {

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
