package org.exitwork.safety.internal.staffsafety;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which appointment a session's next meeting made ({@code saf_appointment_from_session}), and moving
 * such an appointment when a correction of the session moves the meeting. Creating it goes through
 * {@link StaffSafetyRepository} like every appointment.
 */
@Repository
public class SessionAppointmentRepository {

    private final JdbcClient jdbc;

    SessionAppointmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UUID> appointmentFor(UUID sessionId) {
        return jdbc.sql("SELECT appointment_id FROM saf_appointment_from_session WHERE session_id = ?")
                .param(sessionId).query(UUID.class).optional();
    }

    public void link(UUID sessionId, UUID appointmentId, UUID clientId) {
        jdbc.sql("INSERT INTO saf_appointment_from_session (session_id, appointment_id, client_id) VALUES (?, ?, ?)")
                .params(sessionId, appointmentId, clientId).update();
    }

    /** Only while nobody has checked in: an appointment under way or over stays as it was. */
    public boolean move(UUID appointmentId, Instant startsAt, Instant endsAt, PlaceKind kind) {
        return jdbc.sql("UPDATE saf_appointment SET starts_at = ?, ends_at = ?, place_kind = ?, version = version + 1 "
                        + "WHERE id = ? AND arrived_at IS NULL AND left_at IS NULL AND cancelled_at IS NULL")
                .params(Timestamp.from(startsAt), Timestamp.from(endsAt), kind.name(), appointmentId).update() == 1;
    }

    public void replaceAttendees(UUID appointmentId, Collection<UUID> attendees) {
        jdbc.sql("DELETE FROM saf_appointment_attendee WHERE appointment_id = ?").param(appointmentId).update();
        for (UUID attendee : attendees) {
            jdbc.sql("INSERT INTO saf_appointment_attendee (appointment_id, staff_id) VALUES (?, ?)")
                    .params(appointmentId, attendee).update();
        }
    }

    /**
     * Erasure (R20): the links of an erased client go in the purge's batches (they grow with the sessions,
     * and nothing reaches them once the client's sessions are gone); the appointments lose the client at
     * once, in {@link StaffSafety}.
     */
    public int forget(UUID clientId, int limit) {
        return jdbc.sql("DELETE FROM saf_appointment_from_session WHERE client_id = ? AND session_id IN "
                        + "(SELECT session_id FROM saf_appointment_from_session WHERE client_id = ? FETCH FIRST ? ROWS ONLY)")
                .params(clientId, clientId, limit).update();
    }
}
