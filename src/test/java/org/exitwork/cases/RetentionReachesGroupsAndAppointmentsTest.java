package org.exitwork.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.GroupFixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exitwork.testing.Fixtures.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * R20 "nothing is kept for ever": groups (with sessions, attendance and participants) and staff
 * appointments (with place, attendees and alerts) follow the organisation's retention periods set at
 * {@code /manage/retention}, enforced by the same run that erases clients, on every node at once
 * without erasing anything twice.
 */
@DatabaseTest
@AutoConfigureMockMvc
class RetentionReachesGroupsAndAppointmentsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

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
    StaffPrincipal colleague;
    StaffPrincipal manager;

    @BeforeEach
    void staff() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.manager(org.id());
    }

    @Test
    void anExpiredGroupIsGoneWithAllItsRowsAndItsKeyWhileTheLinkedCaseAndALaterGroupStay() throws Exception {
        retention("90", "365", "30", "10").andExpect(status().is3xxRedirection());
        RegisteredClient client = fixtures.client(a, b, "Linked Casemember");

        UUID met = GroupFixtures.group(mvc, a, "Groupmarker Alpha", "Institutionmarker Alpha", colleague);
        GroupFixtures.Participant linked = GroupFixtures.participant(mvc, a, met);
        GroupFixtures.Participant other = GroupFixtures.participant(mvc, a, met);
        mvc.perform(post("/groups/{g}/participants/{p}/link", met, linked.id()).with(as(a)).with(csrf())
                .param("clientId", client.id().toString())).andExpect(status().is3xxRedirection());
        session(met, "Sessionmarker: the first meeting", linked.id(), other.id());
        UUID neverMet = GroupFixtures.group(mvc, a, "Groupmarker Beta", "Institutionmarker Beta");
        GroupFixtures.Participant waiting = GroupFixtures.participant(mvc, a, neverMet);
        UUID stillMeets = GroupFixtures.group(mvc, a, "Groupkeeper Gamma", "Institutionkeeper Gamma");

        List<UUID> sessions = jdbc.sql("SELECT id FROM cas_group_session WHERE group_id = ?").param(met)
                .query(UUID.class).list();
        assertThat(sessions).hasSize(1);
        assertThat(rows("cas_group_attendance", "session_id", sessions.get(0))).isEqualTo(2);
        clock.advance(Duration.ofDays(25));
        session(stillMeets, "Sessionkeeper: still meeting");
        clock.advance(Duration.ofDays(4));
        assertThat(counts(erasure.eraseEverythingExpired())).containsEntry("groups", 0);

        clock.advance(Duration.ofDays(1));
        assertThat(twoNodesAtOnce()).containsEntry("groups", 2);

        for (UUID gone : List.of(met, neverMet)) {
            for (String table : List.of("cas_group", "cas_group_leader", "cas_group_participant", "cas_group_session")) {
                assertThat(rows(table, table.equals("cas_group") ? "id" : "group_id", gone)).as(table).isZero();
            }
            assertThatThrownBy(() -> keys.cipherFor(gone)).isInstanceOf(UnreadableException.class);
            mvc.perform(get("/groups/{id}", gone).with(as(a))).andExpect(status().isNotFound());
            List<AuditEntry> erased = audit.about(org.id(), subject(gone)).stream()
                    .filter(e -> e.action().equals("GROUP_ERASED")).toList();
            assertThat(erased).hasSize(1);
            assertThat(erased.get(0).detail()).isNull();
        }
        assertThat(rows("cas_group_attendance", "session_id", sessions.get(0))).isZero();
        assertThat(rows("cas_group_session_theme", "session_id", sessions.get(0))).isZero();
        for (UUID participant : List.of(linked.id(), other.id(), waiting.id())) {
            assertThat(rows("cas_group_attendance", "participant_id", participant)).isZero();
        }
        assertThat(atRest(List.of(met.toString(), neverMet.toString(), linked.id().toString(),
                linked.pseudonym(), other.pseudonym(), waiting.pseudonym(), "Groupmarker", "Institutionmarker",
                "Sessionmarker"))).isEmpty();

        // The participant's individual case is the client's, not the group's: it stays, readable.
        mvc.perform(get("/cases/{id}", client.id()).with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(containsString(client.pseudonym())));
        assertThat(keys.cipherFor(client.id())).isNotNull();
        // The group that met within the period stays, readable by its leader.
        mvc.perform(get("/groups/{id}", stillMeets).with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Groupkeeper Gamma"),
                        containsString("Sessionkeeper: still meeting"))));

        clock.advance(Duration.ofDays(30));
        assertThat(counts(erasure.eraseEverythingExpired())).containsEntry("groups", 1);
        assertThat(rows("cas_group", "id", stillMeets)).isZero();
    }

    @Test
    void anExpiredAppointmentIsGoneWithPlaceAttendeesAndAlertsButNeverWhileItsAlertIsOpen() throws Exception {
        retention("90", "365", "365", "10").andExpect(status().is3xxRedirection());
        UUID helped = plan("Placemarker Birkenallee 3");
        ok(post("/safety/appointments/{id}/arrived", helped));
        ok(post("/safety/appointments/{id}/help", helped));
        UUID helpedAlert = alertOf(helped);
        ok(post("/safety/alerts/{id}/resolve", helpedAlert));
        ok(post("/safety/appointments/{id}/left", helped));
        UUID stillOpen = plan("Placemarker Ulmenhof 7");
        ok(post("/safety/appointments/{id}/help", stillOpen));
        UUID openAlert = alertOf(stillOpen);
        assertThat(rows("saf_appointment_attendee", "appointment_id", helped)).isEqualTo(1);

        clock.advance(Duration.ofDays(9));
        UUID recent = plan("Placekeeper Eschenweg 1");
        assertThat(counts(erasure.eraseEverythingExpired())).containsEntry("appointments", 0);

        clock.advance(Duration.ofDays(2));
        assertThat(twoNodesAtOnce()).containsEntry("appointments", 1);

        assertThat(rows("saf_appointment", "id", helped)).isZero();
        assertThat(rows("saf_appointment_attendee", "appointment_id", helped)).isZero();
        assertThat(rows("saf_alert", "appointment_id", helped)).isZero();
        assertThat(rows("saf_alert_responder", "alert_id", helpedAlert)).isZero();
        assertThat(atRest(List.of(helped.toString(), helpedAlert.toString(), "Placemarker Birkenallee"))).isEmpty();
        assertThat(audit.recent(org.id(), 500).stream()
                .filter(e -> e.action().equals("SAFETY_APPOINTMENT_ERASED")).toList())
                .singleElement().satisfies(e -> {
                    assertThat(e.subject()).isEqualTo(a.username());
                    assertThat(e.detail()).isNull();
                });

        // The open alert keeps its appointment, and the alerts page still shows it with its place.
        assertThat(rows("saf_appointment", "id", stillOpen)).isEqualTo(1);
        assertThat(rows("saf_appointment", "id", recent)).isEqualTo(1);
        mvc.perform(get("/safety/alerts").with(as(b))).andExpect(status().isOk());
        mvc.perform(get("/safety/alerts").with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Placemarker Ulmenhof 7")));

        // Resolved, it follows the period like any other.
        ok(post("/safety/alerts/{id}/resolve", openAlert));
        assertThat(counts(erasure.eraseEverythingExpired())).containsEntry("appointments", 1);
        assertThat(rows("saf_appointment", "id", stillOpen)).isZero();
        assertThat(rows("saf_appointment", "id", recent)).isEqualTo(1);
        mvc.perform(get("/safety/alerts").with(as(a))).andExpect(status().isOk());
    }

    @Test
    void theRetentionPageSetsGroupAndAppointmentPeriodsAndRefusesBadInputAtTheField() throws Exception {
        mvc.perform(get("/manage/retention").with(as(manager))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("name=\"groupDays\" value=\"365\""),
                        containsString("name=\"appointmentDays\" value=\"30\""))));
        mvc.perform(get("/manage/retention").with(as(manager)).param("lang", "de")).andExpect(status().isOk())
                .andExpect(content().string(containsString("bis eine Gruppe mit ihren Sitzungen")));
        retention("90", "365", "200", "14").andExpect(redirectedUrl("/manage/retention"));
        assertThat(stored()).containsExactly(90, 365, 200, 14);

        retention("90", "365", "0", "30").andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("id=\"groupDays-error\">Please enter at least 1."),
                        not(containsString("id=\"appointmentDays-error\"")))));
        retention("90", "365", "30", "abc").andExpect(status().isBadRequest())
                .andExpect(content().string(containsString(
                        "id=\"appointmentDays-error\">Please enter a whole number.")));
        retention("90", "365", "3651", "").andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("id=\"groupDays-error\">Please enter at most 3,650."),
                        containsString("id=\"appointmentDays-error\">Please fill in this field."))));
        assertThat(stored()).containsExactly(90, 365, 200, 14);
        // Only managers set them.
        retention(a, "90", "365", "1", "1").andExpect(status().isForbidden());
        assertThat(stored()).containsExactly(90, 365, 200, 14);
    }

    private org.springframework.test.web.servlet.ResultActions retention(String prospect, String closed,
            String group, String appointment) throws Exception {
        return retention(manager, prospect, closed, group, appointment);
    }

    private org.springframework.test.web.servlet.ResultActions retention(StaffPrincipal who, String prospect,
            String closed, String group, String appointment) throws Exception {
        return mvc.perform(post("/manage/retention").with(as(who)).with(csrf()).param("prospectDays", prospect)
                .param("closedDays", closed).param("groupDays", group).param("appointmentDays", appointment));
    }

    /**
     * Where the markers still are, in every table but the HTTP sessions': those hold the leaders'
     * flash messages (a new participant's pseudonym) only until the session ends, at the latest after
     * the idle timeout, and are no record that retention keeps.
     */
    private List<String> atRest(List<String> markers) throws java.sql.SQLException {
        return DatabaseScan.find(dataSource, markers).stream().filter(hit -> !hit.startsWith("spring_session"))
                .toList();
    }

    private List<Integer> stored() {
        return jdbc.sql("SELECT prospect_days, closed_days, group_days, appointment_days FROM cas_retention "
                + "WHERE org_id = ?").param(org.id())
                .query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).single();
    }

    /** Two nodes running the hourly job at the same moment; the counts of both added up. */
    private Map<String, Integer> twoNodesAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<List<Erasure.Erased>> run = erasure::eraseEverythingExpired;
            List<Erasure.Erased> all = new ArrayList<>();
            for (Future<List<Erasure.Erased>> result : pool.invokeAll(List.of(run, run))) {
                all.addAll(result.get());
            }
            return counts(all);
        } finally {
            pool.shutdown();
        }
    }

    private static Map<String, Integer> counts(List<Erasure.Erased> erased) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        erased.forEach(e -> counts.merge(e.what(), e.count(), Integer::sum));
        return counts;
    }

    private void session(UUID group, String note, UUID... present) throws Exception {
        MockHttpServletRequestBuilder request = post("/groups/{id}/sessions", group).with(as(a)).with(csrf())
                .param("heldOn", LocalDate.now(clock).toString()).param("minutes", "90").param("note", note)
                .param("themes", "EXTREMISM_GROUP_HATRED");
        for (UUID p : present) {
            request.param("present", p.toString());
        }
        mvc.perform(request).andExpect(status().is3xxRedirection());
    }

    /** An appointment of {@code a} that started 30 minutes ago and ends in 30, with a colleague attending. */
    private UUID plan(String place) throws Exception {
        Instant now = clock.instant();
        List<UUID> before = appointmentsOfA();
        ok(post("/safety/appointments").param("startsAt", local(now.minus(Duration.ofMinutes(30))))
                .param("endsAt", local(now.plus(Duration.ofMinutes(30)))).param("placeKind", "HOME_VISIT")
                .param("place", place).param("attendees", colleague.id().toString()));
        List<UUID> planned = new ArrayList<>(appointmentsOfA());
        planned.removeAll(before);
        assertThat(planned).hasSize(1);
        return planned.get(0);
    }

    private List<UUID> appointmentsOfA() {
        return jdbc.sql("SELECT id FROM saf_appointment WHERE staff_id = ?").param(a.id()).query(UUID.class).list();
    }

    private void ok(MockHttpServletRequestBuilder request) throws Exception {
        mvc.perform(request.with(as(a)).with(csrf())).andExpect(status().is3xxRedirection());
    }

    private UUID alertOf(UUID appointment) {
        return jdbc.sql("SELECT id FROM saf_alert WHERE appointment_id = ?").param(appointment).query(UUID.class)
                .single();
    }

    private long rows(String table, String column, UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?").param(id).query(Long.class)
                .single();
    }

    private static String subject(UUID group) {
        return "group:" + group.toString().substring(0, 8);
    }

    private static String local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).toString();
    }
}
