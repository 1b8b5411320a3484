package org.exitwork.quality;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.SchemaColumns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** R14: care for the team. Supervision without case content, check-ups without health data, training and induction. */
@DatabaseTest
@AutoConfigureMockMvc
class CareForTheTeamTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

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
    StaffPrincipal c;
    StaffPrincipal manager;
    StaffPrincipal dpo;
    LocalDate today;

    @BeforeEach
    void team() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        c = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.staff(org, Role.MANAGER);
        dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        today = LocalDate.now(clock);
    }

    private String page(String path, StaffPrincipal who, int status) throws Exception {
        return mvc.perform(get(path).with(as(who))).andExpect(status().is(status)).andReturn().getResponse()
                .getContentAsString();
    }

    private int send(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return mvc.perform(request.with(as(who)).with(csrf())).andReturn().getResponse().getStatus();
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE org_id = ?").param(org.id()).query(Long.class)
                .single();
    }

    private MockHttpServletRequestBuilder supervision(String topic, String supervisor, UUID... participants) {
        MockHttpServletRequestBuilder r = post("/team/supervision").param("heldOn", today.minusDays(3).toString())
                .param("kind", "SUPERVISION").param("topic", topic).param("supervisorName", supervisor);
        for (UUID p : participants) {
            r.param("participants", p.toString());
        }
        return r;
    }

    // --- supervision and intervision ------------------------------------------------------------------

    @Test
    void practitionersRecordSessionsTheyTookPartInAndManagersSeeAll() throws Exception {
        String topic = Fixtures.unique("Topicmarker");
        String supervisor = Fixtures.unique("Supervisormarker");
        assertThat(send(supervision(topic, supervisor, a.id(), b.id()), a)).isEqualTo(302);

        assertThat(page("/team/supervision", a, 200)).contains(topic, supervisor, b.displayName());
        assertThat(page("/team/staff/" + b.id(), b, 200)).contains(topic, supervisor);
        assertThat(page("/team/supervision", manager, 200)).contains(topic);
        assertThat(page("/team/staff/" + a.id(), manager, 200)).contains(topic);
        // C took no part: neither the list nor C's page shows it.
        assertThat(page("/team/supervision", c, 200)).doesNotContain(topic);
        assertThat(page("/team/staff/" + c.id(), c, 200)).doesNotContain(topic);
        assertThat(page("/team/staff/" + c.id(), manager, 200)).doesNotContain(topic);

        assertThat(DatabaseScan.find(dataSource, List.of(topic, supervisor))).as("encrypted at rest").isEmpty();
        List<AuditEntry> entries = audit.recent(org.id(), 20).stream()
                .filter(e -> e.action().equals("SUPERVISION_RECORDED")).toList();
        assertThat(entries).hasSize(1).allSatisfy(e -> assertThat(e.detail() + e.subject()).doesNotContain(topic)
                .doesNotContain(supervisor).contains("SUPERVISION"));
    }

    @Test
    void theFormWarnsAgainstCaseContentAndTheSchemaHasNoPlaceForIt() throws Exception {
        String form = page("/team/supervision/new", a, 200);
        assertThat(form).contains("Please do not write anything about clients").doesNotContain("<textarea");
        assertThat(SchemaColumns.of(dataSource, "qua_supervision")).as("no notes, no client, no case")
                .noneMatch(col -> col.matches(".*\\.(.*note.*|.*text.*|.*content.*|.*description.*|.*client.*|.*case.*"
                        + "|.*pseudonym.*|.*minutes.*)"));
        // A topic line longer than a short line is refused.
        assertThat(send(supervision("x".repeat(101), "", a.id()), a)).isEqualTo(400);
        assertThat(count("qua_supervision")).isZero();
    }

    @Test
    void badSupervisionInputIsRefusedAndNothingStored() throws Exception {
        // Not among the participants.
        assertThat(send(supervision("", "", b.id()), a)).isEqualTo(400);
        // Nobody took part.
        assertThat(send(supervision("", ""), a)).isEqualTo(400);
        // Someone of another organisation.
        StaffPrincipal stranger = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);
        assertThat(send(supervision("", "", a.id(), stranger.id()), a)).isEqualTo(400);
        // In the future, without a kind, with an unknown kind.
        assertThat(send(post("/team/supervision").param("heldOn", today.plusDays(2).toString())
                .param("kind", "SUPERVISION").param("participants", a.id().toString()), a)).isEqualTo(400);
        assertThat(send(post("/team/supervision").param("heldOn", today.toString())
                .param("participants", a.id().toString()), a)).isEqualTo(400);
        assertThat(send(post("/team/supervision").param("heldOn", today.toString()).param("kind", "THERAPY")
                .param("participants", a.id().toString()), a)).isEqualTo(400);
        assertThat(count("qua_supervision")).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM qua_supervision_participant WHERE staff_id IN (?, ?)")
                .params(a.id(), b.id()).query(Long.class).single()).isZero();
        // A manager records a session of others.
        assertThat(send(supervision("", "", a.id(), b.id()), manager)).isEqualTo(302);
        assertThat(count("qua_supervision")).isEqualTo(1);
    }

    // --- access -----------------------------------------------------------------------------------------

    @Test
    void practitionersSeeOnlyTheirOwnPageAndTheDpoAndAdministratorNothing() throws Exception {
        mvc.perform(get("/team").with(as(a))).andExpect(redirectedUrl("/team/staff/" + a.id()));
        page("/team/staff/" + b.id(), a, 403);
        assertThat(send(post("/team/staff/{id}/checkups", b.id()).param("doneOn", today.toString()), a))
                .isEqualTo(403);
        assertThat(send(post("/team/staff/{id}/trainings", b.id()).param("takenOn", today.toString())
                .param("title", "Sneaky"), a)).isEqualTo(403);
        assertThat(send(post("/team/staff/{id}/checkup-due", a.id()).param("dueOn", today.toString()), a))
                .isEqualTo(403);
        page("/team/induction", a, 403);
        for (StaffPrincipal outsider : List.of(dpo, org.admin())) {
            page("/team", outsider, 403);
            page("/team/staff/" + outsider.id(), outsider, 403);
            page("/team/supervision", outsider, 403);
        }
        assertThat(count("qua_checkup") + count("qua_training") + count("qua_checkup_due")).isZero();
    }

    @Test
    void anotherOrganisationFindsNothing() throws Exception {
        StaffPrincipal foreignManager = fixtures.staff(fixtures.organisation(), Role.MANAGER);
        page("/team/staff/" + a.id(), foreignManager, 404);
        assertThat(send(post("/team/staff/{id}/checkups", a.id()).param("doneOn", today.toString()), foreignManager))
                .isEqualTo(404);
        assertThat(send(post("/team/staff/{id}/checkup-due", a.id()).param("dueOn", today.toString()),
                foreignManager)).isEqualTo(404);
        assertThat(send(post("/team/staff/{id}/trainings", a.id()).param("takenOn", today.toString())
                .param("title", "Foreign"), foreignManager)).isEqualTo(404);
        assertThat(page("/team", foreignManager, 200)).doesNotContain(a.displayName());
        assertThat(count("qua_checkup") + count("qua_training") + count("qua_checkup_due")).isZero();
        // Nor the organisation's induction topics.
        assertThat(send(post("/team/induction").param("title", "Ours"), manager)).isEqualTo(302);
        UUID topic = jdbc.sql("SELECT id FROM qua_induction_topic WHERE org_id = ?").param(org.id())
                .query(UUID.class).single();
        assertThat(send(post("/team/induction/{id}/remove", topic), foreignManager)).isEqualTo(404);
        assertThat(send(post("/team/induction/{id}/up", topic), foreignManager)).isEqualTo(404);
        assertThat(count("qua_induction_topic")).isEqualTo(1);
    }

    // --- well-being check-up --------------------------------------------------------------------------

    @Test
    void checkUpsDueWithinThirtyDaysAndOverdueAreListedForTheManager() throws Exception {
        StaffPrincipal d = fixtures.staff(org, Role.PRACTITIONER);
        // A: first due date set by the manager in 20 days. B: last done a year and 5 days ago (overdue).
        // C: done a month ago (due in 11 months). D: first due in 60 days.
        assertThat(send(post("/team/staff/{id}/checkup-due", a.id()).param("dueOn", today.plusDays(20).toString()),
                manager)).isEqualTo(302);
        assertThat(send(post("/team/staff/{id}/checkups", b.id()).param("doneOn",
                today.minusYears(1).minusDays(5).toString()), manager)).isEqualTo(302);
        assertThat(send(post("/team/staff/{id}/checkups", c.id()).param("doneOn", today.minusMonths(1).toString()),
                c)).isEqualTo(302);
        assertThat(send(post("/team/staff/{id}/checkup-due", d.id()).param("dueOn", today.plusDays(60).toString()),
                manager)).isEqualTo(302);

        String overview = page("/team", manager, 200);
        String due = dueTable(overview);
        assertThat(due).contains(a.displayName(), shown(today.plusDays(20)))
                .contains(b.displayName(), shown(today.minusDays(5)), "overdue")
                .doesNotContain(c.displayName()).doesNotContain(d.displayName());
        assertThat(page("/team/staff/" + c.id(), c, 200)).contains(shown(today.minusMonths(1).plusYears(1)));

        // Once done, A drops off the list: the next is due a year later.
        assertThat(send(post("/team/staff/{id}/checkups", a.id()).param("doneOn", today.toString()), a))
                .isEqualTo(302);
        assertThat(dueTable(page("/team", manager, 200))).doesNotContain(a.displayName()).contains(b.displayName());
        assertThat(page("/team/staff/" + a.id(), a, 200)).contains(shown(today.plusYears(1)));
        assertThat(audit.about(org.id(), a.username())).extracting(AuditEntry::action)
                .contains("CHECKUP_DUE_SET", "CHECKUP_DONE");
    }

    /** A date as the English pages show it (format.date). */
    private static String shown(LocalDate date) {
        return date.format(java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH));
    }

    private static String dueTable(String page) {
        int start = page.indexOf("data-testid=\"checkups-due\"");
        return start < 0 ? "" : page.substring(start, page.indexOf("</table>", start));
    }

    @Test
    void theManagerMovesTheNextDueDateUntilTheCheckUpIsDone() throws Exception {
        assertThat(send(post("/team/staff/{id}/checkups", a.id()).param("doneOn", today.minusMonths(6).toString()), a))
                .isEqualTo(302);
        assertThat(page("/team/staff/" + a.id(), a, 200)).contains(shown(today.plusMonths(6)));
        assertThat(send(post("/team/staff/{id}/checkup-due", a.id()).param("dueOn", today.plusDays(7).toString()),
                manager)).isEqualTo(302);
        assertThat(dueTable(page("/team", manager, 200))).contains(a.displayName(), shown(today.plusDays(7)));
        assertThat(send(post("/team/staff/{id}/checkups", a.id()).param("doneOn", today.toString()), manager))
                .isEqualTo(302);
        assertThat(dueTable(page("/team", manager, 200))).doesNotContain(a.displayName());
        assertThat(page("/team/staff/" + a.id(), a, 200)).contains(shown(today.plusYears(1)));
    }

    @Test
    void aCheckUpIsOnlyDoneOrNotDone() throws Exception {
        assertThat(SchemaColumns.of(dataSource, "qua_checkup")).as("no health data, no notes")
                .noneMatch(col -> col.matches(".*\\.(.*note.*|.*health.*|.*result.*|.*comment.*|.*diagnos.*|.*reason.*"
                        + "|.*text.*|.*status.*|.*finding.*|.*remark.*)"))
                .containsExactlyInAnyOrder("qua_checkup.id", "qua_checkup.org_id", "qua_checkup.staff_id",
                        "qua_checkup.done_on", "qua_checkup.recorded_by", "qua_checkup.recorded_at",
                        "qua_checkup.version",
                        "qua_checkup_due.staff_id", "qua_checkup_due.org_id", "qua_checkup_due.due_on",
                        "qua_checkup_due.set_by", "qua_checkup_due.set_at",
                        // a correction keeps the earlier date, and nothing else
                        "qua_checkup_version.id", "qua_checkup_version.checkup_id", "qua_checkup_version.version",
                        "qua_checkup_version.done_on", "qua_checkup_version.replaced_by",
                        "qua_checkup_version.replaced_at");
        String smuggled = Fixtures.unique("Healthmarker");
        assertThat(send(post("/team/staff/{id}/checkups", a.id()).param("doneOn", today.toString())
                .param("notes", smuggled).param("result", smuggled), a)).isEqualTo(302);
        assertThat(DatabaseScan.find(dataSource, List.of(smuggled))).isEmpty();
        // A date in the future or none is refused.
        assertThat(send(post("/team/staff/{id}/checkups", a.id()).param("doneOn", today.plusDays(1).toString()), a))
                .isEqualTo(400);
        assertThat(send(post("/team/staff/{id}/checkups", a.id()).param("doneOn", ""), a)).isEqualTo(400);
        assertThat(send(post("/team/staff/{id}/checkup-due", a.id()).param("dueOn", "soon"), manager))
                .isEqualTo(400);
        assertThat(count("qua_checkup")).isEqualTo(1);
        assertThat(count("qua_checkup_due")).isZero();
    }

    // --- training and induction -----------------------------------------------------------------------

    @Test
    void theInductionPathShowsWhichTopicsAreDoneAndWhichAreOpen() throws Exception {
        for (String topic : List.of("Safe-space and confidentiality rules", "Safety protocol and check-in",
                "De-escalation")) {
            assertThat(send(post("/team/induction").param("title", topic), manager)).isEqualTo(302);
        }
        List<UUID> topics = jdbc.sql("SELECT id FROM qua_induction_topic WHERE org_id = ? ORDER BY position")
                .param(org.id()).query(UUID.class).list();
        assertThat(topics).hasSize(3);
        // De-escalation moves before the safety protocol.
        assertThat(send(post("/team/induction/{id}/up", topics.get(2)), manager)).isEqualTo(302);
        String list = page("/team/induction", manager, 200);
        assertThat(list.indexOf("De-escalation")).isLessThan(list.indexOf("Safety protocol and check-in"));

        String provider = Fixtures.unique("Providermarker");
        assertThat(send(post("/team/staff/{id}/trainings", a.id()).param("takenOn", today.minusDays(10).toString())
                .param("title", "Confidentiality workshop").param("provider", provider)
                .param("topicId", topics.get(0).toString()), a)).isEqualTo(302);
        assertThat(send(post("/team/staff/{id}/trainings", a.id()).param("takenOn", today.minusDays(2).toString())
                .param("title", "Conflict course").param("topicId", topics.get(2).toString()), manager)).isEqualTo(302);
        assertThat(send(post("/team/staff/{id}/trainings", a.id()).param("takenOn", today.toString())
                .param("title", "First aid").param("provider", ""), a)).isEqualTo(302);

        String own = page("/team/staff/" + a.id(), a, 200);
        String path = own.substring(own.indexOf("data-testid=\"induction\""), own.indexOf("</ol>"));
        assertThat(path).containsSubsequence("Safe-space and confidentiality rules", "done on "
                + shown(today.minusDays(10)), "De-escalation", "done on " + shown(today.minusDays(2)),
                "Safety protocol and check-in", "still open");
        assertThat(own).contains("Confidentiality workshop", provider, "First aid");
        assertThat(page("/team/staff/" + b.id(), b, 200)).doesNotContain("Confidentiality workshop")
                .contains("still open");
        assertThat(DatabaseScan.find(dataSource, List.of(provider, "Confidentiality workshop",
                "Safety protocol and check-in"))).isEmpty();

        // Removing a topic keeps the training, unlinked.
        assertThat(send(post("/team/induction/{id}/remove", topics.get(0)), manager)).isEqualTo(302);
        assertThat(page("/team/staff/" + a.id(), a, 200)).contains("Confidentiality workshop")
                .doesNotContain("Safe-space and confidentiality rules");
        assertThat(count("qua_training")).isEqualTo(3);
    }

    @Test
    void badTrainingInputIsRefusedAndNothingStored() throws Exception {
        StaffPrincipal foreignManager = fixtures.staff(fixtures.organisation(), Role.MANAGER);
        assertThat(send(post("/team/induction").param("title", "Foreign topic"), foreignManager)).isEqualTo(302);
        UUID foreignTopic = jdbc.sql("SELECT id FROM qua_induction_topic WHERE org_id = ?")
                .param(foreignManager.organisationId()).query(UUID.class).single();
        assertThat(send(post("/team/staff/{id}/trainings", a.id()).param("takenOn", today.toString())
                .param("title", "Linked elsewhere").param("topicId", foreignTopic.toString()), a)).isEqualTo(400);
        assertThat(send(post("/team/staff/{id}/trainings", a.id()).param("takenOn", today.toString())
                .param("title", " "), a)).isEqualTo(400);
        assertThat(send(post("/team/staff/{id}/trainings", a.id()).param("takenOn", today.plusDays(3).toString())
                .param("title", "Future"), a)).isEqualTo(400);
        assertThat(send(post("/team/staff/{id}/trainings", a.id()).param("takenOn", today.toString())
                .param("title", "Bad topic").param("topicId", "not-a-uuid"), a)).isEqualTo(400);
        assertThat(send(post("/team/induction").param("title", ""), manager)).isEqualTo(400);
        assertThat(count("qua_training")).isZero();
        assertThat(count("qua_induction_topic")).isZero();
    }
}
