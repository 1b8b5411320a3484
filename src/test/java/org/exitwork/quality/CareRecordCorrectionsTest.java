package org.exitwork.quality;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
 * R14: care records are corrected, never overwritten unseen. The earlier version stays readable to
 * whoever may read the record today (a session's participants and the managers; a staff member's own
 * training and check-ups and the managers), every correction is audited without its texts, a stale form
 * and bad input change nothing.
 */
@DatabaseTest
class CareRecordCorrectionsTest {

    @Autowired
    org.exitwork.audit.AuditWording wording;

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

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return mvc.perform(request.with(as(who)).with(csrf())).andReturn().getResponse();
    }

    private String page(String path, StaffPrincipal who) throws Exception {
        MockHttpServletResponse response = send(get(path), who);
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    private List<AuditEntry> entries(String action) {
        return audit.recent(org.id(), 100).stream().filter(e -> e.action().equals(action)).toList();
    }

    private Map<String, Object> supervisionRow(UUID id) {
        return jdbc.sql("SELECT held_on, kind, version FROM qua_supervision WHERE id = ?").param(id).query().singleRow();
    }

    private int versions(String table, String column, UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?").param(id).query(Integer.class)
                .single();
    }

    private UUID supervision(String topic, String supervisor) throws Exception {
        assertThat(send(post("/team/supervision").param("heldOn", today.minusDays(3).toString())
                .param("kind", "SUPERVISION").param("topic", topic).param("supervisorName", supervisor)
                .param("participants", a.id().toString(), b.id().toString()), a).getStatus()).isEqualTo(302);
        return jdbc.sql("SELECT id FROM qua_supervision WHERE org_id = ?").param(org.id()).query(UUID.class).single();
    }

    private MockHttpServletRequestBuilder correction(UUID id, String version, String topic, UUID... participants) {
        MockHttpServletRequestBuilder r = post("/team/supervision/{id}", id).param("version", version)
                .param("heldOn", today.minusDays(4).toString()).param("kind", "INTERVISION").param("topic", topic)
                .param("supervisorName", "");
        for (UUID p : participants) {
            r.param("participants", p.toString());
        }
        return r;
    }

    @Test
    void aCorrectedSessionKeepsItsEarlierVersionForWhoeverReadsItToday() throws Exception {
        String topic = Fixtures.unique("Topicmarker ");
        String supervisor = Fixtures.unique("Supervisormarker ");
        UUID id = supervision(topic, supervisor);
        String newTopic = Fixtures.unique("Topicmarker corrected ");

        MockHttpServletResponse corrected = send(correction(id, "0", newTopic, a.id(), c.id()), a);
        assertThat(corrected.getStatus()).isEqualTo(302);
        assertThat(corrected.getRedirectedUrl()).isEqualTo("/team/supervision/" + id);
        assertThat(supervisionRow(id)).containsEntry("kind", "INTERVISION");
        assertThat(((Number) supervisionRow(id).get("version")).intValue()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT changed FROM qua_supervision_version WHERE supervision_id = ?").param(id)
                .query(String.class).single()).isEqualTo("held_on,kind,topic,supervisor,participants");

        for (StaffPrincipal reader : List.of(a, c, manager)) {
            assertThat(page("/team/supervision/" + id, reader)).as("read by " + reader.displayName())
                    .contains(newTopic).contains("data-testid=\"supervision-version\"").contains(topic)
                    .contains(supervisor).contains(b.displayName()).contains("corrected on")
                    .contains("Changed: date, kind, topic, external supervisor, who took part");
        }
        assertThat(page("/team/supervision", a)).contains(newTopic).contains("class=\"tag\"").doesNotContain(topic);
        // B took part in the version as it was, not in the session as it is now: B reads it no more.
        assertThat(send(get("/team/supervision/{id}", id), b).getStatus()).isEqualTo(403);
        assertThat(page("/team/supervision", b)).doesNotContain(newTopic);
        assertThat(send(get("/team/supervision/{id}", id), dpo).getStatus()).isEqualTo(403);
        StaffPrincipal stranger = fixtures.staff(fixtures.organisation(), Role.MANAGER);
        assertThat(send(get("/team/supervision/{id}", id), stranger).getStatus()).isEqualTo(404);

        assertThat(DatabaseScan.find(dataSource, List.of(topic, newTopic, supervisor))).as("sealed at rest").isEmpty();
        List<AuditEntry> audited = entries("SUPERVISION_CORRECTED");
        assertThat(audited).hasSize(1);
        String detail = audited.get(0).detail();
        assertThat(detail).isEqualTo("@supervision.corrected|INTERVISION|" + today.minusDays(4)
                + "|HELD_ON,KIND,TOPIC,SUPERVISOR,PARTICIPANTS|1");
        assertThat(wording.detail(detail, java.util.Locale.ENGLISH)).endsWith(
                ", changed: date, kind, topic, external supervisor, participants; version 1");
        assertThat(wording.detail(detail, java.util.Locale.GERMAN)).endsWith(
                ", geändert: Datum, Art, Thema, externe Supervision, Teilnehmende; Fassung 1");
    }

    @Test
    void aStaleFormOrSomeoneWhoMayNotCorrectChangesNothing() throws Exception {
        UUID id = supervision("", "");
        assertThat(send(correction(id, "0", "First", a.id(), b.id()), a).getStatus()).isEqualTo(302);

        MockHttpServletResponse stale = send(correction(id, "0", "Second", a.id(), b.id()), b);
        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(stale.getContentAsString()).contains("Someone corrected this record meanwhile")
                .contains("value=\"First\"");
        assertThat(send(correction(id, "1", "By C", c.id()), c).getStatus()).as("C took no part").isEqualTo(403);
        assertThat(send(correction(id, "1", "By DPO", a.id()), dpo).getStatus()).isEqualTo(403);
        assertThat(((Number) supervisionRow(id).get("version")).intValue()).isEqualTo(1);
        assertThat(versions("qua_supervision_version", "supervision_id", id)).isEqualTo(1);
        assertThat(page("/team/supervision/" + id, a)).contains("value=\"First\"").doesNotContain("By C");
    }

    @Test
    void badInputIsShownAtTheFieldAndChangesNothing() throws Exception {
        UUID id = supervision("Kept", "");
        Map<String, Object> before = supervisionRow(id);
        Map<MockHttpServletRequestBuilder, String> bad = new java.util.LinkedHashMap<>();
        bad.put(post("/team/supervision/{id}", id).param("version", "0").param("heldOn", today.plusDays(2).toString())
                .param("kind", "INTERVISION").param("participants", a.id().toString()), "heldOn");
        bad.put(post("/team/supervision/{id}", id).param("version", "0").param("heldOn", "31.02.2026")
                .param("kind", "INTERVISION").param("participants", a.id().toString()), "heldOn");
        bad.put(post("/team/supervision/{id}", id).param("version", "0").param("heldOn", today.toString())
                .param("kind", "THERAPY").param("participants", a.id().toString()), "kind");
        bad.put(correction(id, "0", "x"), "participants");
        bad.put(correction(id, "0", "x", b.id()), "participants");
        bad.put(correction(id, "0", "x".repeat(101), a.id()), "topic");
        bad.put(correction(id, "zero", "x", a.id()), "version");
        for (var entry : bad.entrySet()) {
            MockHttpServletResponse response = send(entry.getKey(), a);
            assertThat(response.getStatus()).as(entry.getValue()).isEqualTo(400);
            assertThat(response.getContentAsString()).as(entry.getValue())
                    .containsPattern("<p class=\"error\"( id=\"" + entry.getValue() + "-error\")?>");
        }
        assertThat(supervisionRow(id)).isEqualTo(before);
        assertThat(versions("qua_supervision_version", "supervision_id", id)).isZero();
        assertThat(page("/team/supervision/" + id, a)).contains("This record has not been corrected");
        assertThat(entries("SUPERVISION_CORRECTED")).isEmpty();
    }

    @Test
    void trainingRecordsAndCheckUpDatesAreCorrectedWithTheirHistory() throws Exception {
        assertThat(send(post("/team/induction").param("title", "Safe-space rules"), manager).getStatus())
                .isEqualTo(302);
        UUID topic = jdbc.sql("SELECT id FROM qua_induction_topic WHERE org_id = ?").param(org.id())
                .query(UUID.class).single();
        String title = Fixtures.unique("Trainingmarker ");
        assertThat(send(post("/team/staff/{id}/trainings", a.id()).param("takenOn", today.minusDays(20).toString())
                .param("title", title).param("provider", "").param("topicId", ""), a).getStatus()).isEqualTo(302);
        UUID training = jdbc.sql("SELECT id FROM qua_training WHERE staff_id = ?").param(a.id()).query(UUID.class)
                .single();
        assertThat(page("/team/staff/" + a.id(), a)).contains("Safe-space rules").contains("still open");

        String path = "/team/staff/" + a.id() + "/trainings/" + training;
        String newTitle = Fixtures.unique("Trainingmarker corrected ");
        MockHttpServletResponse corrected = send(post(path).param("version", "0")
                .param("takenOn", today.minusDays(21).toString()).param("title", newTitle)
                .param("provider", "Academy").param("topicId", topic.toString()), a);
        assertThat(corrected.getStatus()).isEqualTo(302);
        assertThat(corrected.getRedirectedUrl()).isEqualTo(path);
        assertThat(page("/team/staff/" + a.id(), a)).as("the induction step follows the correction")
                .contains("done on").contains(newTitle).doesNotContain(title + "<");
        for (StaffPrincipal reader : List.of(a, manager)) {
            assertThat(page(path, reader)).contains(newTitle).contains("data-testid=\"training-version\"")
                    .contains(title).contains("Changed: date, what, provider, induction topic");
        }
        assertThat(send(get(path), b).getStatus()).isEqualTo(403);
        assertThat(send(post(path).param("version", "1").param("takenOn", today.toString()).param("title", "B's"), b)
                .getStatus()).isEqualTo(403);
        MockHttpServletResponse stale = send(post(path).param("version", "0").param("takenOn", today.toString())
                .param("title", "Stale"), manager);
        assertThat(stale.getStatus()).isEqualTo(409);
        for (MockHttpServletRequestBuilder bad : List.of(
                post(path).param("version", "1").param("takenOn", today.toString()).param("title", " "),
                post(path).param("version", "1").param("takenOn", today.plusDays(1).toString()).param("title", "Later"),
                post(path).param("version", "1").param("takenOn", today.toString()).param("title", "T")
                        .param("topicId", UUID.randomUUID().toString()))) {
            assertThat(send(bad, a).getStatus()).isEqualTo(400);
        }
        assertThat(versions("qua_training_version", "training_id", training)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT version FROM qua_training WHERE id = ?").param(training).query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(DatabaseScan.find(dataSource, List.of(title, newTitle))).isEmpty();
        assertThat(entries("TRAINING_CORRECTED")).extracting(AuditEntry::detail)
                .containsExactly("@training.corrected|" + today.minusDays(21) + "|TAKEN_ON,TITLE,PROVIDER,TOPIC_ID|1");

        // A check-up recorded on the wrong day.
        assertThat(send(post("/team/staff/{id}/checkups", a.id()).param("doneOn", today.minusDays(2).toString()),
                manager).getStatus()).isEqualTo(302);
        UUID checkUp = jdbc.sql("SELECT id FROM qua_checkup WHERE staff_id = ?").param(a.id()).query(UUID.class)
                .single();
        String checkUpPath = "/team/staff/" + a.id() + "/checkups/" + checkUp;
        assertThat(page("/team/staff/" + a.id(), a)).contains(checkUpPath);
        assertThat(send(post(checkUpPath).param("version", "0").param("doneOn", today.plusDays(3).toString()), a)
                .getStatus()).isEqualTo(400);
        assertThat(send(post(checkUpPath).param("version", "0").param("doneOn", "yesterday"), a).getStatus())
                .isEqualTo(400);
        assertThat(send(post(checkUpPath).param("version", "0").param("doneOn", today.minusDays(5).toString()), b)
                .getStatus()).isEqualTo(403);
        MockHttpServletResponse checkUpCorrected = send(post(checkUpPath).param("version", "0")
                .param("doneOn", today.minusDays(5).toString()), a);
        assertThat(checkUpCorrected.getStatus()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT done_on FROM qua_checkup WHERE id = ?").param(checkUp).query(LocalDate.class)
                .single()).isEqualTo(today.minusDays(5));
        assertThat(page(checkUpPath, manager)).contains("data-testid=\"checkup-version\"")
                .contains("corrected on").contains(a.displayName());
        assertThat(send(post(checkUpPath).param("version", "0").param("doneOn", today.toString()), manager)
                .getStatus()).isEqualTo(409);
        assertThat(versions("qua_checkup_version", "checkup_id", checkUp)).isEqualTo(1);
        assertThat(entries("CHECKUP_CORRECTED")).extracting(AuditEntry::detail)
                .containsExactly("@checkup.corrected|" + today.minusDays(2) + "|" + today.minusDays(5) + "|1");
    }
}
