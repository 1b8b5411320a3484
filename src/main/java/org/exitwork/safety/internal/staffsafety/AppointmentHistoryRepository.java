package org.exitwork.safety.internal.staffsafety;

import static org.exitwork.safety.internal.staffsafety.StaffSafetyRepository.ts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.exitwork.keys.FieldCipher.RowCipher;
import org.exitwork.keys.SystemSecrets;
import org.exitwork.safety.internal.staffsafety.StaffSafetyRepository.Appointment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The corrections and cancellations of appointments: {@code saf_appointment_version} (earlier versions,
 * their places sealed with the system key bound to the version's row) and the columns of
 * {@code saf_appointment} a correction or cancellation writes.
 */
@Repository
public class AppointmentHistoryRepository {

    /** An earlier version as stored, its place in clear. */
    public record Version(UUID id, int version, Instant startsAt, Instant endsAt, PlaceKind placeKind, String place,
            UUID clientId, List<UUID> attendees, UUID replacedBy, Instant replacedAt, List<String> changed) {
    }

    /** What a correction writes. */
    public record Corrected(Instant startsAt, Instant endsAt, PlaceKind placeKind, String place, UUID clientId) {
    }

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;

    AppointmentHistoryRepository(JdbcClient jdbc, SystemSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    private RowCipher versionRow(UUID id) {
        return secrets.cipher().row("saf_appointment_version", id);
    }

    private RowCipher appointmentRow(UUID id) {
        return secrets.cipher().row("saf_appointment", id);
    }

    /** Keeps the appointment as it is now as an earlier version, its place sealed anew for the version's row. */
    public void keepVersion(Appointment current, String place, Collection<UUID> attendees, UUID replacedBy, Instant now,
            List<String> changed) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO saf_appointment_version (id, appointment_id, version, starts_at, ends_at, place_kind, "
                + "place, client_id, replaced_by, replaced_at, changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, current.id(), current.version(), ts(current.startsAt()), ts(current.endsAt()),
                        current.placeKind().name(), versionRow(id).seal("place", place), current.clientId(),
                        replacedBy, ts(now), String.join(",", changed))
                .update();
        for (UUID attendee : attendees) {
            jdbc.sql("INSERT INTO saf_appointment_version_attendee (version_id, staff_id) VALUES (?, ?)")
                    .params(id, attendee).update();
        }
    }

    /** The corrected appointment; the alert link is cleared when the end moved, so a new overdue opens a new alert. */
    public void correct(UUID id, Corrected corrected, boolean endMoved) {
        jdbc.sql("UPDATE saf_appointment SET starts_at = ?, ends_at = ?, place_kind = ?, place = ?, client_id = ?, "
                + (endMoved ? "alert_id = NULL, " : "") + "version = version + 1 WHERE id = ?")
                .params(ts(corrected.startsAt()), ts(corrected.endsAt()), corrected.placeKind().name(),
                        appointmentRow(id).seal("place", corrected.place()), corrected.clientId(), id)
                .update();
    }

    public void replaceAttendees(UUID id, Set<UUID> attendees) {
        jdbc.sql("DELETE FROM saf_appointment_attendee WHERE appointment_id = ?").param(id).update();
        for (UUID attendee : attendees) {
            jdbc.sql("INSERT INTO saf_appointment_attendee (appointment_id, staff_id) VALUES (?, ?)")
                    .params(id, attendee).update();
        }
    }

    public void cancel(UUID id, UUID by, Instant now, String reason) {
        jdbc.sql("UPDATE saf_appointment SET cancelled_at = ?, cancelled_by = ?, cancel_reason = ?, "
                + "version = version + 1 WHERE id = ?")
                .params(ts(now), by, appointmentRow(id).seal("cancel_reason", reason), id).update();
    }

    /** @return the reason given for the cancellation in clear, or {@code null} */
    public String cancelReason(Appointment appointment) {
        return appointmentRow(appointment.id()).open("cancel_reason", appointment.cancelReason());
    }

    /** The earlier versions of an appointment, newest first. */
    public List<Version> versions(UUID appointmentId) {
        record Stored(UUID id, int version, Timestamp startsAt, Timestamp endsAt, String placeKind, byte[] place,
                UUID clientId, UUID replacedBy, Timestamp replacedAt, String changed) {
        }
        List<Stored> rows = jdbc.sql("SELECT id, version, starts_at, ends_at, place_kind, place, client_id, replaced_by, "
                + "replaced_at, changed FROM saf_appointment_version WHERE appointment_id = ? ORDER BY version DESC")
                .param(appointmentId)
                .query((rs, n) -> new Stored(rs.getObject("id", UUID.class), rs.getInt("version"),
                        rs.getTimestamp("starts_at"), rs.getTimestamp("ends_at"), rs.getString("place_kind"),
                        rs.getBytes("place"), rs.getObject("client_id", UUID.class),
                        rs.getObject("replaced_by", UUID.class), rs.getTimestamp("replaced_at"), rs.getString("changed")))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<UUID>> attendees = new HashMap<>();
        jdbc.sql("SELECT version_id, staff_id FROM saf_appointment_version_attendee WHERE version_id IN (:ids)")
                .param("ids", rows.stream().map(Stored::id).toList())
                .query(rs -> {
                    attendees.computeIfAbsent(rs.getObject("version_id", UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject("staff_id", UUID.class));
                });
        return rows.stream().map(r -> new Version(r.id(), r.version(), r.startsAt().toInstant(),
                r.endsAt().toInstant(), PlaceKind.valueOf(r.placeKind()), versionRow(r.id()).open("place", r.place()),
                r.clientId(), attendees.getOrDefault(r.id(), List.of()), r.replacedBy(), r.replacedAt().toInstant(),
                r.changed().isEmpty() ? List.of() : List.of(r.changed().split(",")))).toList();
    }

    /**
     * The client's erasure: every appointment that is or ever was linked to the client loses all its
     * earlier versions, its place and the reason for its cancellation (any of them may hold the link or
     * name the client). Runs before the current rows lose their link.
     *
     * @return how many earlier versions were deleted
     */
    int forgetClient(UUID clientId) {
        List<UUID> appointments = jdbc.sql("SELECT id FROM saf_appointment WHERE client_id = ? "
                + "UNION SELECT appointment_id FROM saf_appointment_version WHERE client_id = ?")
                .params(clientId, clientId).query(UUID.class).list();
        if (appointments.isEmpty()) {
            return 0;
        }
        jdbc.sql("UPDATE saf_appointment SET place = NULL, cancel_reason = NULL WHERE id IN (:ids)")
                .param("ids", appointments).update();
        return jdbc.sql("DELETE FROM saf_appointment_version WHERE appointment_id IN (:ids)")
                .param("ids", appointments).update();
    }
}
