package org.exitwork.cases;

import java.time.Duration;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditLog;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** R2, R6: the tandem reads; colleagues only by breaking the glass; administrators never; other organisations not at all. */
@DatabaseTest
@AutoConfigureMockMvc
class CaseAccessTest {

    static final String NOTE = "He talked about the summer camp and his uncle.";
    static final String NAME = "Jonathan Testperson";

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal colleague;
    RegisteredClient client;

    @BeforeEach
    void aCaseWithATandem() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, NAME);
        fixtures.note(a, client.id(), NOTE);
    }

    String caseUrl() {
        return "/cases/" + client.id();
    }

    @Test
    void bothMembersOfTheTandemReadTheCaseAndTheIdentity() throws Exception {
        for (StaffPrincipal member : new StaffPrincipal[] {a, b}) {
            mvc.perform(get(caseUrl() + "/sessions").with(as(member))).andExpect(status().isOk())
                    .andExpect(content().string(containsString(NOTE)));
            mvc.perform(get(caseUrl()).with(as(member))).andExpect(status().isOk())
                    .andExpect(content().string(containsString(client.pseudonym())))
                    // The identity stays hidden until asked for.
                    .andExpect(content().string(not(containsString(NAME))));
            mvc.perform(get(caseUrl() + "/identity").with(as(member))).andExpect(status().isOk())
                    .andExpect(content().string(containsString(NAME)));
        }
        assertThat(audit.about(org.id(), client.pseudonym())).extracting(e -> e.action())
                .contains("CLIENT_TAKEN_ON", "NOTE_WRITTEN", "CASE_READ", "IDENTITY_READ");
    }

    @Test
    void theTandemWritesNotesThatOnlyTheTandemReads() throws Exception {
        mvc.perform(post(caseUrl() + "/sessions").with(as(b)).with(csrf())
                .param("sessionDate", "2026-02-01").param("setting", "ONE_ON_ONE").param("text", "Second note by B"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get(caseUrl() + "/sessions").with(as(a)))
                .andExpect(content().string(containsString("Second note by B")));
        mvc.perform(post(caseUrl() + "/sessions").with(as(colleague)).with(csrf())
                .param("sessionDate", "2026-02-01").param("setting", "ONE_ON_ONE").param("text", "Intruder note"))
                .andExpect(status().isForbidden());
        assertThat(noteCount()).isEqualTo(2);
    }

    @Test
    void aColleagueSeesThePseudonymButNeitherNoteNorIdentity() throws Exception {
        mvc.perform(get("/cases").with(as(colleague))).andExpect(status().isOk())
                .andExpect(content().string(containsString(client.pseudonym())))
                .andExpect(content().string(not(containsString(NAME))));
        mvc.perform(get(caseUrl()).with(as(colleague))).andExpect(status().isForbidden())
                .andExpect(content().string(containsString("data-testid=\"restricted\"")))
                .andExpect(content().string(not(containsString(NOTE))))
                .andExpect(content().string(not(containsString(NAME))));
        mvc.perform(get(caseUrl() + "/identity").with(as(colleague))).andExpect(status().isForbidden())
                .andExpect(content().string(not(containsString(NAME))));
        assertThat(audit.about(org.id(), client.pseudonym())).extracting(e -> e.action()).contains("CASE_ACCESS_REFUSED");
    }

    @Test
    void breakingTheGlassNeedsAReasonIsSeenByTheTandemAndExpires() throws Exception {
        mvc.perform(post(caseUrl() + "/break-glass").with(as(colleague)).with(csrf())
                .param("reason", "ABSENCE").param("explanation", "short"))
                .andExpect(status().isBadRequest());
        mvc.perform(post(caseUrl() + "/break-glass").with(as(colleague)).with(csrf())
                .param("reason", "NOT_A_REASON").param("explanation", "a long enough explanation"))
                .andExpect(status().isBadRequest());
        mvc.perform(get(caseUrl()).with(as(colleague))).andExpect(status().isForbidden());

        mvc.perform(post(caseUrl() + "/break-glass").with(as(colleague)).with(csrf())
                .param("reason", "EMERGENCY").param("explanation", "Client called the crisis line at night"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get(caseUrl() + "/sessions").with(as(colleague))).andExpect(status().isOk())
                .andExpect(content().string(containsString(NOTE)));
        mvc.perform(get(caseUrl()).with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(containsString(colleague.displayName())))
                .andExpect(content().string(containsString("Client called the crisis line at night")));
        assertThat(audit.about(org.id(), client.pseudonym())).extracting(e -> e.action()).contains("BREAK_THE_GLASS");

        clock.advance(Duration.ofHours(9));
        mvc.perform(get(caseUrl()).with(as(colleague))).andExpect(status().isForbidden());
    }

    @Test
    void managersAndDataProtectionOfficersAlsoNeedToBreakTheGlass() throws Exception {
        for (Role role : new Role[] {Role.MANAGER, Role.DATA_PROTECTION_OFFICER}) {
            StaffPrincipal other = fixtures.staff(org, role);
            mvc.perform(get(caseUrl()).with(as(other))).andExpect(status().isForbidden())
                    .andExpect(content().string(not(containsString(NOTE))));
        }
    }

    @Test
    void theAdministratorCannotReadAnyCaseContent() throws Exception {
        mvc.perform(get("/cases").with(as(org.admin()))).andExpect(status().isForbidden())
                .andExpect(content().string(not(containsString(client.pseudonym()))));
        mvc.perform(get(caseUrl()).with(as(org.admin()))).andExpect(status().isForbidden())
                .andExpect(content().string(not(containsString(NOTE))));
        mvc.perform(get(caseUrl() + "/identity").with(as(org.admin()))).andExpect(status().isForbidden());
        mvc.perform(post(caseUrl() + "/break-glass").with(as(org.admin())).with(csrf())
                .param("reason", "EMERGENCY").param("explanation", "I am the administrator"))
                .andExpect(status().isForbidden());
        mvc.perform(get(caseUrl()).with(as(org.admin()))).andExpect(status().isForbidden());
    }

    @Test
    void anotherOrganisationSeesNothingAtAll() throws Exception {
        var otherOrg = fixtures.organisation();
        StaffPrincipal stranger = fixtures.staff(otherOrg, Role.PRACTITIONER);
        StaffPrincipal strangerManager = fixtures.staff(otherOrg, Role.MANAGER);
        mvc.perform(get("/cases").with(as(stranger))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString(client.pseudonym()))));
        mvc.perform(get(caseUrl()).with(as(stranger))).andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString(client.pseudonym()))));
        mvc.perform(get(caseUrl() + "/identity").with(as(stranger))).andExpect(status().isNotFound());
        mvc.perform(post(caseUrl() + "/break-glass").with(as(strangerManager)).with(csrf())
                .param("reason", "EMERGENCY").param("explanation", "trying from another organisation"))
                .andExpect(status().isNotFound());
        mvc.perform(post(caseUrl() + "/sessions").with(as(stranger)).with(csrf())
                .param("sessionDate", "2026-02-01").param("setting", "ONE_ON_ONE")
                .param("text", "cross-organisation note"))
                .andExpect(status().isNotFound());
        // Staff of another organisation cannot be made part of a tandem either.
        var ready = readyProspect();
        mvc.perform(takeOn(ready.id(), "Cross Org", stranger.id().toString()))
                .andExpect(status().isBadRequest());
        assertThat(stage(ready.id())).isEqualTo("PROSPECT");
        // Nor does the administrator see or change the other organisation's accounts.
        mvc.perform(get("/admin/staff").with(as(otherOrg.admin())))
                .andExpect(content().string(not(containsString(a.username()))));
        mvc.perform(post("/admin/staff/" + a.id() + "/active").with(as(otherOrg.admin())).with(csrf())
                .param("active", "false")).andExpect(status().isNotFound());
        assertThat(noteCount()).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedClearlyAndStoresNothing() throws Exception {
        var ready = readyProspect();
        long clientsBefore = clientCount();
        mvc.perform(takeOn(ready.id(), " ", b.id().toString()).param("contact", "kept contact 0151")
                        .param("dateOfBirth", "2099-01-01"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("kept contact 0151")))
                .andExpect(content().string(containsString("aria-invalid=\"true\"")));
        mvc.perform(takeOn(ready.id(), "Valid Name", b.id().toString()).param("dateOfBirth", "not a date"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Valid Name")));
        mvc.perform(takeOn(ready.id(), "Valid Name", a.id().toString()))
                .andExpect(status().isBadRequest());
        mvc.perform(takeOn(ready.id(), "x".repeat(201), b.id().toString()))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/cases").with(as(a)).with(csrf()).param("pathway", "SELF_REFERRAL"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/cases").with(as(a)).with(csrf()).param("pathway", "BRIBED").param("areas", "UNCLEAR"))
                .andExpect(status().isBadRequest());
        assertThat(clientCount()).isEqualTo(clientsBefore);
        assertThat(stage(ready.id())).isEqualTo("PROSPECT");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_identity WHERE client_id = ?").param(ready.id())
                .query(Long.class).single()).isZero();

        mvc.perform(post(caseUrl() + "/sessions").with(as(a)).with(csrf())
                .param("sessionDate", "2026-02-01").param("setting", "ONE_ON_ONE").param("text", "   "))
                .andExpect(status().isBadRequest());
        mvc.perform(post(caseUrl() + "/sessions").with(as(a)).with(csrf())
                .param("sessionDate", "2999-02-01").param("setting", "ONE_ON_ONE")
                .param("text", "a note from the future"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("a note from the future")));
        assertThat(noteCount()).isEqualTo(1);

        mvc.perform(get("/cases/not-a-uuid").with(as(a))).andExpect(status().isBadRequest());
        mvc.perform(get("/cases/" + UUID.randomUUID()).with(as(a))).andExpect(status().isNotFound());
    }

    @Test
    void onlyPractitionersRegisterClients() throws Exception {
        StaffPrincipal manager = fixtures.staff(org, Role.MANAGER);
        mvc.perform(get("/cases/new").with(as(manager))).andExpect(status().isForbidden());
        mvc.perform(post("/cases").with(as(manager)).with(csrf()).param("pathway", "SELF_REFERRAL")
                .param("areas", "UNCLEAR")).andExpect(status().isForbidden());
        mvc.perform(get("/cases/new").with(as(a))).andExpect(status().isOk());
    }

    private org.exitwork.cases.RegisteredClient readyProspect() {
        var prospect = fixtures.prospect(a);
        fixtures.safetyDiscussion(prospect.id(), a);
        return prospect;
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder takeOn(UUID id, String fullName,
            String second) {
        return post("/cases/" + id + "/take-on").with(as(a)).with(csrf())
                .param("givenOn", java.time.LocalDate.now().minusDays(1).toString())
                .param("informedHow", "TALK_ONLY")
                .param("informationText", fixtures.consent(org.id(), "en").informationText().toString())
                .param("language", "en").param("fullName", fullName).param("secondPractitioner", second);
    }

    private String stage(UUID id) {
        return jdbc.sql("SELECT stage FROM cas_client WHERE id = ?").param(id).query(String.class).single();
    }

    private long noteCount() {
        return jdbc.sql("SELECT COUNT(*) FROM cas_session_note WHERE client_id = ?").param(client.id())
                .query(Long.class).single();
    }

    private long clientCount() {
        return jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE org_id = ?").param(org.id()).query(Long.class).single();
    }
}
