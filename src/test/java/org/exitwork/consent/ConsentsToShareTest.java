package org.exitwork.consent;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.StaffRequests;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.consent.DataKind.ATTENDANCE;
import static org.exitwork.consent.DataKind.CONTACT_DETAILS;
import static org.exitwork.consent.DataKind.CURRENT_NEEDS;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Consents to share (R9) through the web and the disclosure gate's query: a security partner can
 * never be named (R7), only the tandem records and revokes, revocation stops coverage and is final,
 * consent is never a condition of the work, the purpose rests encrypted, and erasure leaves nothing.
 */
@DatabaseTest
@AutoConfigureMockMvc
class ConsentsToShareTest {

    @Autowired
    MockMvc mvc;

    StaffRequests web;

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
    ConsentsToShare gate;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal colleague;
    StaffPrincipal manager;
    StaffPrincipal dpo;
    RegisteredClient client;
    UUID housing;
    UUID youth;
    UUID police;
    UUID intelligence;
    UUID inactive;
    String m;

    @BeforeEach
    void setUp() throws Exception {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.staff(org, Role.MANAGER);
        dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        client = fixtures.client(a, b, Fixtures.unique("Consenting Client "));
        m = Fixtures.unique("consentmarker").replace("-", "");
        housing = partner(org.id(), "HOUSING", true);
        youth = partner(org.id(), "YOUTH_AND_FAMILY", true);
        police = partner(org.id(), "POLICE", true);
        intelligence = partner(org.id(), "INTELLIGENCE", true);
        inactive = partner(org.id(), "EMPLOYMENT", false);
    }

    /** A partner registered through the registry's pages, as a manager does it; deactivated there if asked. */
    private UUID partner(UUID orgId, String kind, boolean active) throws Exception {
        StaffPrincipal manager = fixtures.manager(orgId);
        String name = "Partner " + kind + " " + UUID.randomUUID().toString().substring(0, 8);
        assertThat(web.status(post("/network/partners").param("name", name).param("kind", kind)
                .param("mandate", "A mandate").param("agreement", "INFORMAL"), manager)).as("partner registered")
                .isEqualTo(302);
        UUID id = jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = ?").params(orgId, name)
                .query(UUID.class).single();
        if (!active) {
            assertThat(web.status(post("/network/partners/{id}/active", id).param("active", "false"), manager))
                    .isEqualTo(302);
        }
        return id;
    }

    private String partnerName(UUID id) {
        return jdbc.sql("SELECT name FROM net_partner WHERE id = ?").param(id).query(String.class).single();
    }

    private String url(String rest) {
        return "/cases/" + client.id() + "/consents" + rest;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }




    private MockHttpServletRequestBuilder consent(UUID partner, String... kinds) {
        return consent(Map.of("partnerId", partner.toString()), kinds);
    }

