package org.exitwork.safety.internal.staffsafety.appointments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.ExpiringRecords;
import org.exitwork.cases.RetentionPeriods;
import org.exitwork.keys.ErasureJournal;
import org.exitwork.keys.ErasureReplay;
import org.exitwork.safety.internal.staffsafety.StaffSafetyRepository;
import org.exitwork.safety.internal.staffsafety.StaffSafetyRepository.Ended;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final StaffSafetyRepository appointments;
    private final RetentionPeriods retention;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final ErasureJournal journal;
    private final TransactionTemplate tx;
    private final Clock clock;

    AppointmentErasure(StaffSafetyRepository appointments, RetentionPeriods retention, StaffDirectory staff, AuditLog audit,
            ErasureJournal journal, TransactionTemplate tx, Clock clock) {
        this.appointments = appointments;
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
        List<Ended> candidates = appointments.endedBy(now.minus(Duration.ofDays(1)));
        for (Ended candidate : candidates) {
            int period = days.computeIfAbsent(candidate.organisationId(), retention::appointmentDays);
            if (!expired(candidate, period, now)) {
                continue;
            }
            Boolean done = tx.execute(status -> {
                Optional<Ended> locked = appointments.lockForErasure(candidate.id());
                if (locked.isEmpty() || !expired(locked.get(), period, now) || appointments.hasUnresolvedAlert(candidate.id())) {
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
        return appointments.lockForErasure(id).map(candidate -> {
            erase(candidate, RESTORE_ACTOR, AuditDetail.of("erasure.again-after-restore"));
            return true;
        }).orElse(false);
    }

    /**
     * The row goes with its attendees and alerts (they cascade); the journal records the id before the
     * transaction commits, so a restore of an older backup erases it again; the audit keeps no content.
     */
    private void erase(Ended candidate, String actor, String detail) {
        appointments.deleteAppointment(candidate.id());
        journal.recordErasure(candidate.id());
        audit.record(new AuditEvent(candidate.organisationId(), null, actor, APPOINTMENT_ERASED,
                staff.find(candidate.organisationId(), candidate.staffId()).map(StaffMember::username).orElse(null),
                detail));
    }

    private static boolean expired(Ended c, int days, Instant now) {
        return !c.endedAt().plus(Duration.ofDays(days)).isAfter(now);
    }
}
