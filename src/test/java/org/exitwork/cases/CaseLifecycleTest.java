package org.exitwork.cases;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.UnreadableException;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.testing.DatabaseScan;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The path through a case: R1 (consent, voluntary ending), R2 (tandem), R20 (retention and real erasure). */
@DatabaseTest
@AutoConfigureMockMvc
class CaseLifecycleTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseWork cases;

    @Autowired
    Erasure erasure;

    @Autowired
    ClientKeys keys;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MutableClock clock;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal manager;

    @BeforeEach
    void staff() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.manager(org.id());
    }

    @Test
    void r1_withoutConsentThereIsNoClientAndAProspectHoldsNoCaseWork() throws Exception {
        RegisteredClient prospect = fixtures.prospect(a);
        assertThat(stage(prospect.id())).isEqualTo("PROSPECT");
        // No session notes for a prospect: the work starts with consent.
        mvc.perform(post("/cases/{id}/sessions", prospect.id()).with(as(a)).with(csrf())
                .param("sessionDate", LocalDate.now().toString()).param("setting", "ONE_ON_ONE")
                .param("text", "too early"))
                .andExpect(status().isConflict());
        // Taking on before the manager's safety discussion is refused and stores nothing.
        mvc.perform(takeOn(prospect.id(), "Early Person")).andExpect(status().isConflict())
                .andExpect(content().string(containsString("safety discussion")));
        assertThat(stage(prospect.id())).isEqualTo("PROSPECT");
        assertThat(count("cas_identity", prospect.id())).isZero();
        assertThat(count("cas_participation_consent", prospect.id())).isZero();

        // Practitioners cannot record the manager's safety discussion.
        mvc.perform(post("/cases/{id}/safety-discussion", prospect.id()).with(as(a)).with(csrf())
                .param("heldOn", LocalDate.now().toString()).param("risks", "self-approved"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/cases/{id}/safety-discussion", prospect.id()).with(as(manager)).with(csrf())
                .param("heldOn", LocalDate.now().toString()).param("risks", "Office only at first")
                .param("participants", a.id().toString()))
                .andExpect(status().is3xxRedirection());

        mvc.perform(takeOn(prospect.id(), "Now Consenting")).andExpect(status().is3xxRedirection());
        assertThat(stage(prospect.id())).isEqualTo("CLIENT");
        assertThat(count("cas_participation_consent", prospect.id())).isEqualTo(1);
        assertThat(actions(prospect)).containsSubsequence("PROSPECT_OPENED", "SAFETY_DISCUSSION_RECORDED",
                "CLIENT_TAKEN_ON");
        // Consent is recorded once: a second take-on is not possible.
        mvc.perform(takeOn(prospect.id(), "Again")).andExpect(status().isConflict());
    }

    @Test
    void r1_theInformationTextMustBeInTheClientsLanguage() throws Exception {
        RegisteredClient prospect = fixtures.prospect(a);
        fixtures.safetyDiscussion(prospect.id(), a);
        UUID german = fixtures.consent(org.id(), "de").informationText();
        mvc.perform(post("/cases/{id}/take-on", prospect.id()).with(as(a)).with(csrf())
                        .param("givenOn", LocalDate.now(clock).toString()).param("informedHow", "TALK_ONLY")
                        .param("informationText", german.toString()).param("language", "en")
                        .param("fullName", "Language Mismatch").param("secondPractitioner", b.id().toString()))
                .andExpect(status().isBadRequest());
        assertThat(stage(prospect.id())).isEqualTo("PROSPECT");
        // The information text is printable for the person, in both languages.
        mvc.perform(get("/cases/information-texts/{id}", german).with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(containsString("freiwillig")));
    }

    @Test
    void r2_aSinglePractitionerCaseNeedsAReasonAndShowsOnTheManagersOverview() throws Exception {
        RegisteredClient prospect = fixtures.prospect(a);
        fixtures.safetyDiscussion(prospect.id(), a);
        mvc.perform(takeOnAlone(prospect.id(), "Alone Person"))
                .andExpect(status().isBadRequest());
        assertThat(stage(prospect.id())).isEqualTo("PROSPECT");
        mvc.perform(takeOnAlone(prospect.id(), "Alone Person")
                .param("singlePractitionerReason", "The client only talks to one person for now"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/manage/overview").with(as(manager))).andExpect(status().isOk())
                .andExpect(content().string(containsString("cases with one practitioner")))
                .andExpect(content().string(not(containsString("Alone Person"))))
                .andExpect(content().string(not(containsString("only talks to one person"))));
        mvc.perform(get("/cases/{id}/intake", prospect.id()).with(as(a)))
                .andExpect(content().string(containsString("only talks to one person")));
    }

    @Test
    void r1_r20_endingByTheClientsChoiceAsksNoReasonAndErasesEverythingAtOnce() throws Exception {
        RegisteredClient client = fixtures.client(a, b, "Qwertzina Erasemarker");
        cases.writeNote(a, client.id(), LocalDate.now(), "Notemarker-erase: talked about Plonkville");
        // The form has no reason field: any extra parameter is ignored, nothing like it is stored.
        mvc.perform(post("/cases/{id}/ending/clients-choice", client.id()).with(as(a)).with(csrf())
                .param("endedOn", LocalDate.now().toString()).param("eraseNow", "true")
                .param("reason", "Reasonmarker: gave up"))
                .andExpect(status().is3xxRedirection());

        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE id = ?").param(client.id()).query(Long.class)
                .single()).isZero();
        assertThatThrownBy(() -> keys.cipherFor(client.id())).isInstanceOf(UnreadableException.class);
        // The rows that grow with the work go in the background (ErasureInConstantTimeTest shows what is
        // left until then); once the purge has run, no trace is left.
        erasure.purgeErased();
        assertThat(DatabaseScan.find(dataSource, List.of("Qwertzina", "Erasemarker", "Notemarker-erase",
                "Plonkville", "Reasonmarker", client.id().toString()))).isEmpty();
        List<AuditEntry> entries = audit.about(org.id(), client.pseudonym());
        AuditEntry last = entries.get(entries.size() - 1);
        assertThat(last.action()).isEqualTo("CLIENT_ERASED");
        assertThat(last.detail()).isNull();
        assertThat(entries).extracting(AuditEntry::action).contains("CASE_ENDED_BY_CLIENT");
        assertThat(entries).allSatisfy(e -> assertThat(String.valueOf(e.detail())).doesNotContain("gave up"));
        // The case is gone for everyone, including the tandem.
        mvc.perform(get("/cases/{id}", client.id()).with(as(a))).andExpect(status().isNotFound());
    }

    @Test
    void r20_onlyTheTandemErasesAndAnOngoingCaseMustBeEndedFirst() throws Exception {
        RegisteredClient client = fixtures.client(a, b, "Ongoing Person");
        StaffPrincipal other = fixtures.staff(org, Role.PRACTITIONER);
        mvc.perform(post("/cases/{id}/erasure", client.id()).with(as(other)).with(csrf()).param("confirmed", "true"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/cases/{id}/erasure", client.id()).with(as(a)).with(csrf()).param("confirmed", "true"))
                .andExpect(status().isConflict());
        assertThat(stage(client.id())).isEqualTo("CLIENT");
    }

    @Test
    void r20_retentionErasesProspectsAfterTheLastContactAndClosedCasesAfterTheirPeriod() throws Exception {
        mvc.perform(post("/manage/retention").with(as(manager)).with(csrf()).param("prospectDays", "30")
                .param("closedDays", "60").param("groupDays", "365").param("appointmentDays", "30"))
                .andExpect(status().is3xxRedirection());
        RegisteredClient idle = fixtures.prospect(a);
        RegisteredClient inContact = fixtures.prospect(a);
        RegisteredClient client = fixtures.client(a, b, "Stays A Client");
        RegisteredClient closed = fixtures.client(a, b, "Closed Person");
        mvc.perform(post("/cases/{id}/ending/completed", closed.id()).with(as(a)).with(csrf())
                .param("closedOn", LocalDate.now(clock).toString()).param("aftercarePlan", "Call in spring"))
                .andExpect(status().is3xxRedirection());

        clock.advance(Duration.ofDays(20));
        mvc.perform(post("/cases/{id}/contacts", inContact.id()).with(as(a)).with(csrf())
                .param("contactedOn", LocalDate.now(clock).toString()).param("kind", "MOTIVATIONAL_CONVERSATION")
                .param("reached", "true")).andExpect(status().is3xxRedirection());
        assertThat(erasure.eraseExpired()).isZero();

        clock.advance(Duration.ofDays(11));
        erasure.eraseExpired();
        assertThat(exists(idle.id())).as("idle prospect erased after 30 days").isFalse();
        assertThat(exists(inContact.id())).as("prospect in contact kept").isTrue();
        assertThat(exists(closed.id())).as("closed case kept until 60 days").isTrue();

        clock.advance(Duration.ofDays(30));
        erasure.eraseExpired();
        assertThat(exists(closed.id())).isFalse();
        assertThat(exists(inContact.id())).isFalse();
        assertThat(exists(client.id())).as("an ongoing case is never erased by retention").isTrue();
        assertThat(audit.about(org.id(), closed.pseudonym())).extracting(AuditEntry::action).containsOnlyOnce(
                "CLIENT_ERASED");
    }

    @Test
    void r20_twoNodesRunningTheScheduleAtOnceEraseEachClientOnce() throws Exception {
        List<RegisteredClient> prospects = List.of(fixtures.prospect(a), fixtures.prospect(a), fixtures.prospect(a));
        clock.advance(Duration.ofDays(91));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> run = erasure::eraseExpired;
            List<Future<Integer>> results = pool.invokeAll(List.of(run, run));
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get();
            }
            assertThat(total).isGreaterThanOrEqualTo(3);
        } finally {
            pool.shutdown();
        }
        for (RegisteredClient p : prospects) {
            assertThat(exists(p.id())).isFalse();
            assertThat(audit.about(org.id(), p.pseudonym())).extracting(AuditEntry::action)
                    .containsOnlyOnce("CLIENT_ERASED");
        }
    }

    /** R18: more than one phenomenon area may apply, none is privileged, at least one (or "not yet clear"). */
    @Test
    void r18_severalPhenomenonAreasMayApply() throws Exception {
        mvc.perform(post("/cases").with(as(a)).with(csrf()).param("pathway", "FAMILY")
                .param("areas", "RIGHT_WING", "CONSPIRACY_IDEOLOGY", "GANGS"))

                .andExpect(status().is3xxRedirection());
        UUID id = jdbc.sql("SELECT c.id FROM cas_client c JOIN cas_tandem_member t ON t.client_id = c.id "
                + "WHERE t.staff_id = ?").param(a.id()).query(UUID.class).single();
        assertThat(jdbc.sql("SELECT area FROM cas_phenomenon WHERE client_id = ? ORDER BY area").param(id)
                .query(String.class).list()).containsExactly("CONSPIRACY_IDEOLOGY", "GANGS", "RIGHT_WING");
        mvc.perform(get("/cases/{id}/intake", id).with(as(a)))
                .andExpect(content().string(containsString("Right-wing extremism")))
                .andExpect(content().string(containsString("Conspiracy ideologies")))
                .andExpect(content().string(containsString("Gangs")));
        // None at all is refused and changes nothing.
        mvc.perform(post("/cases/{id}/description", id).with(as(a)).with(csrf()).param("contextCase", "false"))
                .andExpect(status().isBadRequest());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_phenomenon WHERE client_id = ?").param(id).query(Long.class)
                .single()).isEqualTo(3);
    }

    /** R1: motivational work is allowed, incentives and sanctions are not: no column or form field for them. */
    @Test
    void r1_thereIsNoFieldForIncentivesOrSanctionsAnywhere() throws Exception {
        List<String> columns = jdbc.sql("SELECT LOWER(column_name) FROM information_schema.columns").query(String.class)
                .list();
        assertThat(columns).as("the schema was read").contains("pseudonym");
        assertThat(columns).noneMatch(c -> c.matches(".*(incentive|sanction|reward|penalt|bonus|benefit_cut).*"));
        try (var templates = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/resources/templates"))) {
            for (java.nio.file.Path t : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                assertThat(java.nio.file.Files.readString(t).toLowerCase())
                        .as(t.toString()).doesNotContainPattern("name=\"[^\"]*(incentive|sanction|reward|penalt)");
            }
        }
    }

    @Test
    void adminsNeverTakeOnOrEndCases() {
        RegisteredClient prospect = fixtures.prospect(a);
        assertThatThrownBy(() -> cases.openProspect(org.admin(),
                new NewProspect(Pathway.OTHER, Set.of(PhenomenonArea.UNCLEAR), false)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> cases.recordSafetyDiscussion(org.admin(), prospect.id(),
                new SafetyDiscussion(LocalDate.now(), "x", Set.of()))).isInstanceOf(ForbiddenException.class);
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder takeOn(UUID id, String name) {
        return takeOnAlone(id, name).param("secondPractitioner", b.id().toString());
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder takeOnAlone(UUID id,
            String name) {
        return post("/cases/{id}/take-on", id).with(as(a)).with(csrf())
                .param("givenOn", LocalDate.now(clock).minusDays(1).toString()).param("informedHow", "TALK_ONLY")
                .param("informationText", fixtures.consent(org.id(), "en").informationText().toString())
                .param("language", "en").param("fullName", name);
    }

    private String stage(UUID id) {
        return jdbc.sql("SELECT stage FROM cas_client WHERE id = ?").param(id).query(String.class).single();
    }

    private boolean exists(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    private long count(String table, UUID clientId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE client_id = ?").param(clientId).query(Long.class)
                .single();
    }

    private List<String> actions(RegisteredClient client) {
        return audit.about(org.id(), client.pseudonym()).stream().map(AuditEntry::action).toList();
    }
}
