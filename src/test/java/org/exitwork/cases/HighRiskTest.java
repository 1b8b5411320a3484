package org.exitwork.cases;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
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
import static org.assertj.core.groups.Tuple.tuple;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * R14: the tandem marks a case high-risk with a reason; the case then asks for its emergency plan and
 * contact structure, on its page and on the manager's overview, until both exist; the mark and its
 * clearing are in the audit and the client's report, the note in neither.
 */
@DatabaseTest
@AutoConfigureMockMvc
class HighRiskTest {

    static final String NOTE_MARKER = "Risknote-Pangolin";

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
    List<ClientRecordPart> reportParts;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal manager;
    RegisteredClient client;

    @BeforeEach
    void aCase() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.staff(org, Role.MANAGER);
        client = fixtures.client(a, b, "High Risk Client");
    }

    @Test
    void aHighRiskCaseAsksForItsEmergencyPlanAndContactStructureUntilBothExist() throws Exception {
        assertThat(perform(get("/cases/{id}", client.id()), a).getContentAsString())
                .doesNotContain("data-testid=\"high-risk-task\"");
        MockHttpServletResponse marked = perform(mark(true, "THREATS", NOTE_MARKER), a);
        assertThat(marked.getStatus()).isEqualTo(302);
        assertThat(marked.getRedirectedUrl()).isEqualTo("/cases/" + client.id());

        assertThat(task(a)).contains("data-testid=\"high-risk-mark\"").contains("data-testid=\"high-risk-task\"")
                .contains("at least one emergency contact").contains("/cases/" + client.id() + "/safety/emergency");
        assertThat(waitingOnOverview()).isTrue();

        // A plan without anyone to call is no contact structure yet.
        assertThat(status(post("/cases/{id}/safety/emergency", client.id()).param("instructions", "Meet at the office")
                .param("contacts[0].who", "").param("contacts[0].number", "").param("version", "0"), a)).isEqualTo(302);
        assertThat(task(a)).contains("data-testid=\"high-risk-task\"");
        assertThat(waitingOnOverview()).isTrue();

        assertThat(status(post("/cases/{id}/safety/emergency", client.id()).param("instructions", "Meet at the office").param("version", "1")
                .param("contacts[0].who", "Tandem").param("contacts[0].number", "0301234567")
                .param("contacts[0].when", "first"), a)).isEqualTo(302);
        assertThat(task(a)).contains("data-testid=\"high-risk-mark\"").doesNotContain("data-testid=\"high-risk-task\"");
        assertThat(waitingOnOverview()).isFalse();

        assertThat(perform(get("/cases/{id}/high-risk", client.id()), b).getContentAsString()).contains(NOTE_MARKER);
        assertThat(DatabaseScan.find(dataSource, List.of(NOTE_MARKER))).as("the note is sealed").isEmpty();
    }

    @Test
    void theMarkAndItsClearingAreInTheAuditAndTheClientsReport() throws Exception {
        assertThat(status(mark(true, "RETALIATION", NOTE_MARKER), a)).isEqualTo(302);
        assertThat(status(mark(false, "DANGER_PASSED", ""), b)).isEqualTo(302);
        assertThat(highRisk()).isFalse();

        assertThat(audit.about(org.id(), client.pseudonym())).filteredOn(e -> e.action().contains("HIGH_RISK"))
                .extracting(AuditEntry::action, AuditEntry::detail)
                .containsExactly(tuple("CASE_MARKED_HIGH_RISK", "@risk.reason|RETALIATION"),
                        tuple("CASE_HIGH_RISK_CLEARED", "@risk.reason|DANGER_PASSED"));
        CaseReference ref = new CaseReference(client.id(), org.id(), client.pseudonym(), List.of(a.id(), b.id()));
        List<ClientRecordSection.Item> report = reportParts.stream()
                .flatMap(p -> p.sections(ref, Locale.ENGLISH).stream()).filter(s -> s.key().equals("high-risk"))
                .flatMap(s -> s.items().stream()).toList();
        assertThat(report).extracting(ClientRecordSection.Item::value).containsExactly(
                "Your case was marked high-risk (danger of retaliation for leaving)",
                "The high-risk mark was cleared (the danger has passed)");
        assertThat(report.toString()).doesNotContain(NOTE_MARKER);
    }

    @Test
    void aReasonIsRequiredAndMustFit() throws Exception {
        MockHttpServletResponse none = perform(post("/cases/{id}/high-risk", client.id()).param("highRisk", "true")
                .param("note", NOTE_MARKER), a);
        assertThat(none.getStatus()).isEqualTo(400);
        assertThat(none.getContentAsString()).contains("Please choose a reason.");
        assertThat(status(mark(true, "DANGER_PASSED", ""), a)).as("a reason for clearing").isEqualTo(400);
        assertThat(highRisk()).isFalse();
        assertThat(markRows()).isZero();

        assertThat(status(mark(true, "OTHER", ""), a)).isEqualTo(302);
        assertThat(status(mark(true, "THREATS", ""), b)).as("already marked meanwhile").isEqualTo(409);
        assertThat(markRows()).isEqualTo(1);
    }

    @Test
    void onlyTheTandemMarks() throws Exception {
        StaffPrincipal colleague = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        assertThat(status(post("/cases/{id}/break-glass", client.id()).param("reason", "EMERGENCY")
                .param("explanation", "The tandem cannot be reached tonight"), colleague)).isEqualTo(302);
        assertThat(status(get("/cases/{id}/high-risk", client.id()), colleague)).as("read after breaking the glass")
                .isEqualTo(200);
        for (StaffPrincipal outsider : List.of(colleague, manager, dpo, org.admin())) {
            assertThat(status(mark(true, "THREATS", ""), outsider)).as(outsider.role() + " marks").isEqualTo(403);
        }
        StaffPrincipal foreign = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);
        assertThat(status(mark(true, "THREATS", ""), foreign)).isEqualTo(404);
        assertThat(highRisk()).isFalse();
        assertThat(markRows()).isZero();
    }

    // ---------------------------------------------------------------------------------------------

    private MockHttpServletRequestBuilder mark(boolean highRisk, String reason, String note) {
        return post("/cases/{id}/high-risk", client.id()).param("highRisk", String.valueOf(highRisk))
                .param("reason", reason).param("note", note);
    }

    private String task(StaffPrincipal who) throws Exception {
        MockHttpServletResponse page = perform(get("/cases/{id}", client.id()), who);
        assertThat(page.getStatus()).isEqualTo(200);
        return page.getContentAsString();
    }

    private boolean waitingOnOverview() throws Exception {
        String overview = perform(get("/manage/overview"), manager).getContentAsString();
        int table = overview.indexOf("data-testid=\"high-risk-waiting\"");
        return table >= 0 && overview.indexOf("data-case=\"" + client.id() + "\"", table) >= 0;
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return mvc.perform(request.with(as(who)).with(csrf())).andReturn().getResponse();
    }

    private int status(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return perform(request, who).getStatus();
    }

    private boolean highRisk() {
        return jdbc.sql("SELECT high_risk FROM cas_client WHERE id = ?").param(client.id()).query(Boolean.class).single();
    }

    private long markRows() {
        return jdbc.sql("SELECT COUNT(*) FROM cas_risk_mark WHERE client_id = ?").param(client.id()).query(Long.class)
                .single();
    }
}
