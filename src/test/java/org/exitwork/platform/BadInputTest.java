package org.exitwork.platform;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every form answers bad input with 400 and the message at the field, never a 500, and stores nothing:
 * wrong choice values (also inside a list of rows), impossible dates, numbers out of range, oversized text.
 */
@DatabaseTest
class BadInputTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    RegisteredClient client;

    @BeforeEach
    void setUp() {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, Fixtures.unique("Bad Input Client "));
    }

    private String cases(String rest) {
        return "/cases/" + client.id() + rest;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private long rows(String table, String column, UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?").param(id).query(Long.class)
                .single();
    }

    /** The answer is exactly 400, the form is shown again and the field carries its message. */
    private void refused(MockHttpServletRequestBuilder request, String field) throws Exception {
        MockHttpServletResponse response = web.perform(request, a);
        String what = request.buildRequest(new org.springframework.mock.web.MockServletContext()).getRequestURI()
                + " " + field;
        assertThat(response.getStatus()).as(what).isEqualTo(400);
        String html = response.getContentAsString();
        assertThat(html).as(what + ": the error summary links to the field").contains("href=\"#" + field + "\"")
                .doesNotContain("??");
    }

    /** A form's good values; {@code bad} replaces some of them (a key mapped to null leaves it out). */
    private static MockHttpServletRequestBuilder form(String path, Map<String, String> good, String... bad) {
        Map<String, String> values = new LinkedHashMap<>(good);
        for (int i = 0; i < bad.length; i += 2) {
            values.put(bad[i], bad[i + 1]);
        }
        MockHttpServletRequestBuilder request = post(path);
        values.forEach((name, value) -> {
            if (value != null) {
                request.param(name, value);
            }
        });
        return request;
    }

    /**
     * A NUL in a field (PostgreSQL refuses it in any text: a 500 there, whichever form) is refused 400 with the
     * page's headers before anything reads the form, in a field's name as in its value; nothing is stored.
     */
    @Test
    void aNulInAnyFieldIsRefusedAndStoresNothing() throws Exception {
        long staffBefore = jdbc.sql("SELECT COUNT(*) FROM acc_staff").query(Long.class).single();
        String username = "nul-" + UUID.randomUUID().toString().substring(0, 8);
        for (MockHttpServletRequestBuilder request : java.util.List.of(
                post("/admin/staff").param("displayName", "Nul\u0000Name").param("username", username)
                        .param("role", "PRACTITIONER"),
                post("/admin/staff").param("displayName", "Nul Name").param("username", username)
                        .param("role", "PRACTITIONER").param("x\u0000", "y"))) {
            MockHttpServletResponse response = web.perform(request, org.admin());
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.getHeader("Content-Security-Policy")).isEqualTo(PageHeaders.CONTENT_SECURITY_POLICY);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acc_staff").query(Long.class).single()).isEqualTo(staffBefore);
        // The same form without the NUL is taken.
        assertThat(web.perform(post("/admin/staff").param("displayName", "Nul Name").param("username", username)
                .param("role", "PRACTITIONER"), org.admin()).getStatus()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acc_staff").query(Long.class).single()).isEqualTo(staffBefore + 1);
    }

    @Test
    void theShieldPlanRefusesAWrongChoiceInsideARow() throws Exception {
        Map<String, String> good = Map.of("involved", "Involved", "measures[0].kind", "RELOCATION",
                "measures[0].description", "Move", "measures[0].owner", "police", "measures[0].status", "IN_PROGRESS",
                "version", "0");
        String path = cases("/safety/shield");
        refused(form(path, good, "measures[0].kind", "NOPE"), "measures0.kind");
        refused(form(path, good, "measures[0].status", "NOPE"), "measures0.status");
        refused(form(path, good, "measures[0].kind", "NOPE", "measures[0].status", "ALSO_NOPE"), "measures0.status");
        refused(form(path, good, "measures[0].description", "d".repeat(501)), "measures0.description");
        refused(form(path, good, "history", "h".repeat(4001)), "history");
        assertThat(rows("saf_shield_plan", "client_id", client.id())).isZero();
        assertThat(rows("saf_shield_measure", "client_id", client.id())).isZero();
        // The good values themselves are accepted: the refusals above were the bad values'.
        assertThat(web.status(form(path, good), a)).isEqualTo(302);
    }

    @Test
    void theConsentFormRefusesAnUnknownKindOfDataAndAnImpossibleDate() throws Exception {
        Map<String, String> good = Map.of("partnerId", UUID.randomUUID().toString(), "purpose", "Find a flat",
                "kinds", "CONTACT_DETAILS", "validFrom", today().toString(),
                "validUntil", today().plusMonths(3).toString(), "informedHow", "FORM_READ_TOGETHER");
        String path = cases("/consents");
        refused(form(path, good, "kinds", "NOPE"), "kinds");
        refused(form(path, good, "informedHow", "NOPE"), "informedHow");
        refused(form(path, good, "validUntil", "2026-02-31"), "validUntil");
        refused(form(path, good, "validFrom", "not a date"), "validFrom");
        refused(form(path, good, "partnerId", "not-an-id"), "partnerId");
        refused(form(path, good, "purpose", "p".repeat(501)), "purpose");
        assertThat(rows("con_consent", "client_id", client.id())).isZero();
    }

    @Test
    void supervisionRefusesAnImpossibleDateAndAWrongKind() throws Exception {
        Map<String, String> good = Map.of("heldOn", today().minusDays(1).toString(), "kind", "SUPERVISION",
                "topic", "Boundaries", "participants", a.id().toString());
        refused(form("/team/supervision", good, "heldOn", "2026-02-31"), "heldOn");
        refused(form("/team/supervision", good, "heldOn", "31.02.2026"), "heldOn");
        refused(form("/team/supervision", good, "kind", "NOPE"), "kind");
        refused(form("/team/supervision", good, "participants", "someone"), "participants");
        refused(form("/team/supervision", good, "topic", "t".repeat(101)), "topic");
        assertThat(rows("qua_supervision", "org_id", org.id())).isZero();
        assertThat(web.status(form("/team/supervision", good), a)).isEqualTo(302);
    }

    @Test
    void theAssessmentRefusesAWrongLevelAndAnImpossibleDate() throws Exception {
        Map<String, String> good = Map.of("assessedOn", today().toString(), "resources", "Resources",
                "dangerToSelf", "LOW", "dangerToOthers", "NONE_SEEN");
        String path = cases("/assessment");
        refused(form(path, good, "dangerToSelf", "NOPE"), "dangerToSelf");
        refused(form(path, good, "assessedOn", "2026-02-31"), "assessedOn");
        refused(form(path, good, "resources", "r".repeat(4001)), "resources");
        assertThat(rows("cas_assessment", "client_id", client.id())).isZero();
        assertThat(web.status(form(path, good), a)).isEqualTo(302);
    }

    @Test
    void aSessionNoteRefusesNumbersOutOfRangeAndWrongChoices() throws Exception {
        Map<String, String> good = Map.of("sessionDate", today().minusDays(1).toString(), "durationMinutes", "60",
                "setting", "FAMILY_CONTEXT", "placeKind", "HOME_VISIT", "clientPresent", "true",
                "staff", a.id().toString(), "text", "They talked.");
        String path = cases("/sessions");
        refused(form(path, good, "durationMinutes", "0"), "durationMinutes");
        refused(form(path, good, "durationMinutes", "1441"), "durationMinutes");
        refused(form(path, good, "durationMinutes", "ninety"), "durationMinutes");
        refused(form(path, good, "durationMinutes", "99999999999999"), "durationMinutes");
        refused(form(path, good, "setting", "NOPE"), "setting");
        refused(form(path, good, "themes", "NOPE"), "themes");
        refused(form(path, good, "sessionDate", "2026-02-31"), "sessionDate");
        assertThat(rows("cas_session_note", "client_id", client.id())).isZero();
        assertThat(web.status(form(path, good), a)).isEqualTo(302);
    }

    @Test
    void theThreatLogbookRefusesAnImpossibleDate() throws Exception {
        Map<String, String> good = Map.of("occurredOn", today().minusDays(1).toString(), "kind", "THREATENED",
                "fromWhom", "Someone", "whatHappened", "A call");
        String path = cases("/safety/threats");
        refused(form(path, good, "occurredOn", "2026-02-31"), "occurredOn");
        refused(form(path, good, "kind", "NOPE"), "kind");
        assertThat(rows("saf_threat_entry", "client_id", client.id())).isZero();
    }
}
