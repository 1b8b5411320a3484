package org.exitwork.cases.internal.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.internal.groups.GroupActions;
import org.exitwork.cases.internal.groups.GroupRef;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.ErasureReplay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Groups follow the organisation's retention (R20, R13): a group is erased when its period has
 * passed since its last session, or since its creation if it never met. The group's own data key is
 * shredded (name, institution and session notes become unreadable everywhere) and every row goes:
 * leaders, participants, sessions, themes, attendance (all cascade from {@code cas_group}). A
 * participant's link to an individual case is only a column of the participant row, so the case
 * itself is untouched. What remains is one {@code GROUP_ERASED} audit entry under the group's short
 * id, without content.
 *
 * <p>Each group is erased in a transaction of its own that first locks its row and re-checks expiry,
 * so nodes running the schedule at once erase each group once, and a group that met meanwhile stays.
 *
 * <p>After a restore, a group erased after the backup was taken is erased again the same way (the
 * erasure journal names it, since shredding its key recorded it): its rows would otherwise come back
 * around a key that opens nothing.
 */
@Component
class GroupErasure implements ErasureReplay {

    private static final Logger log = LoggerFactory.getLogger(GroupErasure.class);

    private final ErasureRepository rows;
    private final ClientKeys keys;
    private final AuditLog audit;
    private final RetentionPolicy retention;
    private final TransactionTemplate tx;
    private final Clock clock;

    GroupErasure(ErasureRepository rows, ClientKeys keys, AuditLog audit, RetentionPolicy retention,
            TransactionTemplate tx, Clock clock) {
        this.rows = rows;
        this.keys = keys;
        this.audit = audit;
        this.retention = retention;
        this.tx = tx;
        this.clock = clock;
    }

    /** Every group whose period has passed, each in its own transaction; returns how many this call erased. */
    int eraseExpired() {
        LocalDate today = LocalDate.now(clock);
        int erased = 0;
        for (Candidate candidate : rows.groupCandidates()) {
            if (!expired(candidate, today)) {
                continue;
            }
            Boolean done = tx.execute(status -> {
                Optional<Candidate> locked = rows.lockGroup(candidate.group().id());
                if (locked.isEmpty() || !expired(locked.get(), today)) {
                    return false;
                }
                erase(candidate.group(), ClientErasure.RETENTION_ACTOR, null);
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                erased++;
            }
        }
        if (erased > 0) {
            log.info("Erased {} groups whose retention period had passed.", erased);
        }
        return erased;
    }

    /**
     * After a restore: the group was erased after the backup was taken, so erase it again, the same
     * way, inside the restore's transaction, whether or not it is due by the restored data.
     */
    @Override
    @Transactional
    public boolean eraseAgain(UUID id) {
        return rows.lockGroup(id).map(candidate -> {
            erase(candidate.group(), ClientErasure.RESTORE_ACTOR, AuditDetail.of("erasure.again-after-restore"));
            return true;
        }).orElse(false);
    }

    /** Every row goes with the group's (they cascade), then its key; the audit keeps no content. */
    private void erase(GroupRef group, String actor, String detail) {
        rows.deleteGroup(group.id());
        keys.shred(group.id());
        audit.record(new AuditEvent(group.organisationId(), null, actor, GroupActions.GROUP_ERASED, group.subject(),
                detail));
    }

    /** What decides expiry: the later of the creation date and the last session. */
    record Candidate(GroupRef group, LocalDate lastActivity) {
    }

    private boolean expired(Candidate c, LocalDate today) {
        return !c.lastActivity().plusDays(retention.of(c.group().organisationId()).groupDays()).isAfter(today);
    }
}