    /** The consent form with some fields replaced (an empty string leaves the field out entirely when "-"). */
    private MockHttpServletRequestBuilder consent(Map<String, String> changed, String... kinds) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("partnerId", housing.toString());
        fields.put("purpose", "Find a flat " + m + "-purpose");
        fields.put("validFrom", today().toString());
        fields.put("validUntil", today().plusMonths(6).toString());
        fields.put("informedHow", "FORM_READ_TOGETHER");
        fields.putAll(changed);
        MockHttpServletRequestBuilder request = post(url(""));
        fields.forEach((name, value) -> {
            if (!"-".equals(value)) {
                request.param(name, value);
            }
        });
        return kinds.length == 0 ? request : request.param("kinds", kinds);
    }

    @Test
    void theErrorSummaryLinksToTheGroupOfChoicesThatNeedsAnswer() throws Exception {
        // No kinds ticked: the summary's link must land on the group of checkboxes (GOV.UK error summary).
        MockHttpServletResponse response = web.perform(consent(Map.of()), a);
        assertThat(response.getStatus()).isEqualTo(400);
        String page = response.getContentAsString();
        assertThat(page).contains("data-error-summary").contains("href=\"#kinds\"");
        assertThat(page.split("id=\"kinds\"", -1)).as("exactly one element to land on").hasSize(2);
        assertThat(page).containsPattern("<fieldset id=\"kinds\"[^>]*>");
    }

    private UUID recorded(UUID partner, String... kinds) throws Exception {
        assertThat(web.status(consent(partner, kinds), a)).isEqualTo(302);
        return jdbc.sql("SELECT id FROM con_consent WHERE client_id = ? AND partner_id = ?")
                .params(client.id(), partner).query(UUID.class).single();
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM con_consent WHERE client_id = ?").param(client.id()).query(Long.class)
                .single() + jdbc.sql("SELECT COUNT(*) FROM con_consent_kind WHERE client_id = ?").param(client.id())
                .query(Long.class).single();
    }

    private void breakGlass(StaffPrincipal who) throws Exception {
        assertThat(web.status(post("/cases/{id}/break-glass", client.id()).param("reason", "EMERGENCY")
                .param("explanation", "The tandem cannot be reached tonight"), who)).isEqualTo(302);
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void aSecurityPartnerCanNeverBeNamed() throws Exception {
        String form = web.page(url("/new"), a);
        assertThat(form).contains(housing.toString(), youth.toString(), partnerName(housing))
                .doesNotContain(police.toString(), intelligence.toString(), inactive.toString(),
                        partnerName(police), partnerName(intelligence), partnerName(inactive));

        // Crafted posts: a security partner, an inactive one, an unknown id, another organisation's partner.
        UUID foreignPartner = partner(fixtures.organisation().id(), "HOUSING", true);
        for (UUID refused : List.of(police, intelligence, inactive, UUID.randomUUID(), foreignPartner)) {
            MockHttpServletResponse response = web.perform(consent(refused, "CONTACT_DETAILS"), a);
            assertThat(response.getStatus()).as("partner " + refused).isEqualTo(400);
            assertThat(response.getContentAsString()).doesNotContain(partnerName(police));
        }
        assertThat(rows()).as("nothing stored").isZero();
        assertThat(audit.about(org.id(), client.pseudonym())).extracting(AuditEntry::action)
                .contains("CONSENT_PARTNER_REFUSED");

        // A partner that became a security partner later is never covered.
        UUID consent = recorded(youth, "CURRENT_NEEDS");
        assertThat(gate.covers(org.id(), client.id(), youth, consent, Set.of(CURRENT_NEEDS), today())).isTrue();
        // The registry refuses such a change; the gate must not rely on that, so the row is changed directly.
        jdbc.sql("UPDATE net_partner SET kind = 'JUDICIARY' WHERE id = ?").param(youth).update();
        assertThat(gate.covers(org.id(), client.id(), youth, consent, Set.of(CURRENT_NEEDS), today())).isFalse();
    }

    @Test
    void theTandemRecordsAndEveryoneElseIsRefused() throws Exception {
        assertThat(web.status(consent(housing, "CONTACT_DETAILS", "CURRENT_NEEDS"), b)).isEqualTo(302);
        String list = web.page(url(""), a);
        assertThat(list).contains(m + "-purpose", partnerName(housing), "data-testid=\"new-consent\"",
                "data-status=\"VALID\"");
        long stored = rows();
        UUID consent = jdbc.sql("SELECT id FROM con_consent WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();

        for (StaffPrincipal who : List.of(colleague, manager, dpo, org.admin())) {
            for (String path : List.of("", "/new", "/" + consent + "/revoke")) {
                MockHttpServletResponse response = web.perform(get(url(path)), who);
                assertThat(response.getStatus()).as(path + " as " + who.role()).isEqualTo(403);
                assertThat(response.getContentAsString()).doesNotContain(m);
            }
            assertThat(web.status(consent(youth, "ATTENDANCE"), who)).isEqualTo(403);
            assertThat(web.status(post(url("/" + consent + "/revoke")).param("revokedOn", today().toString()), who))
                    .isEqualTo(403);
        }

        // Broken glass: reads, never writes.
        breakGlass(colleague);
        assertThat(web.page(url(""), colleague)).contains(m + "-purpose").doesNotContain("data-testid=\"new-consent\"");
        assertThat(web.status(get(url("/new")), colleague)).isEqualTo(403);
        assertThat(web.status(consent(youth, "ATTENDANCE"), colleague)).isEqualTo(403);
        assertThat(web.status(post(url("/" + consent + "/revoke")).param("revokedOn", today().toString()), colleague))
                .isEqualTo(403);
        assertThat(rows()).isEqualTo(stored);
        assertThat(gate.covers(org.id(), client.id(), housing, consent, Set.of(CONTACT_DETAILS), today())).isTrue();

        // Another organisation finds nothing.
        Fixtures.Organisation foreign = fixtures.organisation();
        for (Role role : List.of(Role.PRACTITIONER, Role.MANAGER, Role.DATA_PROTECTION_OFFICER)) {
            StaffPrincipal stranger = fixtures.staff(foreign, role);
            assertThat(web.status(get(url("")), stranger)).isEqualTo(404);
            assertThat(web.status(get(url("/new")), stranger)).isEqualTo(404);
            assertThat(web.status(consent(housing, "ATTENDANCE"), stranger)).isEqualTo(404);
            assertThat(web.status(post(url("/" + consent + "/revoke")).param("revokedOn", today().toString()), stranger))
                    .isEqualTo(404);
        }
        assertThat(rows()).isEqualTo(stored);
        assertThat(gate.covers(foreign.id(), client.id(), housing, consent, Set.of(CONTACT_DETAILS), today())).isFalse();

        // A consent of another client is not found under this case.
        RegisteredClient other = fixtures.client(a, b, Fixtures.unique("Other "));
        assertThat(web.status(get("/cases/" + other.id() + "/consents/" + consent + "/revoke"), a)).isEqualTo(404);
        assertThat(web.status(post("/cases/" + other.id() + "/consents/" + consent + "/revoke")
                .param("revokedOn", today().toString()), a)).isEqualTo(404);
        assertThat(gate.covers(org.id(), other.id(), housing, consent, Set.of(CONTACT_DETAILS), today())).isFalse();
    }

    @Test
    void badInputIsShownAgainWith400AndNothingIsStored() throws Exception {
        String from = today().toString();
        List<MockHttpServletRequestBuilder> bad = List.of(
                consent(Map.of("partnerId", ""), "CONTACT_DETAILS"),
                consent(Map.of("partnerId", "-"), "CONTACT_DETAILS"),
                consent(Map.of("partnerId", "not-a-uuid"), "CONTACT_DETAILS"),
                consent(Map.of("purpose", ""), "CONTACT_DETAILS"),
                consent(Map.of("purpose", "   "), "CONTACT_DETAILS"),
                consent(Map.of("purpose", "x".repeat(501)), "CONTACT_DETAILS"),
                consent(Map.of()),
                consent(Map.of(), "CRIMINAL_RECORD"),
                consent(Map.of("validUntil", ""), "CONTACT_DETAILS"),
                consent(Map.of("validUntil", "-"), "CONTACT_DETAILS"),
                consent(Map.of("validUntil", from), "CONTACT_DETAILS"),
                consent(Map.of("validUntil", today().minusDays(1).toString()), "CONTACT_DETAILS"),
                consent(Map.of("validFrom", "tomorrow"), "CONTACT_DETAILS"),
                consent(Map.of("validFrom", ""), "CONTACT_DETAILS"),
                consent(Map.of("informedHow", ""), "CONTACT_DETAILS"),
                consent(Map.of("informedHow", "BY_ASSUMPTION"), "CONTACT_DETAILS"));
        for (MockHttpServletRequestBuilder request : bad) {
            MockHttpServletResponse response = web.perform(request, a);
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(response.getContentAsString()).contains("data-testid=\"consent-form\"").doesNotContain("??");
        }
        assertThat(rows()).as("nothing stored").isZero();

        UUID consent = recorded(housing, "CONTACT_DETAILS");
        assertThat(web.status(post(url("/" + consent + "/revoke")).param("revokedOn", ""), a)).isEqualTo(400);
        assertThat(web.status(post(url("/" + consent + "/revoke")).param("revokedOn", today().plusDays(1).toString()), a))
                .isEqualTo(400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM con_consent WHERE revoked_on IS NOT NULL AND client_id = ?")
                .param(client.id()).query(Long.class).single()).isZero();
    }

    @Test
    void theGateAnswersOnlyForPartnerPurposeKindsAndDatesAndRevocationStopsIt() throws Exception {
        UUID consent = recorded(housing, "CONTACT_DETAILS", "CURRENT_NEEDS");
        UUID otherConsent = recorded(youth, "ATTENDANCE");
        LocalDate today = today();
        UUID orgId = org.id();
        UUID id = client.id();

        assertThat(gate.covers(orgId, id, housing, consent, Set.of(CONTACT_DETAILS), today)).isTrue();
        assertThat(gate.covers(orgId, id, housing, consent, EnumSet.of(CONTACT_DETAILS, CURRENT_NEEDS), today)).isTrue();
        assertThat(gate.covers(orgId, id, housing, consent, Set.of(CONTACT_DETAILS), today.plusMonths(6))).isTrue();
        // Every requested kind must be named.
        assertThat(gate.covers(orgId, id, housing, consent, EnumSet.of(CONTACT_DETAILS, ATTENDANCE), today)).isFalse();
        assertThat(gate.covers(orgId, id, housing, consent, Set.of(), today)).isFalse();
        // Another partner, another purpose (consent), outside the dates.
        assertThat(gate.covers(orgId, id, youth, consent, Set.of(CONTACT_DETAILS), today)).isFalse();
        assertThat(gate.covers(orgId, id, housing, otherConsent, Set.of(ATTENDANCE), today)).isFalse();
        assertThat(gate.covers(orgId, id, housing, consent, Set.of(CONTACT_DETAILS), today.minusDays(1))).isFalse();
        assertThat(gate.covers(orgId, id, housing, consent, Set.of(CONTACT_DETAILS), today.plusMonths(6).plusDays(1)))
                .isFalse();
        assertThat(gate.covers(orgId, id, police, consent, Set.of(CONTACT_DETAILS), today)).isFalse();

        // Revocation, with no reason asked: shown as revoked, covers nothing any more, and is final.
        String revokePage = web.page(url("/" + consent + "/revoke"), a);
        assertThat(revokePage).contains(m + "-purpose", "data-testid=\"revoke-form\"", "name=\"revokedOn\"")
                .doesNotContain("name=\"reason\"");
        assertThat(web.status(post(url("/" + consent + "/revoke")).param("revokedOn", today.toString()), b)).isEqualTo(302);
        assertThat(gate.covers(orgId, id, housing, consent, Set.of(CONTACT_DETAILS), today)).isFalse();
        assertThat(gate.covers(orgId, id, housing, consent, Set.of(CONTACT_DETAILS), today.plusDays(1))).isFalse();
        assertThat(gate.covers(orgId, id, youth, otherConsent, Set.of(ATTENDANCE), today)).as("the other stays").isTrue();
        String list = web.page(url(""), a);
        assertThat(list).contains("data-status=\"REVOKED\"", "data-status=\"VALID\"", m + "-purpose",
                b.displayName());
        assertThat(web.page(url("/" + consent + "/revoke"), a)).doesNotContain("name=\"revokedOn\"");
        LocalDate revokedOn = jdbc.sql("SELECT revoked_on FROM con_consent WHERE id = ?").param(consent)
                .query(LocalDate.class).single();
        assertThat(web.status(post(url("/" + consent + "/revoke")).param("revokedOn", today.minusDays(1).toString()), a))
                .isEqualTo(400);
        assertThat(jdbc.sql("SELECT revoked_on FROM con_consent WHERE id = ?").param(consent).query(LocalDate.class)
                .single()).as("revocation is final").isEqualTo(revokedOn);

        // Expired consents show as expired and cover nothing.
        clock.advance(Duration.ofDays(200));
        assertThat(gate.covers(orgId, id, youth, otherConsent, Set.of(ATTENDANCE), today())).isFalse();
        assertThat(web.page(url(""), a)).contains("data-status=\"EXPIRED\"", "data-status=\"REVOKED\"");
    }

    @Test
    void consentIsNeverAConditionOfTheWork() throws Exception {
        String stage = stage();
        List<String> casePages = List.of("/cases/" + client.id(), "/cases/" + client.id() + "/sessions",
                "/cases/" + client.id() + "/agreement", "/cases/" + client.id() + "/agreement/new");
        for (String path : casePages) {
            web.page(path, a);
        }
        // Refusing: nothing recorded, the work goes on.
        session("Met without any consent to share");

        UUID consent = recorded(housing, "WORK_AGREEMENT_GOALS", "ATTENDANCE");
        assertThat(stage()).isEqualTo(stage);
        for (String path : casePages) {
            web.page(path, a);
        }
        session("Met with a consent to share");
        assertThat(web.status(post(url("/" + consent + "/revoke")).param("revokedOn", today().toString()), a))
                .isEqualTo(302);
        assertThat(stage()).isEqualTo(stage);
        for (String path : casePages) {
            String content = web.page(path, a);
            assertThat(content).doesNotContain(m);
        }
        session("Met after the consent was revoked");
        assertThat(sessions()).isEqualTo(3);
    }

    /** A session through the cases module's own form: the work goes on whatever the consents say. */
    private void session(String text) throws Exception {
        assertThat(web.status(post("/cases/{id}/sessions", client.id())
                .param("sessionDate", LocalDate.now().minusDays(1).toString()).param("setting", "ONE_ON_ONE")
                .param("clientPresent", "true").param("staff", a.id().toString()).param("text", text), a))
                .as("session recorded").isEqualTo(302);
    }

    private long sessions() {
        return jdbc.sql("SELECT COUNT(*) FROM cas_session_note WHERE client_id = ?").param(client.id())
                .query(Long.class).single();
    }

    private String stage() {
        return jdbc.sql("SELECT stage FROM cas_client WHERE id = ?").param(client.id()).query(String.class).single();
    }

    @Test
    void everythingIsAuditedWithoutThePurposeAndNothingRestsInPlainText() throws Exception {
        UUID consent = recorded(housing, "CONTACT_DETAILS");
        web.page(url(""), a);
        web.page(url("/" + consent + "/revoke"), a);
        assertThat(web.status(post(url("/" + consent + "/revoke")).param("revokedOn", today().toString()), a))
                .isEqualTo(302);
        assertThat(audit.about(org.id(), client.pseudonym())).extracting(AuditEntry::action)
                .contains("CONSENT_RECORDED", "CONSENTS_READ", "CONSENT_READ", "CONSENT_REVOKED");
        for (AuditEntry e : audit.recent(org.id(), 500)) {
            assertThat(String.valueOf(e.detail()) + e.subject()).doesNotContainIgnoringCase(m);
        }
        assertThat(DatabaseScan.find(dataSource, List.of(m))).isEmpty();
    }

    @Test
    void erasureThroughTheWebLeavesNoRowAndNoMarker() throws Exception {
        recorded(housing, "CONTACT_DETAILS", "CURRENT_NEEDS");
        UUID revoked = recorded(youth, "ATTENDANCE");
        assertThat(web.status(post(url("/" + revoked + "/revoke")).param("revokedOn", today().toString()), a))
                .isEqualTo(302);
        assertThat(rows()).isPositive();

        assertThat(web.status(post("/cases/{id}/ending/clients-choice", client.id()).param("endedOn", today().toString())
                .param("eraseNow", "true"), a)).isEqualTo(302);

        assertThat(rows()).isZero();
        assertThat(DatabaseScan.find(dataSource, List.of(m))).isEmpty();
        assertThat(web.status(get(url("")), a)).isEqualTo(404);
    }
}
