package org.exitwork.safety.internal.staffsafety;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.ExpiringRecords;
import org.exitwork.cases.RetentionPeriods;
import org.exitwork.keys.ErasureJournal;
import org.exitwork.keys.ErasureReplay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff appointments follow the organisation's retention (R20, R14): where a practitioner was, when
 * and with whom is not kept for ever. An appointment is erased when the organisation's period has
 * passed since its end (or the check-out, if that was later): the row with its encrypted place, its
 * attendees, and its alerts with their responders (all cascade from {@code saf_appointment}), so no
 * alert is left pointing at nothing. An appointment whose alert is still open is never erased: the
 * alert must be resolved first. The audit keeps every step that was taken and one
 * {@code SAFETY_APPOINTMENT_ERASED} entry under the practitioner's user name, without content.
 *
 * <p>Called by the hourly retention run of {@code cases} (and the {@code erase-expired} command) on
 * every node. Each appointment is erased in a transaction of its own that first locks its row and
 * re-checks, so it is erased once, and an extension or an alert opened meanwhile spares it (the
 * escalation claims the same row before it opens an alert).
 *
 * <p>An appointment has no key of its own (its place is under the system key, which every restore
 * brings back), so each erasure is written to the erasure journal in its transaction, and after a
 * restore an appointment erased after the backup was taken is erased again the same way.
 */
@Component
class AppointmentErasure implements ExpiringRecords, ErasureReplay {

    private static final Logger log = LoggerFactory.getLogger(AppointmentErasure.class);
    static final String RETENTION_ACTOR = "exitwork (retention period)";
    static final String RESTORE_ACTOR = "exitwork (restore)";
    static final String APPOINTMENT_ERASED = "SAFETY_APPOINTMENT_ERASED";

    private final JdbcClient jdbc;
    private final RetentionPeriods retention;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final ErasureJournal journal;
    private final TransactionTemplate tx;
    private final Clock clock;

    AppointmentErasure(JdbcClient jdbc, RetentionPeriods retention, StaffDirectory staff, AuditLog audit,
            ErasureJournal journal, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.staff = staff;
        this.audit = audit;
        this.journal = journal;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public String what() {
        return "appointments";
    }

    @Override
    public int eraseExpired() {
        Instant now = clock.instant();
        Map<UUID, Integer> days = new HashMap<>();
        int erased = 0;
        // No period is shorter than a day: nothing that ended later can be due.
        List<Candidate> candidates = jdbc.sql(CANDIDATE_SELECT + " WHERE ends_at <= ?")
                .param(Timestamp.from(now.minus(Duration.ofDays(1)))).query((rs, n) -> candidate(rs)).list();
        for (Candidate candidate : candidates) {
            int period = days.computeIfAbsent(candidate.organisationId(), retention::appointmentDays);
            if (!expired(candidate, period, now)) {
                continue;
            }
            Boolean done = tx.execute(status -> {
                Optional<Candidate> locked = lock(candidate.id());
                if (locked.isEmpty() || !expired(locked.get(), period, now) || hasOpenAlert(candidate.id())) {
                    return false;
                }
                erase(candidate, RETENTION_ACTOR, null);
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                erased++;
            }
        }
        if (erased > 0) {
            log.info("Erased {} appointments whose retention period had passed.", erased);
        }
        return erased;
    }

    /**
     * After a restore: the appointment was erased after the backup was taken, so erase it again, the
     * same way, inside the restore's transaction (an open alert in the restored data does not spare
     * it: the erasure happened). Ids are random UUIDs, so an id of anything else matches no row.
     */
    @Override
    @Transactional
    public boolean eraseAgain(UUID id) {
        return lock(id).map(candidate -> {
            erase(candidate, RESTORE_ACTOR, "again after a restore");
            return true;
        }).orElse(false);
    }

    /**
     * The row goes with its attendees and alerts (they cascade); the journal records the id before the
     * transaction commits, so a restore of an older backup erases it again; the audit keeps no content.
     */
    private void erase(Candidate candidate, String actor, String detail) {
        jdbc.sql("DELETE FROM saf_appointment WHERE id = ?").param(candidate.id()).update();
        journal.recordErasure(candidate.id());
        audit.record(new AuditEvent(candidate.organisationId(), null, actor, APPOINTMENT_ERASED,
                staff.find(candidate.organisationId(), candidate.staffId()).map(StaffMember::username).orElse(null),
                detail));
    }

    record Candidate(UUID id, UUID organisationId, UUID staffId, Instant endedAt) {
    }

    private static boolean expired(Candidate c, int days, Instant now) {
        return !c.endedAt().plus(Duration.ofDays(days)).isAfter(now);
    }

    private boolean hasOpenAlert(UUID appointmentId) {
        return jdbc.sql("SELECT COUNT(*) FROM saf_alert WHERE appointment_id = ? AND resolved_at IS NULL")
                .param(appointmentId).query(Long.class).single() > 0;
    }

    private static final String CANDIDATE_SELECT =
            "SELECT id, organisation_id, staff_id, ends_at, left_at FROM saf_appointment";

    private Optional<Candidate> lock(UUID id) {
        return jdbc.sql(CANDIDATE_SELECT + " WHERE id = ? FOR UPDATE").param(id).query((rs, n) -> candidate(rs))
                .optional();
    }

    private static Candidate candidate(java.sql.ResultSet rs) throws java.sql.SQLException {
        Instant ends = rs.getObject("ends_at", OffsetDateTime.class).toInstant();
        OffsetDateTime left = rs.getObject("left_at", OffsetDateTime.class);
        Instant ended = left != null && left.toInstant().isAfter(ends) ? left.toInstant() : ends;
        return new Candidate(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                rs.getObject("staff_id", UUID.class), ended);
    }
}
