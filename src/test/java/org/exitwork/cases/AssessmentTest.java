package org.exitwork.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
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
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * R5: the resources and safety assessment is the tandem's own, dated and revisable with its history
 * kept, encrypted at rest, and every read and change audited without content.
 */
@DatabaseTest
@AutoConfigureMockMvc
class AssessmentTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    org.exitwork.audit.AuditWording wording;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    RegisteredClient client;

    @BeforeEach
    void aClientWithTandem() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, Fixtures.unique("Assessed Client "));
    }

    private MockHttpServletRequestBuilder assessment(LocalDate on, String resources, String self, String others) {
        return post("/cases/{id}/assessment", client.id()).with(csrf())
                .param("assessedOn", on.toString()).param("resources", resources)
                .param("capacities", "Capacities of " + resources).param("protectiveFactors", "Protection of " + resources)
                .param("socialContext", "Context of " + resources)
                .param("dangerToSelf", self).param("dangerToSelfWhy", "Self because of " + resources)
                .param("dangerToOthers", others).param("dangerToOthersWhy", "Others because of " + resources);
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private long versions() {
        return jdbc.sql("SELECT COUNT(*) FROM cas_assessment WHERE client_id = ?").param(client.id())
                .query(Long.class).single();
    }

    private List<Map<String, Object>> audit(String action) {
        return jdbc.sql("SELECT actor_id, detail FROM aud_entry WHERE subject = ? AND action = ? ORDER BY seq")
                .params(client.pseudonym(), action).query().listOfRows();
    }

    @Test
    void aRevisionAddsAVersionAndKeepsTheEarlierOnesNewestFirst() throws Exception {
        assertThat(perform(assessment(LocalDate.now().minusDays(30), "Firstresource", "RAISED", "LOW").with(as(a)))
                .getRedirectedUrl()).isEqualTo("/cases/" + client.id() + "/assessment");
        String afterFirst = perform(get("/cases/{id}/assessment", client.id()).with(as(a))).getContentAsString();
        assertThat(afterFirst).contains("Firstresource", "Self because of Firstresource", "Raised")
                .contains("Internal: never exported, reported or shared with any partner");
        // The form for the next revision starts from the latest version.
        assertThat(afterFirst).contains(">Firstresource</textarea>");
        assertThat(afterFirst).containsPattern("value=\"RAISED\" id=\"dangerToSelf\\d\" name=\"dangerToSelf\" checked")
                .containsPattern("value=\"LOW\" id=\"dangerToOthers\\d\" name=\"dangerToOthers\" checked");

        assertThat(perform(assessment(LocalDate.now(), "Secondresource", "NONE_SEEN", "HIGH").with(as(b)))
                .getStatus()).isEqualTo(302);
        assertThat(versions()).isEqualTo(2);

        MockHttpServletResponse page = perform(get("/cases/{id}/assessment", client.id()).with(as(a)));
        assertThat(page.getStatus()).isEqualTo(200);
        String html = page.getContentAsString();
        assertThat(html).contains("Secondresource", "Firstresource", "data-testid=\"assessment-version\"");
        assertThat(html.indexOf("Secondresource")).as("the current version comes first")
                .isLessThan(html.indexOf("Firstresource"));
        assertThat(html).contains("version 2 of");

        List<Map<String, Object>> recorded = audit("ASSESSMENT_RECORDED");
        assertThat(recorded).hasSize(2);
        assertThat(recorded.get(0).get("detail")).isEqualTo("@assessment.recorded|1|" + LocalDate.now().minusDays(30));
        assertThat(recorded.get(1).get("detail")).isEqualTo("@assessment.recorded|2|" + LocalDate.now());
        String second = (String) recorded.get(1).get("detail");
        assertThat(wording.detail(second, java.util.Locale.GERMAN)).isEqualTo("Fassung 2 vom "
                + LocalDate.now().format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy")));
        assertThat(wording.detail(second, java.util.Locale.ENGLISH)).isEqualTo("version 2 of "
                + LocalDate.now().format(java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH)));
        assertThat(recorded.get(1).get("actor_id")).isEqualTo(b.id());
        assertThat(audit("ASSESSMENT_READ")).hasSize(2)
                .allSatisfy(row -> assertThat((String) row.get("detail")).doesNotContain("resource"));
    }

    @Test
    void theGermanPageSaysItIsInternal() throws Exception {
        String html = perform(get("/cases/{id}/assessment", client.id()).with(as(a)).param("lang", "de"))
                .getContentAsString();
        assertThat(html).contains("Intern: wird nie exportiert");
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() throws Exception {
        String tooLong = "x".repeat(4001);
        List<MockHttpServletRequestBuilder> bad = List.of(
                assessment(LocalDate.now(), "No level", "LOW", "").with(as(a)),
                assessment(LocalDate.now(), "No level", "", "LOW").with(as(a)),
                assessment(LocalDate.now(), "Unknown level", "EXTREME", "LOW").with(as(a)),
                assessment(LocalDate.now().plusDays(1), "In the future", "LOW", "LOW").with(as(a)),
                assessment(LocalDate.now(), tooLong, "LOW", "LOW").with(as(a)),
                assessment(LocalDate.now(), "Explanation too long", "LOW", "LOW").with(as(a))
                        .param("dangerToSelfWhy", "y".repeat(1001)),
                post("/cases/{id}/assessment", client.id()).with(csrf()).with(as(a)).param("resources", "No date")
                        .param("dangerToSelf", "LOW").param("dangerToOthers", "LOW"));
        for (MockHttpServletRequestBuilder request : bad) {
            MockHttpServletResponse response = perform(request);
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(response.getContentAsString()).contains("data-testid=\"assessment-form\"");
        }
        assertThat(versions()).isZero();
        assertThat(audit("ASSESSMENT_RECORDED")).isEmpty();
    }

    @Test
    void outsidersOfTheTandemAreRefusedAndTheRefusalIsAudited() throws Exception {
        perform(assessment(LocalDate.now(), "Insideresource", "LOW", "LOW").with(as(a)));
        StaffPrincipal colleague = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal manager = fixtures.staff(org, Role.MANAGER);
        StaffPrincipal dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        for (StaffPrincipal outsider : List.of(colleague, manager, dpo, org.admin())) {
            MockHttpServletResponse read = perform(get("/cases/{id}/assessment", client.id()).with(as(outsider)));
            assertThat(read.getStatus()).as(outsider.role() + " reads").isEqualTo(403);
            assertThat(read.getContentAsString()).doesNotContain("Insideresource");
            // A bad form from an outsider is refused for who they are, not for the form.
            for (String self : List.of("HIGH", "")) {
                assertThat(perform(assessment(LocalDate.now(), "Outsideresource", self, "LOW").with(as(outsider)))
                        .getStatus()).as(outsider.role() + " writes").isEqualTo(403);
            }
        }
        assertThat(versions()).isEqualTo(1);
        List<Map<String, Object>> refused = audit("CASE_ACCESS_REFUSED");
        assertThat(refused).extracting(row -> row.get("actor_id"))
                .contains(colleague.id(), manager.id(), dpo.id());
        assertThat(refused).extracting(row -> (String) row.get("detail"))
                .contains("read assessment", "revise assessment");
    }

    @Test
    void aColleagueWhoBrokeTheGlassReadsButDoesNotRevise() throws Exception {
        perform(assessment(LocalDate.now(), "Glassresource", "LOW", "LOW").with(as(a)));
        StaffPrincipal colleague = fixtures.staff(org, Role.PRACTITIONER);
        assertThat(perform(post("/cases/{id}/break-glass", client.id()).with(as(colleague)).with(csrf())
                .param("reason", "EMERGENCY").param("explanation", "Tandem unreachable, crisis call")).getStatus())
                .isEqualTo(302);
        MockHttpServletResponse read = perform(get("/cases/{id}/assessment", client.id()).with(as(colleague)));
        assertThat(read.getStatus()).isEqualTo(200);
        assertThat(read.getContentAsString()).contains("Glassresource").doesNotContain("data-testid=\"assessment-form\"");
        assertThat(audit("ASSESSMENT_READ")).extracting(row -> (String) row.get("detail"))
                .contains("@assessment.read|broken_glass|1|" + LocalDate.now());
        assertThat(perform(assessment(LocalDate.now(), "Glasswrite", "LOW", "LOW").with(as(colleague))).getStatus())
                .isEqualTo(403);
        assertThat(versions()).isEqualTo(1);
    }

    @Test
    void anotherOrganisationFindsNothing() throws Exception {
        perform(assessment(LocalDate.now(), "Foreignresource", "LOW", "LOW").with(as(a)));
        Fixtures.Organisation foreign = fixtures.organisation();
        for (Role role : List.of(Role.PRACTITIONER, Role.MANAGER, Role.DATA_PROTECTION_OFFICER)) {
            StaffPrincipal stranger = fixtures.staff(foreign, role);
            MockHttpServletResponse read = perform(get("/cases/{id}/assessment", client.id()).with(as(stranger)));
            assertThat(read.getStatus()).as(role.name()).isEqualTo(404);
            assertThat(read.getContentAsString()).doesNotContain("Foreignresource");
            assertThat(perform(assessment(LocalDate.now(), "Strangerresource", "LOW", "LOW").with(as(stranger)))
                    .getStatus()).as(role.name()).isEqualTo(404);
        }
        assertThat(versions()).isEqualTo(1);
    }

    @Test
    void aProspectHasNoAssessment() throws Exception {
        RegisteredClient prospect = fixtures.prospect(a);
        assertThat(perform(post("/cases/{id}/assessment", prospect.id()).with(csrf()).with(as(a))
                .param("assessedOn", LocalDate.now().toString()).param("dangerToSelf", "LOW")
                .param("dangerToOthers", "LOW")).getStatus()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_assessment WHERE client_id = ?").param(prospect.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void textsAndLevelsAreEncryptedAtRest() throws Exception {
        perform(assessment(LocalDate.now(), "Plainmarkerresource", "HIGH", "RAISED").with(as(a)));
        perform(get("/cases/{id}/assessment", client.id()).with(as(a)));
        assertThat(DatabaseScan.find(dataSource, List.of("Plainmarkerresource"))).isEmpty();
        // The levels too: no column of the row holds a level's name in plain text.
        Map<String, Object> row = jdbc.sql("SELECT * FROM cas_assessment WHERE client_id = ?").param(client.id())
                .query().singleRow();
        for (Object value : row.values()) {
            String text = value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                    : String.valueOf(value);
            assertThat(text).doesNotContain("HIGH").doesNotContain("RAISED");
        }
        assertThat(row.get("danger_to_self")).isInstanceOf(byte[].class);
    }

    @Test
    void erasureTakesTheAssessmentWithIt() throws Exception {
        perform(assessment(LocalDate.now(), "Erasedresource", "LOW", "LOW").with(as(a)));
        assertThat(versions()).isEqualTo(1);
        assertThat(perform(post("/cases/{id}/ending/clients-choice", client.id()).with(as(a)).with(csrf())
                .param("endedOn", LocalDate.now().toString()).param("eraseNow", "true")).getStatus()).isEqualTo(302);
        assertThat(versions()).isZero();
    }
}
