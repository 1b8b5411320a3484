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

import org.exitwork.cases.internal.figures.CaseTallies;
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
            byte[] nextSteps, LocalDate nextStepsDue, LocalDate nextStepsDoneOn, Instant nextMeetingAt,
            Integer nextMeetingMinutes, String nextMeetingPlace, Boolean nextMeetingWithTandem, int version,
            UUID changedBy, Instant changedAt, byte[] changeReason, UUID cancelledBy, Instant cancelledAt,
            byte[] cancelReason) {

        public boolean cancelled() {
            return cancelledAt != null;
        }
    }

    /** An earlier version of a session: who wrote it, when, and all of it sealed in {@code content}. */
    record VersionRow(UUID id, UUID sessionId, int version, UUID writtenBy, Instant writtenAt, byte[] content) {
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
            + "next_meeting_at, next_meeting_minutes, next_meeting_place, next_meeting_with_tandem, row_version, "
            + "changed_by, changed_at, change_reason, cancelled_by, cancelled_at, cancel_reason";

    private final JdbcClient jdbc;
    private final CaseTallies tallies;

    SessionNoteRepository(JdbcClient jdbc, CaseTallies tallies) {
        this.jdbc = jdbc;
        this.tallies = tallies;
    }

    void insert(SessionRow s) {
        tallies.touch(s.clientId());
        jdbc.sql("INSERT INTO cas_session_note (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(s.id(), s.clientId(), Date.valueOf(s.sessionDate()), s.writtenBy(),
                        Timestamp.from(s.writtenAt()), s.durationMinutes(), s.setting(), s.placeKind(),
                        s.clientPresent(), s.body(), s.nextSteps(), date(s.nextStepsDue()), date(s.nextStepsDoneOn()),
                        ts(s.nextMeetingAt()), s.nextMeetingMinutes(), s.nextMeetingPlace(),
                        s.nextMeetingWithTandem(), s.version(), s.changedBy(), ts(s.changedAt()), s.changeReason(),
                        s.cancelledBy(), ts(s.cancelledAt()), s.cancelReason())
                .update();
    }

    /** The current version of one session of the client, locked until the transaction ends. */
    Optional<SessionRow> lock(UUID clientId, UUID sessionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM cas_session_note WHERE client_id = ? AND id = ? FOR UPDATE")
                .params(clientId, sessionId).query((rs, n) -> session(rs)).optional();
    }

    Optional<SessionRow> session(UUID clientId, UUID sessionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM cas_session_note WHERE client_id = ? AND id = ?")
                .params(clientId, sessionId).query((rs, n) -> session(rs)).optional();
    }

    /**
     * Replaces the current version by {@code s} (its {@code version} the new number) if the stored one is
     * still {@code basedOn}. Next steps already marked done stay done only if they did not change.
     *
     * @return false when someone else changed the session since {@code basedOn}
     */
    boolean replace(SessionRow s, int basedOn) {
        tallies.touch(s.clientId());
        return jdbc.sql("""
                        UPDATE cas_session_note SET session_date = ?, duration_minutes = ?, setting = ?, place_kind = ?,
                               client_present = ?, body = ?, next_steps = ?, next_steps_due = ?, next_steps_done_on = ?,
                               next_meeting_at = ?, next_meeting_minutes = ?, next_meeting_place = ?,
                               next_meeting_with_tandem = ?, row_version = ?, changed_by = ?, changed_at = ?,
                               change_reason = ?
                        WHERE client_id = ? AND id = ? AND row_version = ? AND cancelled_at IS NULL""")
                .params(Date.valueOf(s.sessionDate()), s.durationMinutes(), s.setting(), s.placeKind(),
                        s.clientPresent(), s.body(), s.nextSteps(), date(s.nextStepsDue()), date(s.nextStepsDoneOn()),
                        ts(s.nextMeetingAt()), s.nextMeetingMinutes(), s.nextMeetingPlace(), s.nextMeetingWithTandem(),
                        s.version(), s.changedBy(), ts(s.changedAt()), s.changeReason(), s.clientId(), s.id(), basedOn)
                .update() == 1;
    }

    /** @return false when the session is no longer {@code basedOn} or already cancelled */
    boolean cancel(UUID clientId, UUID sessionId, int basedOn, UUID by, Instant at, byte[] reason) {
        tallies.touch(clientId);
        return jdbc.sql("UPDATE cas_session_note SET cancelled_by = ?, cancelled_at = ?, cancel_reason = ? "
                        + "WHERE client_id = ? AND id = ? AND row_version = ? AND cancelled_at IS NULL")
                .params(by, ts(at), reason, clientId, sessionId, basedOn).update() == 1;
    }

    void deleteParticipantsAndThemes(UUID sessionId) {
        for (String table : List.of("cas_session_theme", "cas_session_staff", "cas_session_context_person")) {
            jdbc.sql("DELETE FROM " + table + " WHERE session_id = ?").param(sessionId).update();
        }
    }

    void insertVersion(VersionRow v, UUID clientId) {
        jdbc.sql("INSERT INTO cas_session_version (id, session_id, client_id, version, written_by, written_at, content) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(v.id(), v.sessionId(), clientId, v.version(), v.writtenBy(), ts(v.writtenAt()), v.content())
                .update();
    }

    /** The earlier versions of a session, oldest first. */
    List<VersionRow> versions(UUID clientId, UUID sessionId) {
        return jdbc.sql("SELECT id, session_id, version, written_by, written_at, content FROM cas_session_version "
                        + "WHERE client_id = ? AND session_id = ? ORDER BY version")
                .params(clientId, sessionId)
                .query((rs, n) -> new VersionRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getInt(3), rs.getObject(4, UUID.class), instant(rs, 5), rs.getBytes(6)))
                .list();
    }

    List<Theme> themesOf(UUID sessionId) {
        return jdbc.sql("SELECT theme FROM cas_session_theme WHERE session_id = ? ORDER BY theme").param(sessionId)
                .query((rs, n) -> Theme.valueOf(rs.getString(1))).list();
    }

    List<UUID> staffOf(UUID sessionId) {
        return jdbc.sql("SELECT staff_id FROM cas_session_staff WHERE session_id = ?").param(sessionId)
                .query(UUID.class).list();
    }

    List<UUID> personsOf(UUID sessionId) {
        return jdbc.sql("SELECT person_id FROM cas_session_context_person WHERE session_id = ?").param(sessionId)
                .query(UUID.class).list();
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
        return jdbc.sql("SELECT COUNT(*), MAX(session_date) FROM cas_session_note WHERE client_id = ? "
                        + "AND cancelled_at IS NULL").param(clientId)
                .query((rs, n) -> new Overview(rs.getLong(1), localDate(rs, 2))).single();
    }

    /** Next steps not yet marked done, those due first. */
    List<OpenSteps> openSteps(UUID clientId) {
        return jdbc.sql("SELECT id, session_date, next_steps_due, next_steps FROM cas_session_note "
                        + "WHERE client_id = ? AND next_steps IS NOT NULL AND next_steps_done_on IS NULL "
                        + "AND cancelled_at IS NULL "
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
                        + "AND cancelled_at IS NULL "
                        + "ORDER BY session_date DESC, written_at DESC LIMIT 1")
                .param(clientId).query((rs, n) -> instant(rs, 1)).optional();
    }

    Optional<LocalDate> sessionDate(UUID clientId, UUID sessionId) {
        return jdbc.sql("SELECT session_date FROM cas_session_note WHERE client_id = ? AND id = ?")
                .params(clientId, sessionId).query((rs, n) -> localDate(rs, 1)).optional();
    }

    /** @return whether there were open next steps to mark */
    boolean markNextStepsDone(UUID clientId, UUID sessionId, LocalDate on) {
        tallies.touch(clientId);
        return jdbc.sql("UPDATE cas_session_note SET next_steps_done_on = ? WHERE client_id = ? AND id = ? "
                        + "AND next_steps IS NOT NULL AND next_steps_done_on IS NULL AND cancelled_at IS NULL")
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
                        WHERE c.org_id = ? AND t.staff_id = ? AND s.cancelled_at IS NULL
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
                          AND s.next_steps IS NOT NULL AND s.next_steps_done_on IS NULL AND s.cancelled_at IS NULL
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
                          AND s.next_meeting_at IS NOT NULL AND s.next_meeting_at >= ? AND s.cancelled_at IS NULL
                          AND NOT EXISTS (SELECT 1 FROM cas_session_note later
                                          WHERE later.client_id = s.client_id AND later.next_meeting_at IS NOT NULL
                                            AND later.cancelled_at IS NULL
                                            AND (later.session_date > s.session_date
                                                 OR (later.session_date = s.session_date
                                                     AND later.written_at > s.written_at)))
                        ORDER BY s.next_meeting_at, c.pseudonym""")
                .params(org, staffId, Timestamp.from(from))
                .query((rs, n) -> new MeetingRow(rs.getObject(1, UUID.class), rs.getString(2), instant(rs, 3)))
                .list();
    }

    private static SessionRow session(ResultSet rs) throws SQLException {
        return new SessionRow(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                localDate(rs, "session_date"), rs.getObject("written_by", UUID.class), instant(rs, "written_at"),
                integer(rs, "duration_minutes"), rs.getString("setting"), rs.getString("place_kind"),
                bool(rs, "client_present"), rs.getBytes("body"), rs.getBytes("next_steps"),
                localDate(rs, "next_steps_due"), localDate(rs, "next_steps_done_on"), instant(rs, "next_meeting_at"),
                integer(rs, "next_meeting_minutes"), rs.getString("next_meeting_place"),
                bool(rs, "next_meeting_with_tandem"), rs.getInt("row_version"), rs.getObject("changed_by", UUID.class),
                instant(rs, "changed_at"), rs.getBytes("change_reason"), rs.getObject("cancelled_by", UUID.class),
                instant(rs, "cancelled_at"), rs.getBytes("cancel_reason"));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
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
