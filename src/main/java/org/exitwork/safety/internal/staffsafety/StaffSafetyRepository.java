package org.exitwork.safety.internal.staffsafety;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.keys.SystemSecrets;
import org.exitwork.platform.KeysetPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables of staff safety ({@code saf_appointment*}, {@code saf_alert*}, {@code saf_duty}, {@code saf_contact_address}). */
@Repository
public class StaffSafetyRepository {

    public record Appointment(UUID id, UUID organisationId, UUID staffId, Instant startsAt, Instant endsAt,
            PlaceKind placeKind, byte[] place, UUID clientId, Instant arrivedAt, Instant leftAt, UUID alertId,
            int version, Instant cancelledAt, UUID cancelledBy, byte[] cancelReason) {

        public boolean cancelled() {
            return cancelledAt != null;
        }
    }

    record Alert(UUID id, UUID organisationId, UUID appointmentId, UUID staffId, AlertKind kind, int step,
            Instant nextStepAt, Instant openedAt, UUID ownerId, Instant acknowledgedAt, UUID resolvedBy,
            Instant resolvedAt) {

        public boolean open() {
            return resolvedAt == null;
        }
    }

    record DueStep(UUID alertId, int step) {
    }

    private static final String APPOINTMENT = "SELECT id, organisation_id, staff_id, starts_at, ends_at, place_kind, "
            + "place, client_id, arrived_at, left_at, alert_id, version, cancelled_at, cancelled_by, cancel_reason "
            + "FROM saf_appointment ";
    private static final String ALERT = "SELECT id, organisation_id, appointment_id, staff_id, kind, step, next_step_at, "
            + "opened_at, owner_id, acknowledged_at, resolved_by, resolved_at FROM saf_alert ";

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;

