package org.exitwork.safety;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
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
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Client safety (R15) through the web: the threat logbook, the shield plan, the compartment of
 * relocation and new-identity details, the emergency plan; who may read and write them, what the
 * audit says, that nothing rests in plain text, and that erasure leaves nothing behind.
 */
@DatabaseTest
@AutoConfigureMockMvc
class ClientSafetyTest {

    private static final String[] TABLES = {"saf_threat_entry", "saf_threat_correction", "saf_shield_plan",
        "saf_shield_measure", "saf_compartment", "saf_compartment_request", "saf_emergency_plan",
        "saf_emergency_contact"};

    @Autowired
    org.exitwork.audit.AuditWording wording;

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

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal colleague;
    StaffPrincipal manager;
    StaffPrincipal secondManager;
    StaffPrincipal dpo;
    RegisteredClient client;
    String m;

    @BeforeEach
    void setUp() {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.staff(org, Role.MANAGER);
        secondManager = fixtures.staff(org, Role.MANAGER);
        dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        client = fixtures.client(a, b, Fixtures.unique("Threatened Client "));
        m = Fixtures.unique("safetymarker").replace("-", "");
    }

    private String url(String rest) {
        return "/cases/" + client.id() + "/safety" + rest;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }




    private long rows() {
        long total = 0;
        for (String table : TABLES) {
            total += jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE client_id = ?").param(client.id())
                    .query(Long.class).single();
        }
        return total;
    }

    /** The version of the client's plan a form opened now would carry: 0 before the first save. */
    private String version(String planTable) {
        return jdbc.sql("SELECT version FROM " + planTable + " WHERE client_id = ?").param(client.id())
                .query(Integer.class).optional().map(String::valueOf).orElse("0");
    }

    private MockHttpServletRequestBuilder threat(String kind, String from, String what) {
        return post(url("/threats")).param("occurredOn", today().minusDays(2).toString()).param("kind", kind)
                .param("fromWhom", from).param("whatHappened", what).param("whatDone", "Done " + m + "-done");
    }

    private MockHttpServletRequestBuilder shield() {
        return post(url("/shield")).param("version", version("saf_shield_plan"))
                .param("involved", "Involved " + m + "-involved")
                .param("knowledge", "Knows " + m + "-knowledge").param("history", "History " + m + "-history")
                .param("informationPlan", "Plan " + m + "-infoplan").param("publicStatement", "Says " + m + "-public")
                .param("measures[0].kind", "RELOCATION").param("measures[0].description", "Move " + m + "-measure")
                .param("measures[0].owner", "police witness protection " + m + "-owner")
                .param("measures[0].status", "IN_PROGRESS")
                .param("measures[1].kind", "").param("measures[1].description", "")
                .param("measures[1].owner", "").param("measures[1].status", "PLANNED");
    }

    private MockHttpServletRequestBuilder compartment() {
        return post(url("/compartment")).param("newPlace", "Town " + m + "-place")
                .param("newName", "Name " + m + "-name").param("newNumbers", "0170 " + m + "-numbers");
    }

    private MockHttpServletRequestBuilder emergency() {
        return post(url("/emergency")).param("version", version("saf_emergency_plan"))
                .param("instructions", "Stay calm " + m + "-instructions")
                .param("contacts[0].who", "Tandem A " + m + "-who1").param("contacts[0].number", "+49 30 1234567")
                .param("contacts[0].when", "first " + m + "-when1")
                .param("contacts[1].who", "Police " + m + "-who2").param("contacts[1].number", "110")
                .param("contacts[1].when", "if nobody answers").param("contacts[2].who", "")
                .param("contacts[2].number", "").param("contacts[2].when", "");
    }

    /** The emergency plan with a third contact row. */
    private MockHttpServletRequestBuilder contact(String who, String number) {
        return post(url("/emergency")).param("version", version("saf_emergency_plan"))
                .param("instructions", "Instructions " + m)
                .param("contacts[0].who", "Tandem").param("contacts[0].number", "0301234")
                .param("contacts[0].when", "first").param("contacts[1].who", who)
                .param("contacts[1].number", number).param("contacts[1].when", "then");
    }

    private void breakGlass(StaffPrincipal who) throws Exception {
        assertThat(web.status(post("/cases/{id}/break-glass", client.id()).param("reason", "EMERGENCY")
                .param("explanation", "The tandem cannot be reached tonight"), who)).isEqualTo(302);
    }

