package org.exitwork.safety.internal.staffsafety.appointments;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
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
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * R4, R14: the next meeting planned in a session becomes the practitioner's staff-safety appointment
 * (and the other tandem member's, when they go too), typed once; saving or correcting the session
 * again never makes a second one; the appointment holds no more than any appointment does.
 */
@DatabaseTest
@AutoConfigureMockMvc
class NextMeetingAppointmentsTest {

    /** The zone the session form's next meeting is entered in (SessionService.ZONE). */
    static final ZoneId ZONE = ZoneId.systemDefault();

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal bystander;
    RegisteredClient client;

    @BeforeEach
    void aCaseWithATandem() {
        var org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        bystander = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, Fixtures.unique("Meeting Client "));
        // The meeting below lies later today; close to midnight, start from the next day instead.
        if (!LocalDateTime.ofInstant(clock.instant(), ZONE).plusMinutes(40).toLocalDate()
                .equals(LocalDateTime.ofInstant(clock.instant(), ZONE).toLocalDate())) {
            clock.advance(Duration.ofMinutes(45));
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZONE).truncatedTo(ChronoUnit.MINUTES);
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, StaffPrincipal who)
            throws Exception {
        return mvc.perform(request.with(as(who)).with(csrf())).andReturn().getResponse();
    }

    private MockHttpServletRequestBuilder session(String path, LocalDateTime meeting, String... more) {
        MockHttpServletRequestBuilder r = post(path)
                .param("sessionDate", now().toLocalDate().toString()).param("setting", "ONE_ON_ONE")
                .param("clientPresent", "true").param("staff", a.id().toString())
                .param("text", "A session that planned the next meeting")
                .param("nextMeeting", meeting.toString()).param("nextMeetingMinutes", "90")
                .param("nextMeetingPlace", "HOME_VISIT");
        for (int i = 0; i < more.length; i += 2) {
            r.param(more[i], more[i + 1]);
        }
        return r;
    }

    private List<Map<String, Object>> appointments() {
        return jdbc.sql("SELECT * FROM saf_appointment WHERE client_id = ?").param(client.id()).query().listOfRows();
    }

    @Test
    void aSessionsNextMeetingAppearsAsTheAppointmentOfBothOfTheTandemOnce() throws Exception {
        LocalDateTime meeting = now().plusMinutes(30);
        String sessions = "/cases/" + client.id() + "/sessions";
        assertThat(perform(session(sessions, meeting, "nextMeetingWithTandem", "true"), a).getStatus())
                .isEqualTo(302);

        List<Map<String, Object>> rows = appointments();
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        UUID appointment = (UUID) row.get("ID");
        assertThat(row.get("STAFF_ID")).isEqualTo(a.id());
        assertThat(row.get("PLACE_KIND")).isEqualTo("HOME_VISIT");
        assertThat(row.get("PLACE")).as("no place: the session never has one").isNull();
        assertThat(instant(row.get("STARTS_AT"))).isEqualTo(meeting.atZone(ZONE).toInstant());
        assertThat(instant(row.get("ENDS_AT"))).isEqualTo(meeting.plusMinutes(90).atZone(ZONE).toInstant());
        assertThat(jdbc.sql("SELECT staff_id FROM saf_appointment_attendee WHERE appointment_id = ?")
                .param(appointment).query(UUID.class).list()).containsExactly(b.id());

        // On the practitioner's appointments page and on today's board, as if planned there.
        String time = meeting.format(DateTimeFormatter.ofPattern("HH:mm"));
        String mine = mvc.perform(get("/safety/appointments").with(as(a))).andReturn().getResponse()
                .getContentAsString();
        assertThat(mine).contains(time).contains("Home visit").contains(client.pseudonym()).contains(b.displayName());
        String board = mvc.perform(get("/safety/today").with(as(b))).andReturn().getResponse().getContentAsString();
        assertThat(board).contains(time + " – " + meeting.plusMinutes(90).format(DateTimeFormatter.ofPattern("HH:mm")))
                .contains(a.displayName()).contains(client.pseudonym());
        String others = mvc.perform(get("/safety/today").with(as(bystander))).andReturn().getResponse()
                .getContentAsString();
        assertThat(others).contains(a.displayName()).doesNotContain(client.pseudonym());

        // Correcting the session without touching the meeting changes nothing; moving it moves the one
        // appointment, and b no longer goes.
        UUID session = jdbc.sql("SELECT id FROM cas_session_note WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        String correct = sessions + "/" + session + "/correct";
        assertThat(perform(session(correct, meeting, "nextMeetingWithTandem", "true", "basedOn", "1",
                "reason", "Typo in the note"), a).getStatus()).isEqualTo(302);
        assertThat(appointments()).hasSize(1);
        assertThat(instant(appointments().get(0).get("STARTS_AT"))).isEqualTo(meeting.atZone(ZONE).toInstant());

        LocalDateTime later = meeting.plusDays(2).withHour(15).withMinute(0);
        assertThat(perform(session(correct, later, "basedOn", "2", "reason", "Meeting moved"), b).getStatus())
                .isEqualTo(302);
        rows = appointments();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("ID")).isEqualTo(appointment);
        assertThat(instant(rows.get(0).get("STARTS_AT"))).isEqualTo(later.atZone(ZONE).toInstant());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM saf_appointment_attendee WHERE appointment_id = ?")
                .param(appointment).query(Long.class).single()).isZero();
        // The move is a correction: the appointment as it was stays in its history, and a form still
        // showing the old version is out of date.
        assertThat(((Number) rows.get(0).get("VERSION")).intValue()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT starts_at FROM saf_appointment_version WHERE appointment_id = ?")
                .param(appointment).query(java.sql.Timestamp.class).list())
                .extracting(java.sql.Timestamp::toInstant).containsExactly(meeting.atZone(ZONE).toInstant());
    }

    @Test
    void aMeetingThatNoLongerStandsCancelsItsAppointment() throws Exception {
        String sessions = "/cases/" + client.id() + "/sessions";
        // A correction that takes the meeting out cancels the appointment made of it.
        assertThat(perform(session(sessions, now().plusHours(3)), a).getStatus()).isEqualTo(302);
        UUID first = jdbc.sql("SELECT id FROM cas_session_note WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        assertThat(perform(post(sessions + "/" + first + "/correct").param("sessionDate", now().toLocalDate().toString())
                .param("setting", "ONE_ON_ONE").param("clientPresent", "true").param("staff", a.id().toString())
                .param("text", "A session that planned the next meeting").param("nextMeeting", "")
                .param("basedOn", "1").param("reason", "No meeting agreed after all"), a).getStatus()).isEqualTo(302);
        assertThat(appointments()).singleElement().satisfies(row -> {
            assertThat(row.get("CANCELLED_AT")).isNotNull();
            assertThat(row.get("CANCELLED_BY")).isEqualTo(a.id());
        });

        // Cancelling a session as recorded in error cancels its meeting's appointment too.
        assertThat(perform(session(sessions, now().plusHours(5)), a).getStatus()).isEqualTo(302);
        UUID second = jdbc.sql("SELECT id FROM cas_session_note WHERE client_id = ? AND id <> ?")
                .params(client.id(), first).query(UUID.class).single();
        UUID appointment = jdbc.sql("SELECT id FROM saf_appointment WHERE client_id = ? AND cancelled_at IS NULL")
                .param(client.id()).query(UUID.class).single();
        assertThat(perform(post(sessions + "/" + second + "/cancel").param("basedOn", "1")
                .param("reason", "Recorded in the wrong case"), a).getStatus()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT cancelled_by FROM saf_appointment WHERE id = ?").param(appointment)
                .query(UUID.class).single()).isEqualTo(a.id());
        assertThat(mvc.perform(get("/safety/today").with(as(b))).andReturn().getResponse().getContentAsString())
                .as("nothing left on the board").doesNotContain(client.pseudonym());
    }

    @Test
    void aMeetingInThePastOrNoneMakesNoAppointment() throws Exception {
        String sessions = "/cases/" + client.id() + "/sessions";
        LocalDateTime past = now().minusMinutes(30);
        if (past.toLocalDate().equals(now().toLocalDate())) {
            assertThat(perform(session(sessions, past), a).getStatus()).isEqualTo(302);
        }
        assertThat(perform(post(sessions).param("sessionDate", LocalDate.now(clock).toString())
                .param("setting", "ONE_ON_ONE").param("text", "No next meeting"), a).getStatus()).isEqualTo(302);
        assertThat(appointments()).isEmpty();
        // A bad length is refused at the field, nothing saved.
        MockHttpServletResponse refused = perform(post(sessions).param("sessionDate", now().toLocalDate().toString())
                .param("setting", "ONE_ON_ONE").param("text", "Too long a meeting")
                .param("nextMeeting", now().plusDays(1).toString()).param("nextMeetingMinutes", "721"), a);
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("id=\"nextMeetingMinutes-error\"");
        assertThat(appointments()).isEmpty();
        // Without its kind of place or length: an hour, kind "other", and no attendee.
        assertThat(perform(post(sessions).param("sessionDate", now().toLocalDate().toString())
                .param("setting", "ONE_ON_ONE").param("text", "Meeting without a place")
                .param("nextMeeting", now().plusDays(1).toString()), a).getStatus()).isEqualTo(302);
        List<Map<String, Object>> rows = appointments();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("PLACE_KIND")).isEqualTo("OTHER");
        assertThat(Duration.between(instant(rows.get(0).get("STARTS_AT")), instant(rows.get(0).get("ENDS_AT"))))
                .isEqualTo(Duration.ofHours(1));
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new AssertionError("not a time: " + value);
    }
}
