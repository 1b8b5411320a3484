package org.exitwork.cases.internal.sessions;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sessions: the rows of {@code cas_session_note} (older rows are notes with only date and body)
 * and their themes and participants. The callers have checked access to the client.
 */
@Repository
public class SessionNoteRepository {

    public record SessionRow(UUID id, UUID clientId, LocalDate sessionDate, UUID writtenBy, Instant writtenAt,
            Integer durationMinutes, String setting, String placeKind, Boolean clientPresent, byte[] body,
            byte[] nextSteps, LocalDate nextStepsDue, LocalDate nextStepsDoneOn, Instant nextMeetingAt) {
    }

    record OpenSteps(UUID sessionId, LocalDate sessionDate, LocalDate due, byte[] nextSteps) {
    }

    record Overview(long sessions, LocalDate lastSession) {
    }

    /** What the note search decrypts: nothing else leaves the database for it. */
    record Sealed(UUID sessionId, UUID clientId, LocalDate sessionDate, byte[] body, byte[] nextSteps) {
    }

    record OwnCase(UUID id, String pseudonym) {
    }

    record DueRow(UUID clientId, String pseudonym, LocalDate sessionDate, LocalDate due) {
    }

    record MeetingRow(UUID clientId, String pseudonym, Instant at) {
    }

    private static final String COLUMNS = "id, client_id, session_date, written_by, written_at, duration_minutes, "
            + "setting, place_kind, client_present, body, next_steps, next_steps_due, next_steps_done_on, "
            + "next_meeting_at";

    private final JdbcClient jdbc;

    SessionNoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SessionRow s) {
        jdbc.sql("INSERT INTO cas_session_note (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(s.id(), s.clientId(), Date.valueOf(s.sessionDate()), s.writtenBy(),
                        Timestamp.from(s.writtenAt()), s.durationMinutes(), s.setting(), s.placeKind(),
                        s.clientPresent(), s.body(), s.nextSteps(), date(s.nextStepsDue()), date(s.nextStepsDoneOn()),
                        s.nextMeetingAt() == null ? null : Timestamp.from(s.nextMeetingAt()))
                .update();
    }

    void insertThemes(UUID sessionId, Collection<Theme> themes) {
        for (Theme theme : themes) {
            jdbc.sql("INSERT INTO cas_session_theme (session_id, theme) VALUES (?, ?)").params(sessionId, theme.name())
                    .update();
        }
    }

    void insertStaff(UUID sessionId, Collection<UUID> staff) {
        for (UUID id : staff) {
            jdbc.sql("INSERT INTO cas_session_staff (session_id, staff_id) VALUES (?, ?)").params(sessionId, id)
                    .update();
        }
    }

    void insertPersons(UUID sessionId, Collection<UUID> persons) {
        for (UUID id : persons) {
            jdbc.sql("INSERT INTO cas_session_context_person (session_id, person_id) VALUES (?, ?)")
                    .params(sessionId, id).update();
        }
    }

    /** Newest first. */
    public List<SessionRow> sessions(UUID clientId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM cas_session_note WHERE client_id = ? "
                        + "ORDER BY session_date DESC, written_at DESC, id")
                .param(clientId).query((rs, n) -> session(rs)).list();
    }

    public Map<UUID, List<Theme>> themes(UUID clientId) {
        Map<UUID, List<Theme>> themes = new LinkedHashMap<>();
        jdbc.sql("SELECT t.session_id, t.theme FROM cas_session_theme t JOIN cas_session_note s ON s.id = t.session_id "
                        + "WHERE s.client_id = ?")
                .param(clientId)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), Theme.valueOf(rs.getString(2)))).list()
                .forEach(e -> themes.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        themes.values().forEach(list -> list.sort(null));
        return themes;
    }

    Map<UUID, List<UUID>> staff(UUID clientId) {
        return pairs("SELECT p.session_id, p.staff_id FROM cas_session_staff p "
                + "JOIN cas_session_note s ON s.id = p.session_id WHERE s.client_id = ?", clientId);
    }

    Map<UUID, List<UUID>> persons(UUID clientId) {
        return pairs("SELECT p.session_id, p.person_id FROM cas_session_context_person p "
                + "JOIN cas_session_note s ON s.id = p.session_id WHERE s.client_id = ?", clientId);
    }

    private Map<UUID, List<UUID>> pairs(String sql, UUID clientId) {
        Map<UUID, List<UUID>> pairs = new LinkedHashMap<>();
        jdbc.sql(sql).param(clientId)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list()
                .forEach(e -> pairs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return pairs;
    }

    Overview overview(UUID clientId) {
        return jdbc.sql("SELECT COUNT(*), MAX(session_date) FROM cas_session_note WHERE client_id = ?").param(clientId)
                .query((rs, n) -> new Overview(rs.getLong(1), localDate(rs, 2))).single();
    }

    /** Next steps not yet marked done, those due first. */
    List<OpenSteps> openSteps(UUID clientId) {
        return jdbc.sql("SELECT id, session_date, next_steps_due, next_steps FROM cas_session_note "
                        + "WHERE client_id = ? AND next_steps IS NOT NULL AND next_steps_done_on IS NULL "
                        + "ORDER BY next_steps_due NULLS LAST, session_date DESC")
                .param(clientId)
                .query((rs, n) -> new OpenSteps(rs.getObject(1, UUID.class), localDate(rs, 2), localDate(rs, 3),
                        rs.getBytes(4)))
                .list();
    }

    /**
     * The meeting planned at the newest session that planned one. An older plan does not count once a
     * later session has planned anew: the newest plan is the one that holds.
     */
    Optional<Instant> plannedMeeting(UUID clientId) {
        return jdbc.sql("SELECT next_meeting_at FROM cas_session_note WHERE client_id = ? AND next_meeting_at IS NOT NULL "
                        + "ORDER BY session_date DESC, written_at DESC LIMIT 1")
                .param(clientId).query((rs, n) -> instant(rs, 1)).optional();
    }

    Optional<LocalDate> sessionDate(UUID clientId, UUID sessionId) {
        return jdbc.sql("SELECT session_date FROM cas_session_note WHERE client_id = ? AND id = ?")
                .params(clientId, sessionId).query((rs, n) -> localDate(rs, 1)).optional();
    }

    /** @return whether there were open next steps to mark */
    boolean markNextStepsDone(UUID clientId, UUID sessionId, LocalDate on) {
        return jdbc.sql("UPDATE cas_session_note SET next_steps_done_on = ? WHERE client_id = ? AND id = ? "
                        + "AND next_steps IS NOT NULL AND next_steps_done_on IS NULL")
                .params(Date.valueOf(on), clientId, sessionId).update() > 0;
    }

    // --- across the practitioner's own cases: for the search and the start page ---------------------

    /** The cases the practitioner carries in the tandem; nobody else's. */
    List<OwnCase> ownCases(UUID org, UUID staffId) {
        return jdbc.sql("SELECT c.id, c.pseudonym FROM cas_client c JOIN cas_tandem_member t ON t.client_id = c.id "
                        + "WHERE c.org_id = ? AND t.staff_id = ?")
                .params(org, staffId).query((rs, n) -> new OwnCase(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
    }

    /** Ciphertexts of the practitioner's own cases, newest first. Close the stream. */
    Stream<Sealed> sealedNotes(UUID org, UUID staffId) {
        return jdbc.sql("""
                        SELECT s.id, s.client_id, s.session_date, s.body, s.next_steps
                        FROM cas_session_note s
                        JOIN cas_client c ON c.id = s.client_id
                        JOIN cas_tandem_member t ON t.client_id = s.client_id
                        WHERE c.org_id = ? AND t.staff_id = ?
                        ORDER BY s.session_date DESC, s.written_at DESC, s.id""")
                .params(org, staffId)
                .query((rs, n) -> new Sealed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        localDate(rs, 3), rs.getBytes(4), rs.getBytes(5)))
                .stream();
    }

    List<DueRow> dueSteps(UUID org, UUID staffId, LocalDate until) {
        return jdbc.sql("""
                        SELECT c.id, c.pseudonym, s.session_date, s.next_steps_due
                        FROM cas_session_note s
                        JOIN cas_client c ON c.id = s.client_id
                        JOIN cas_tandem_member t ON t.client_id = s.client_id
                        WHERE c.org_id = ? AND t.staff_id = ? AND c.stage = 'CLIENT'
                          AND s.next_steps IS NOT NULL AND s.next_steps_done_on IS NULL
                          AND s.next_steps_due IS NOT NULL AND s.next_steps_due <= ?
                        ORDER BY s.next_steps_due, c.pseudonym, s.session_date""")
                .params(org, staffId, Date.valueOf(until))
                .query((rs, n) -> new DueRow(rs.getObject(1, UUID.class), rs.getString(2), localDate(rs, 3),
                        localDate(rs, 4)))
                .list();
    }

    /** Per case the meeting of the newest plan (see {@link #plannedMeeting}), if it is at or after {@code from}. */
    List<MeetingRow> plannedMeetings(UUID org, UUID staffId, Instant from) {
        return jdbc.sql("""
                        SELECT c.id, c.pseudonym, s.next_meeting_at
                        FROM cas_session_note s
                        JOIN cas_client c ON c.id = s.client_id
                        JOIN cas_tandem_member t ON t.client_id = s.client_id
                        WHERE c.org_id = ? AND t.staff_id = ? AND c.stage = 'CLIENT'
                          AND s.next_meeting_at IS NOT NULL AND s.next_meeting_at >= ?
                          AND NOT EXISTS (SELECT 1 FROM cas_session_note later
                                          WHERE later.client_id = s.client_id AND later.next_meeting_at IS NOT NULL
                                            AND (later.session_date > s.session_date
                                                 OR (later.session_date = s.session_date
                                                     AND later.written_at > s.written_at)))
                        ORDER BY s.next_meeting_at, c.pseudonym""")
                .params(org, staffId, Timestamp.from(from))
                .query((rs, n) -> new MeetingRow(rs.getObject(1, UUID.class), rs.getString(2), instant(rs, 3)))
                .list();
    }

    private static SessionRow session(ResultSet rs) throws SQLException {
        int duration = rs.getInt("duration_minutes");
        Integer durationMinutes = rs.wasNull() ? null : duration;
        boolean present = rs.getBoolean("client_present");
        Boolean clientPresent = rs.wasNull() ? null : present;
        return new SessionRow(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                localDate(rs, "session_date"), rs.getObject("written_by", UUID.class), instant(rs, "written_at"),
                durationMinutes, rs.getString("setting"), rs.getString("place_kind"), clientPresent,
                rs.getBytes("body"), rs.getBytes("next_steps"), localDate(rs, "next_steps_due"),
                localDate(rs, "next_steps_done_on"), instant(rs, "next_meeting_at"));
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static LocalDate localDate(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