    StaffSafetyRepository(JdbcClient jdbc, SystemSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /**
     * To the database's precision (microseconds), cut rather than rounded: a deadline stored as
     * {@code now} must never come out later than {@code now}, or a due step would wait a round.
     */
    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    private static Appointment appointment(ResultSet rs, int row) throws SQLException {
        return new Appointment(uuid(rs, "id"), uuid(rs, "organisation_id"), uuid(rs, "staff_id"),
                instant(rs, "starts_at"), instant(rs, "ends_at"), PlaceKind.valueOf(rs.getString("place_kind")),
                rs.getBytes("place"), uuid(rs, "client_id"), instant(rs, "arrived_at"), instant(rs, "left_at"),
                uuid(rs, "alert_id"), rs.getInt("version"), instant(rs, "cancelled_at"), uuid(rs, "cancelled_by"),
                rs.getBytes("cancel_reason"));
    }

    private static Alert alert(ResultSet rs, int row) throws SQLException {
        return new Alert(uuid(rs, "id"), uuid(rs, "organisation_id"), uuid(rs, "appointment_id"),
                uuid(rs, "staff_id"), AlertKind.valueOf(rs.getString("kind")), rs.getInt("step"),
                instant(rs, "next_step_at"), instant(rs, "opened_at"), uuid(rs, "owner_id"),
                instant(rs, "acknowledged_at"), uuid(rs, "resolved_by"), instant(rs, "resolved_at"));
    }

    // --- appointments ---------------------------------------------------------------------------

    public void insertAppointment(UUID id, UUID organisationId, UUID staffId, Instant startsAt, Instant endsAt,
            PlaceKind kind, UUID clientId, Instant now) {
        jdbc.sql("INSERT INTO saf_appointment (id, organisation_id, staff_id, starts_at, ends_at, place_kind, client_id, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, organisationId, staffId, ts(startsAt), ts(endsAt), kind.name(), clientId, ts(now))
                .update();
    }

    /** The place of an appointment, encrypted with the system key bound to the row. */
    void setPlace(UUID id, String place) {
        jdbc.sql("UPDATE saf_appointment SET place = ? WHERE id = ?")
                .params(secrets.cipher().row("saf_appointment", id).seal("place", place), id).update();
    }

    /** @return the appointment's place in clear, or {@code null} when none is kept */
    public String place(Appointment appointment) {
        return secrets.cipher().row("saf_appointment", appointment.id()).open("place", appointment.place());
    }

    public void addAttendee(UUID appointmentId, UUID staffId) {
        jdbc.sql("INSERT INTO saf_appointment_attendee (appointment_id, staff_id) VALUES (?, ?)")
                .params(appointmentId, staffId).update();
    }

    public Optional<Appointment> appointment(UUID organisationId, UUID id) {
        return jdbc.sql(APPOINTMENT + "WHERE organisation_id = ? AND id = ?").params(organisationId, id)
                .query(StaffSafetyRepository::appointment).optional();
    }

    public Optional<Appointment> appointment(UUID id) {
        return jdbc.sql(APPOINTMENT + "WHERE id = ?").param(id).query(StaffSafetyRepository::appointment).optional();
    }

    /**
     * The board of the day [from, to), cancelled appointments left out: those that touch it, and those of the day
     * before whose person
     * has not checked out yet. An evening's visit that is overdue after midnight is what its responders look for
     * then; a new day's board without it hid the place from them.
     */
    List<Appointment> board(UUID organisationId, Instant from, Instant to) {
        return jdbc.sql(APPOINTMENT + "WHERE organisation_id = ? AND cancelled_at IS NULL AND ((starts_at < ? AND "
                + "ends_at >= ?) OR (left_at IS NULL AND ends_at >= ? AND ends_at < ?)) ORDER BY starts_at")
                .params(organisationId, ts(to), ts(from), ts(from.minus(java.time.Duration.ofDays(1))), ts(from))
                .query(StaffSafetyRepository::appointment).list();
    }

    /** A practitioner's appointments that touch [from, to); cancelled ones only for their own list. */
    List<Appointment> appointmentsOf(UUID organisationId, UUID staffId, Instant from, Instant to,
            boolean withCancelled) {
        return jdbc.sql(APPOINTMENT + "WHERE organisation_id = ? AND staff_id = ? AND starts_at < ? AND ends_at >= ? "
                + (withCancelled ? "" : "AND cancelled_at IS NULL ") + "ORDER BY starts_at")
                .params(organisationId, staffId, ts(to), ts(from))
                .query(StaffSafetyRepository::appointment).list();
    }

    /**
     * One page of a practitioner's own appointments (cancelled ones too) that end at or after {@code from}
     * and start before {@code to} (no end when null), in order of (starts_at, id): the {@code limit} after
     * the appointment {@code after}, or before the appointment {@code before} read backwards. Keyset on
     * saf_appointment_staff_starts (V1_61_0), no OFFSET; a cursor that is not one of the practitioner's
     * own appointments matches nothing, so the page is empty.
     */
    List<Appointment> appointmentsPage(UUID organisationId, UUID staffId, Instant from, Instant to, UUID after,
            UUID before, int limit) {
        boolean backwards = KeysetPage.backwards(after, before);
        UUID cursor = backwards ? before : after;
        StringBuilder sql = new StringBuilder("SELECT a.id, a.organisation_id, a.staff_id, a.starts_at, a.ends_at, "
                + "a.place_kind, a.place, a.client_id, a.arrived_at, a.left_at, a.alert_id, a.version, a.cancelled_at, "
                + "a.cancelled_by, a.cancel_reason FROM saf_appointment a");
        List<Object> params = new java.util.ArrayList<>();
        if (cursor != null) {
            sql.append(" JOIN saf_appointment k ON k.id = ? AND k.organisation_id = a.organisation_id "
                    + "AND k.staff_id = a.staff_id");
            params.add(cursor);
        }
        sql.append(" WHERE a.organisation_id = ? AND a.staff_id = ? AND a.ends_at >= ?");
        params.add(organisationId);
        params.add(staffId);
        params.add(ts(from));
        if (to != null) {
            sql.append(" AND a.starts_at < ?");
            params.add(ts(to));
        }
        if (cursor != null) {
            sql.append(backwards ? " AND (a.starts_at < k.starts_at OR (a.starts_at = k.starts_at AND a.id < k.id))"
                    : " AND (a.starts_at > k.starts_at OR (a.starts_at = k.starts_at AND a.id > k.id))");
        }
        sql.append(backwards ? " ORDER BY a.starts_at DESC, a.id DESC" : " ORDER BY a.starts_at, a.id")
                .append(" FETCH FIRST ? ROWS ONLY");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(StaffSafetyRepository::appointment).list();
    }

    /** The attendees of several appointments (one page) in one query. */
    java.util.Map<UUID, List<UUID>> attendeesOf(java.util.Collection<UUID> appointmentIds) {
        java.util.Map<UUID, List<UUID>> found = new java.util.HashMap<>();
        if (appointmentIds.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT appointment_id, staff_id FROM saf_appointment_attendee WHERE appointment_id IN (:ids)")
                .param("ids", List.copyOf(appointmentIds))
                .query((rs, n) -> found.computeIfAbsent(rs.getObject(1, UUID.class), k -> new java.util.ArrayList<>())
                        .add(rs.getObject(2, UUID.class)))
                .list();
        return found;
    }

    /** Alerts by id, and the open alert of each appointment, of one page in one query. */
    List<Alert> alertsOf(java.util.Collection<UUID> alertIds, java.util.Collection<UUID> appointmentIds) {
        if (appointmentIds.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = alertIds.isEmpty() ? List.of(new UUID(0, 0)) : List.copyOf(alertIds);
        return jdbc.sql(ALERT + "WHERE id IN (:ids) OR (appointment_id IN (:appointments) AND resolved_at IS NULL)")
                .param("ids", ids).param("appointments", List.copyOf(appointmentIds))
                .query(StaffSafetyRepository::alert).list();
    }

    /** Of several appointments, those whose open alert reached {@code staffId} as a responder, in one query. */
    Set<UUID> escalatedTo(java.util.Collection<UUID> appointmentIds, UUID staffId) {
        if (appointmentIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT DISTINCT a.appointment_id FROM saf_alert a JOIN saf_alert_responder r "
                + "ON r.alert_id = a.id WHERE a.appointment_id IN (:ids) AND a.resolved_at IS NULL AND a.step >= 2 "
                + "AND r.staff_id = :staff AND r.staff_id <> a.staff_id")
                .param("ids", List.copyOf(appointmentIds)).param("staff", staffId).query(UUID.class).list());
    }

    /** Locks the appointment's row for a correction or cancellation (the escalation claims the same row). */
    public Optional<Appointment> lockAppointment(UUID organisationId, UUID id) {
        return jdbc.sql(APPOINTMENT + "WHERE organisation_id = ? AND id = ? FOR UPDATE").params(organisationId, id)
                .query(StaffSafetyRepository::appointment).optional();
    }

    public List<UUID> attendees(UUID appointmentId) {
        return jdbc.sql("SELECT staff_id FROM saf_appointment_attendee WHERE appointment_id = ?").param(appointmentId)
                .query(UUID.class).list();
    }

    void arrived(UUID id, Instant now) {
        jdbc.sql("UPDATE saf_appointment SET arrived_at = ?, version = version + 1 WHERE id = ? AND arrived_at IS NULL")
                .params(ts(now), id).update();
    }

    void left(UUID id, Instant now) {
        jdbc.sql("UPDATE saf_appointment SET left_at = ?, version = version + 1 WHERE id = ? AND left_at IS NULL")
                .params(ts(now), id).update();
    }

    /** A new expected end; the alert link is cleared so that a new overdue opens a new alert. */
    void extend(UUID id, Instant newEnd) {
        jdbc.sql("UPDATE saf_appointment SET ends_at = ?, alert_id = NULL, version = version + 1 WHERE id = ?")
                .params(ts(newEnd), id).update();
    }

    /**
     * Appointments whose check-out is overdue (expected end before {@code endedBefore}) and have no alert.
     * A cancelled appointment is never overdue.
     */
    List<UUID> overdueWithoutAlert(Instant endedBefore) {
        return jdbc.sql("SELECT id FROM saf_appointment WHERE left_at IS NULL AND alert_id IS NULL AND ends_at <= ? "
                + "AND cancelled_at IS NULL")
                .param(ts(endedBefore)).query(UUID.class).list();
    }

    /**
     * Claims the appointment for a new alert; only one node (or request) wins, and never for a cancelled
     * appointment (a cancellation holds the row's lock, so the claim sees it once it commits).
     */
    boolean claimForAlert(UUID appointmentId, UUID alertId) {
        return jdbc.sql("UPDATE saf_appointment SET alert_id = ? WHERE id = ? AND alert_id IS NULL AND left_at IS NULL "
                + "AND cancelled_at IS NULL")
                .params(alertId, appointmentId).update() == 1;
    }

    /**
     * Forgets the client behind appointments (erasure): the link, the place and the reason for a
     * cancellation, which may identify them.
     */
    int forgetClient(UUID clientId) {
        return jdbc.sql("UPDATE saf_appointment SET client_id = NULL, place = NULL, cancel_reason = NULL "
                + "WHERE client_id = ?").param(clientId).update();
    }

    // --- alerts ---------------------------------------------------------------------------------

    void insertAlert(UUID id, UUID organisationId, UUID appointmentId, UUID staffId, AlertKind kind, int step,
            Instant nextStepAt, Instant now) {
        jdbc.sql("INSERT INTO saf_alert (id, organisation_id, appointment_id, staff_id, kind, step, next_step_at, opened_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, organisationId, appointmentId, staffId, kind.name(), step, ts(nextStepAt), ts(now)).update();
    }

    Optional<Alert> alert(UUID id) {
        return jdbc.sql(ALERT + "WHERE id = ?").param(id).query(StaffSafetyRepository::alert).optional();
    }

    Optional<Alert> alert(UUID organisationId, UUID id) {
        return jdbc.sql(ALERT + "WHERE organisation_id = ? AND id = ?").params(organisationId, id)
                .query(StaffSafetyRepository::alert).optional();
    }

    public Optional<Alert> openAlertFor(UUID appointmentId) {
        return jdbc.sql(ALERT + "WHERE appointment_id = ? AND resolved_at IS NULL").param(appointmentId)
                .query(StaffSafetyRepository::alert).optional();
    }

    List<DueStep> dueSteps(Instant now) {
        return jdbc.sql("SELECT id, step FROM saf_alert WHERE next_step_at <= ? AND resolved_at IS NULL "
                + "AND owner_id IS NULL ORDER BY next_step_at").param(ts(now))
                .query((rs, i) -> new DueStep(uuid(rs, "id"), rs.getInt("step"))).list();
    }

    /** Claims one step: exactly one caller moves the alert from {@code from} on. */
    boolean claimStep(UUID alertId, int from, int to, Instant nextStepAt) {
        return jdbc.sql("UPDATE saf_alert SET step = ?, next_step_at = ? WHERE id = ? AND step = ? "
                + "AND owner_id IS NULL AND resolved_at IS NULL")
                .params(to, ts(nextStepAt), alertId, from).update() == 1;
    }

    /** Turns an open alert into a call for help that climbs at once (from step 1 to 2). */
    boolean makeHelp(UUID alertId, int from, Instant now) {
        return jdbc.sql("UPDATE saf_alert SET kind = 'HELP', step = 1, next_step_at = ? WHERE id = ? AND step = ? "
                + "AND resolved_at IS NULL").params(ts(now), alertId, from).update() == 1;
    }

    void markHelp(UUID alertId) {
        jdbc.sql("UPDATE saf_alert SET kind = 'HELP' WHERE id = ?").param(alertId).update();
    }

    boolean acknowledge(UUID alertId, UUID ownerId, Instant now) {
        return jdbc.sql("UPDATE saf_alert SET owner_id = ?, acknowledged_at = ?, next_step_at = NULL WHERE id = ? "
                + "AND owner_id IS NULL AND resolved_at IS NULL").params(ownerId, ts(now), alertId).update() == 1;
    }

    boolean resolve(UUID alertId, UUID by, Instant now) {
        return jdbc.sql("UPDATE saf_alert SET resolved_by = ?, resolved_at = ?, next_step_at = NULL WHERE id = ? "
                + "AND resolved_at IS NULL").params(by, ts(now), alertId).update() == 1;
    }

    void addResponder(UUID alertId, UUID staffId, int step, Instant now) {
        jdbc.sql("INSERT INTO saf_alert_responder (alert_id, staff_id, step, notified_at) SELECT ?, ?, ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM saf_alert_responder WHERE alert_id = ? AND staff_id = ?)")
                .params(alertId, staffId, step, ts(now), alertId, staffId).update();
    }

    /** Responders by id with the step at which each was alerted. */
    java.util.Map<UUID, Integer> responders(UUID alertId) {
        java.util.Map<UUID, Integer> result = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT staff_id, step FROM saf_alert_responder WHERE alert_id = ? ORDER BY step, notified_at")
                .param(alertId).query(rs -> {
                    result.put(uuid(rs, "staff_id"), rs.getInt("step"));
                });
        return result;
    }

    /** Open alerts and those resolved since {@code since} that {@code staffId} responds to or is the subject of. */
    List<Alert> alertsFor(UUID organisationId, UUID staffId, Instant since) {
        return jdbc.sql(ALERT + "WHERE organisation_id = ? AND (resolved_at IS NULL OR resolved_at >= ?) AND (staff_id = ? "
                + "OR id IN (SELECT alert_id FROM saf_alert_responder WHERE staff_id = ?)) ORDER BY opened_at DESC")
                .params(organisationId, ts(since), staffId, staffId).query(StaffSafetyRepository::alert).list();
    }

    /** The banner: how many open alerts {@code staffId} was alerted to. One indexed query. */
    int openAlertCount(UUID staffId) {
        return jdbc.sql("SELECT COUNT(*) FROM saf_alert_responder r JOIN saf_alert a ON a.id = r.alert_id "
                + "WHERE r.staff_id = ? AND a.resolved_at IS NULL").param(staffId).query(Integer.class).single();
    }

    /** Whether an open alert about this appointment reached {@code staffId} beyond the practitioner (step 2 on). */
    boolean escalatedTo(UUID appointmentId, UUID staffId) {
        return jdbc.sql("SELECT COUNT(*) FROM saf_alert a JOIN saf_alert_responder r ON r.alert_id = a.id "
                + "WHERE a.appointment_id = ? AND a.resolved_at IS NULL AND a.step >= 2 AND r.staff_id = ? "
                + "AND r.staff_id <> a.staff_id").params(appointmentId, staffId).query(Integer.class).single() > 0;
    }

    // --- duty roster and contact addresses --------------------------------------------------------

    Set<UUID> onDuty(UUID organisationId, LocalDate day) {
        return Set.copyOf(jdbc.sql("SELECT staff_id FROM saf_duty WHERE organisation_id = ? AND duty_date = ?")
                .params(organisationId, day).query(UUID.class).list());
    }

    void setDuty(UUID organisationId, LocalDate day, UUID staffId, boolean onDuty) {
        jdbc.sql("DELETE FROM saf_duty WHERE organisation_id = ? AND duty_date = ? AND staff_id = ?")
                .params(organisationId, day, staffId).update();
        if (onDuty) {
            jdbc.sql("INSERT INTO saf_duty (organisation_id, duty_date, staff_id) VALUES (?, ?, ?)")
                    .params(organisationId, day, staffId).update();
        }
    }

    /** A staff member's work e-mail for alarms, in clear; encrypted with the system key bound to the row. */
    Optional<String> workEmail(UUID staffId) {
        return jdbc.sql("SELECT work_email FROM saf_contact_address WHERE staff_id = ? AND work_email IS NOT NULL")
                .param(staffId).query(byte[].class).optional()
                .map(sealed -> secrets.cipher().row("saf_contact_address", staffId).open("work_email", sealed));
    }

    /** The same, only when the staff member belongs to {@code organisationId}. */
    Optional<String> workEmail(UUID organisationId, UUID staffId) {
        return jdbc.sql("SELECT work_email FROM saf_contact_address WHERE staff_id = ? AND organisation_id = ? "
                + "AND work_email IS NOT NULL")
                .params(staffId, organisationId).query(byte[].class).optional()
                .map(sealed -> secrets.cipher().row("saf_contact_address", staffId).open("work_email", sealed));
    }

    /** A staff member's work telephone number, for a phone without signal to call; sealed like the e-mail. */
    Optional<String> workPhone(UUID staffId) {
        return jdbc.sql("SELECT work_phone FROM saf_contact_address WHERE staff_id = ? AND work_phone IS NOT NULL")
                .param(staffId).query(byte[].class).optional()
                .map(sealed -> secrets.cipher().row("saf_contact_address", staffId).open("work_phone", sealed));
    }

    /** Replaces the work e-mail and telephone number; {@code null} removes one. */
    void saveContact(UUID staffId, UUID organisationId, String email, String phone, Instant now) {
        jdbc.sql("DELETE FROM saf_contact_address WHERE staff_id = ?").param(staffId).update();
        var row = secrets.cipher().row("saf_contact_address", staffId);
        jdbc.sql("INSERT INTO saf_contact_address (staff_id, organisation_id, work_email, work_phone, updated_at) "
                + "VALUES (?, ?, ?, ?, ?)")
                .params(staffId, organisationId, row.seal("work_email", email), row.seal("work_phone", phone), ts(now))
                .update();
    }

    // --- check-in events from the phone ----------------------------------------------------------

    /**
     * Keeps a check-in action sent with the phone's event id; {@code false} when that id was kept before
     * (a queued action sent again). A second request with the same id waits for the first to commit.
     */
    boolean recordCheckInEvent(UUID eventId, UUID appointmentId, UUID staffId, String action, Instant phoneTime,
            Instant serverTime) {
        return jdbc.sql("INSERT INTO saf_check_in_event (event_id, appointment_id, staff_id, action, phone_time, "
                + "server_time) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(eventId, appointmentId, staffId, action, ts(phoneTime), ts(serverTime)).update() == 1;
    }

    boolean checkInEventKept(UUID eventId, UUID appointmentId, UUID staffId) {
        return jdbc.sql("SELECT COUNT(*) FROM saf_check_in_event WHERE event_id = ? AND appointment_id = ? AND staff_id = ?")
                .params(eventId, appointmentId, staffId).query(Long.class).single() > 0;
    }

    // --- erasure after the retention period ------------------------------------------------------

    /** An appointment as the erasure sees it: ended at the later of its end and the check-out. */
    public record Ended(UUID id, UUID organisationId, UUID staffId, Instant endedAt) {
    }

    private static final String ENDED = "SELECT id, organisation_id, staff_id, ends_at, left_at FROM saf_appointment";

    private static Ended ended(ResultSet rs, int row) throws SQLException {
        Instant ends = rs.getObject("ends_at", OffsetDateTime.class).toInstant();
        OffsetDateTime left = rs.getObject("left_at", OffsetDateTime.class);
        Instant ended = left != null && left.toInstant().isAfter(ends) ? left.toInstant() : ends;
        return new Ended(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                rs.getObject("staff_id", UUID.class), ended);
    }

    /** Appointments whose planned end is at or before {@code cutoff}. */
    public List<Ended> endedBy(Instant cutoff) {
        return jdbc.sql(ENDED + " WHERE ends_at <= ?").param(Timestamp.from(cutoff)).query(StaffSafetyRepository::ended)
                .list();
    }

    /** Locks the appointment's row for its erasure (the escalation claims the same row). */
    public Optional<Ended> lockForErasure(UUID id) {
        return jdbc.sql(ENDED + " WHERE id = ? FOR UPDATE").param(id).query(StaffSafetyRepository::ended).optional();
    }

    public boolean hasUnresolvedAlert(UUID appointmentId) {
        return jdbc.sql("SELECT COUNT(*) FROM saf_alert WHERE appointment_id = ? AND resolved_at IS NULL")
                .param(appointmentId).query(Long.class).single() > 0;
    }

    /** The row goes with its attendees and alerts (they cascade). */
    public void deleteAppointment(UUID id) {
        jdbc.sql("DELETE FROM saf_appointment WHERE id = ?").param(id).update();
    }
}