    private List<String> markers() {
        return List.of(m);
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void theTandemKeepsTheLogbookAndCorrectionsAreAddedNeverWrittenOver() throws Exception {
        assertThat(web.status(threat("FOLLOWED", "Group " + m + "-from", "Followed home " + m + "-what"), a))
                .isEqualTo(302);
        String logbook = web.page(url("/threats"), b);
        assertThat(logbook).contains(m + "-from", m + "-what", m + "-done", "data-testid=\"threat-form\"");
        UUID entry = jdbc.sql("SELECT id FROM saf_threat_entry WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        byte[] before = jdbc.sql("SELECT what_happened FROM saf_threat_entry WHERE id = ?").param(entry)
                .query(byte[].class).single();

        assertThat(web.status(post(url("/threats/" + entry + "/corrections")).param("note", "It was the cousin "
                + m + "-correction"), b)).isEqualTo(302);
        String corrected = web.page(url("/threats"), a);
        assertThat(corrected).contains(m + "-what", m + "-correction", "data-testid=\"threat-correction\"",
                b.displayName());
        assertThat(jdbc.sql("SELECT what_happened FROM saf_threat_entry WHERE id = ?").param(entry)
                .query(byte[].class).single()).as("the entry itself is unchanged").isEqualTo(before);

        // There is no way to change or delete an entry: only the corrections endpoint exists.
        assertThat(web.status(post(url("/threats/" + entry)).param("whatHappened", "rewritten"), a)).isIn(404, 405);
        // A correction to an entry of another client is not found.
        RegisteredClient other = fixtures.client(a, b, Fixtures.unique("Other "));
        assertThat(web.status(post("/cases/" + other.id() + "/safety/threats/" + entry + "/corrections")
                .param("note", "wrong case"), a)).isEqualTo(404);
    }

    @Test
    void outsidersReadOnlyAfterBreakingTheGlassAndNeverWrite() throws Exception {
        assertThat(web.status(threat("THREATENED", "Person " + m + "-from", "Threat " + m + "-what"), a)).isEqualTo(302);
        assertThat(web.status(shield(), a)).isEqualTo(302);
        assertThat(web.status(emergency(), a)).isEqualTo(302);
        long stored = rows();

        for (String path : List.of("/threats", "/shield", "/emergency", "/emergency/print", "/compartment")) {
            for (StaffPrincipal who : List.of(colleague, manager, dpo, org.admin())) {
                MockHttpServletResponse response = web.perform(get(url(path)), who);
                assertThat(response.getStatus()).as(path + " as " + who.role()).isEqualTo(403);
                assertThat(response.getContentAsString()).doesNotContain(m);
            }
        }

        breakGlass(colleague);
        assertThat(web.page(url("/threats"), colleague)).contains(m + "-what").doesNotContain("data-testid=\"threat-form\"");
        assertThat(web.page(url("/shield"), colleague)).contains(m + "-measure", m + "-owner")
                .doesNotContain("data-testid=\"shield-form\"");
        assertThat(web.page(url("/emergency"), colleague)).contains(m + "-who1").doesNotContain("data-testid=\"emergency-form\"");

        // Reading is not writing.
        assertThat(web.status(threat("OTHER", "x " + m + "-x", "y " + m + "-y"), colleague)).isEqualTo(403);
        assertThat(web.status(shield(), colleague)).isEqualTo(403);
        assertThat(web.status(emergency(), colleague)).isEqualTo(403);
        assertThat(web.status(compartment(), colleague)).isEqualTo(403);
        UUID entry = jdbc.sql("SELECT id FROM saf_threat_entry WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        assertThat(web.status(post(url("/threats/" + entry + "/corrections")).param("note", "mine"), colleague))
                .isEqualTo(403);
        assertThat(rows()).isEqualTo(stored);

        // Staff of another organisation find nothing.
        Fixtures.Organisation foreign = fixtures.organisation();
        for (Role role : List.of(Role.PRACTITIONER, Role.MANAGER, Role.DATA_PROTECTION_OFFICER)) {
            StaffPrincipal stranger = fixtures.staff(foreign, role);
            assertThat(web.status(get(url("/threats")), stranger)).isEqualTo(404);
            assertThat(web.status(threat("OTHER", "x", "y"), stranger)).isEqualTo(404);
        }
        assertThat(rows()).isEqualTo(stored);
        assertThat(audit.about(org.id(), client.pseudonym())).extracting(AuditEntry::action)
                .contains("CASE_ACCESS_REFUSED", "THREATS_READ", "SHIELD_PLAN_READ", "EMERGENCY_PLAN_READ");
    }

    @Test
    void badInputIsShownAgainWith400AndNothingIsStored() throws Exception {
        String future = today().plusDays(3).toString();
        List<MockHttpServletRequestBuilder> bad = List.of(
                threat("", "From " + m, "What " + m),
                threat("NOT_A_KIND", "From " + m, "What " + m),
                threat("THREATENED", "", "What " + m),
                threat("THREATENED", "From " + m, ""),
                threat("THREATENED", "x".repeat(501), "What " + m),
                post(url("/threats")).param("occurredOn", future).param("kind", "ATTACKED")
                        .param("fromWhom", "From " + m).param("whatHappened", "What " + m),
                post(url("/threats")).param("occurredOn", "yesterday").param("kind", "ATTACKED")
                        .param("fromWhom", "From " + m).param("whatHappened", "What " + m),
                shield().param("measures[1].description", "No kind " + m),
                shield().param("measures[2].kind", "OTHER").param("measures[2].description", "No status " + m)
                        .param("measures[2].owner", "client").param("measures[2].status", ""),
                shield().param("history", "h".repeat(4001)),
                compartment().param("newName", "n".repeat(501)),
                contact("Someone " + m, "call " + m),
                contact("Someone " + m, ""),
                contact("", "0123 456"),
                emergency().param("instructions", "i".repeat(1501)));
        for (int i = 0; i < bad.size(); i++) {
            MockHttpServletResponse response = web.perform(bad.get(i), a);
            assertThat(response.getStatus()).as("bad input " + i + " -> " + response.getRedirectedUrl()).isEqualTo(400);
            assertThat(response.getContentAsString()).contains("class=\"problem\"").doesNotContain("??");
        }
        MockHttpServletRequestBuilder tooMany = post(url("/emergency")).param("version", version("saf_emergency_plan"))
                .param("instructions", "x");
        for (int i = 0; i < 13; i++) {
            tooMany.param("contacts[" + i + "].who", "Person " + i).param("contacts[" + i + "].number", "123")
                    .param("contacts[" + i + "].when", "");
        }
        assertThat(web.status(tooMany, a)).isEqualTo(400);
        assertThat(web.status(post(url("/threats/" + UUID.randomUUID() + "/corrections")).param("note", ""), a))
                .isEqualTo(400);
        breakGlass(colleague);
        assertThat(web.status(post(url("/compartment/requests")).param("reason", ""), colleague)).isEqualTo(400);
        assertThat(rows()).as("nothing stored").isZero();
    }

    @Test
    void theCompartmentIsTheTandemsAloneBreakingTheGlassIsNotEnough() throws Exception {
        assertThat(web.status(compartment(), a)).isEqualTo(302);
        assertThat(web.page(url("/compartment"), b)).contains(m + "-place", m + "-name", m + "-numbers");
        assertThat(web.page(url("/shield"), a)).doesNotContain(m + "-place");

        // Break-glass alone: refused, with a way to ask; nothing of the compartment shown.
        breakGlass(colleague);
        MockHttpServletResponse closed = web.perform(get(url("/compartment")), colleague);
        assertThat(closed.getStatus()).isEqualTo(403);
        assertThat(closed.getContentAsString()).contains("data-testid=\"compartment-request-form\"").doesNotContain(m)
                .doesNotContain("??");

        // Without broken glass one cannot even ask.
        assertThat(web.status(post(url("/compartment/requests")).param("reason", "curious"), dpo)).isEqualTo(403);
        assertThat(count("saf_compartment_request")).isZero();

        assertThat(web.status(post(url("/compartment/requests")).param("reason", "Must reach the client " + m
                + "-reason"), colleague)).isEqualTo(302);
        UUID request = jdbc.sql("SELECT id FROM saf_compartment_request WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        assertThat(web.perform(get(url("/compartment")), colleague).getContentAsString())
                .contains("data-testid=\"compartment-pending\"").doesNotContain(m);

        // Who may not approve: the requester (a practitioner), the tandem, the admin, the DPO,
        // a manager of another organisation.
        for (StaffPrincipal who : List.of(colleague, a, org.admin(), dpo)) {
            assertThat(web.status(post(url("/compartment/requests/" + request + "/approve")), who)).as(who.role().name())
                    .isEqualTo(403);
        }
        StaffPrincipal foreignManager = fixtures.staff(fixtures.organisation(), Role.MANAGER);
        assertThat(web.status(post(url("/compartment/requests/" + request + "/approve")), foreignManager)).isEqualTo(404);
        assertThat(web.status(get(url("/compartment/requests")), foreignManager)).isEqualTo(404);
        assertThat(web.status(get(url("/compartment")), colleague)).isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM saf_compartment_request WHERE client_id = ? AND approved_by IS NOT NULL")
                .param(client.id()).query(Long.class).single()).isZero();

        // The managers' list names the waiting request (never the reason), in this organisation only.
        assertThat(web.page("/safety/compartment-requests", manager)).contains(client.pseudonym(), colleague.displayName())
                .doesNotContain(m);
        assertThat(web.page("/safety/compartment-requests", foreignManager)).doesNotContain(client.pseudonym());
        assertThat(web.status(get("/safety/compartment-requests"), colleague)).isEqualTo(403);

        // A manager sees the request and approves it; the colleague reads until the approval runs out.
        assertThat(web.page(url("/compartment/requests"), manager)).contains(m + "-reason").doesNotContain(m + "-place");
        assertThat(web.status(post(url("/compartment/requests/" + request + "/approve")), manager)).isEqualTo(302);
        assertThat(web.status(post(url("/compartment/requests/" + request + "/approve")), secondManager)).isEqualTo(409);
        assertThat(web.page("/safety/compartment-requests", manager)).doesNotContain(client.pseudonym());
        assertThat(web.page(url("/compartment"), colleague)).contains(m + "-place", m + "-name")
                .doesNotContain("data-testid=\"compartment-form\"");
        assertThat(web.status(compartment(), colleague)).as("an approval reads, never writes").isEqualTo(403);

        // The tandem sees who asked, why, and who approved until when.
        assertThat(web.page(url("/compartment"), a)).contains(colleague.displayName(), m + "-reason",
                manager.displayName());

        // The approval is for the requester only: another colleague who broke the glass stays outside.
        breakGlass(dpo);
        assertThat(web.status(get(url("/compartment")), dpo)).isEqualTo(403);

        // Expired approval: refused again (the broken glass itself still runs).
        clock.advance(Duration.ofHours(4).plusMinutes(1));
        assertThat(web.page(url("/threats"), colleague)).contains("threat");
        MockHttpServletResponse expired = web.perform(get(url("/compartment")), colleague);
        assertThat(expired.getStatus()).isEqualTo(403);
        assertThat(expired.getContentAsString()).doesNotContain(m);

        // The administrator never.
        assertThat(web.status(get(url("/compartment")), org.admin())).isEqualTo(403);
        assertThat(web.status(get(url("/compartment/requests")), org.admin())).isEqualTo(403);

        List<AuditEntry> entries = audit.about(org.id(), client.pseudonym());
        assertThat(entries).extracting(AuditEntry::action).contains("COMPARTMENT_SAVED", "COMPARTMENT_READ",
                "COMPARTMENT_REFUSED", "COMPARTMENT_ACCESS_REQUESTED", "COMPARTMENT_ACCESS_APPROVED");
    }

    @Test
    void aManagerCannotApproveTheirOwnRequest() throws Exception {
        assertThat(web.status(compartment(), a)).isEqualTo(302);
        breakGlass(manager);
        assertThat(web.status(post(url("/compartment/requests")).param("reason", "Crisis at night"), manager))
                .isEqualTo(302);
        UUID request = jdbc.sql("SELECT id FROM saf_compartment_request WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        assertThat(web.status(post(url("/compartment/requests/" + request + "/approve")), manager)).isEqualTo(403);
        assertThat(web.status(get(url("/compartment")), manager)).isEqualTo(403);
        assertThat(audit.about(org.id(), client.pseudonym())).anyMatch(e -> "COMPARTMENT_REFUSED".equals(e.action())
                && "@shield.own-request".equals(e.detail()));
        assertThat(wording.detail("@shield.own-request", java.util.Locale.GERMAN)).isEqualTo("eigene Anfrage");
        assertThat(wording.detail("@shield.own-request", java.util.Locale.ENGLISH)).isEqualTo("own request");

        assertThat(web.status(post(url("/compartment/requests/" + request + "/approve")), secondManager)).isEqualTo(302);
        assertThat(web.page(url("/compartment"), manager)).contains(m + "-place");
        // Another id of the same organisation that is no request of this case: not found.
        assertThat(web.status(post(url("/compartment/requests/" + UUID.randomUUID() + "/approve")), secondManager))
                .isEqualTo(404);
    }

    @Test
    void theEmergencyPlanPrintsOnOnePageWithoutNavigation() throws Exception {
        assertThat(web.status(emergency(), a)).isEqualTo(302);
        String plan = web.page(url("/emergency"), b);
        assertThat(plan).contains(m + "-who1", "+49 30 1234567", m + "-instructions", "emergency-print-link");
        assertThat(plan.indexOf(m + "-who1")).isLessThan(plan.indexOf(m + "-who2"));
        String sheet = web.page(url("/emergency/print"), a);
        assertThat(sheet).contains("class=\"emergency-print\"", m + "-who1", m + "-when1", "110", client.pseudonym())
                .doesNotContain("<form action=\"/cases/" + client.id() + "/safety/emergency\"")
                .doesNotContain("style=");
        assertThat(sheet).containsPattern("class=\"[^\"]*no-print[^\"]*\"");
        // Saving again replaces the plan in the new order.
        assertThat(web.status(post(url("/emergency")).param("version", version("saf_emergency_plan")).param("instructions", "New")
                .param("contacts[0].who", "Only one").param("contacts[0].number", "112")
                .param("contacts[0].when", "always"), a)).isEqualTo(302);
        assertThat(web.page(url("/emergency/print"), a)).contains("Only one").doesNotContain(m + "-who1");
        assertThat(web.page(url("/emergency/print") + "?lang=de", a)).contains("Meldekette", "Notfallplan");
        for (String path : List.of("/threats", "/shield", "/compartment", "/emergency")) {
            assertThat(web.page(url(path) + "?lang=de", a)).contains("Bedrohungslogbuch");
        }
    }

    @Test
    void auditEntriesCarryNoContentAndNothingRestsInPlainText() throws Exception {
        assertThat(web.status(threat("EXPOSED_ONLINE", "Group " + m + "-from", "Posted " + m + "-what"), a)).isEqualTo(302);
        UUID entry = jdbc.sql("SELECT id FROM saf_threat_entry WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        assertThat(web.status(post(url("/threats/" + entry + "/corrections")).param("note", "Note " + m), a)).isEqualTo(302);
        assertThat(web.status(shield(), a)).isEqualTo(302);
        assertThat(web.status(compartment(), a)).isEqualTo(302);
        assertThat(web.status(emergency(), a)).isEqualTo(302);
        breakGlass(colleague);
        assertThat(web.status(post(url("/compartment/requests")).param("reason", "Reason " + m), colleague)).isEqualTo(302);
        for (String path : List.of("/threats", "/shield", "/compartment", "/emergency", "/emergency/print")) {
            web.page(url(path), a);
        }

        List<AuditEntry> entries = audit.about(org.id(), client.pseudonym());
        assertThat(entries).extracting(AuditEntry::action).contains("THREAT_RECORDED", "THREAT_CORRECTED",
                "SHIELD_PLAN_SAVED", "COMPARTMENT_SAVED", "EMERGENCY_PLAN_SAVED", "THREATS_READ", "SHIELD_PLAN_READ",
                "COMPARTMENT_READ", "EMERGENCY_PLAN_READ", "COMPARTMENT_ACCESS_REQUESTED");
        for (AuditEntry e : audit.recent(org.id(), 500)) {
            assertThat(String.valueOf(e.detail()) + e.subject()).doesNotContainIgnoringCase(m);
        }
        assertThat(DatabaseScan.find(dataSource, markers())).isEmpty();
    }

    @Test
    void erasureThroughTheWebLeavesNoRowAndNoMarker() throws Exception {
        assertThat(web.status(threat("ATTACKED", "Group " + m + "-from", "Attacked " + m + "-what"), a)).isEqualTo(302);
        UUID entry = jdbc.sql("SELECT id FROM saf_threat_entry WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        assertThat(web.status(post(url("/threats/" + entry + "/corrections")).param("note", "Note " + m), a)).isEqualTo(302);
        assertThat(web.status(shield(), a)).isEqualTo(302);
        assertThat(web.status(compartment(), a)).isEqualTo(302);
        assertThat(web.status(emergency(), a)).isEqualTo(302);
        breakGlass(colleague);
        assertThat(web.status(post(url("/compartment/requests")).param("reason", "Reason " + m), colleague)).isEqualTo(302);
        for (String table : TABLES) {
            assertThat(count(table)).as(table + " before").isPositive();
        }

        assertThat(web.status(post("/cases/{id}/ending/clients-choice", client.id()).param("endedOn", today().toString())
                .param("eraseNow", "true"), a)).isEqualTo(302);

        for (String table : TABLES) {
            assertThat(count(table)).as(table + " after erasure").isZero();
        }
        assertThat(DatabaseScan.find(dataSource, markers())).isEmpty();
        assertThat(web.status(get(url("/threats")), a)).isEqualTo(404);
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE client_id = ?").param(client.id())
                .query(Long.class).single();
    }
}
