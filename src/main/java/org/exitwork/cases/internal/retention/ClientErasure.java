package org.exitwork.cases.internal.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.ExpiringRecords;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.keys.ClientKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Real erasure (R1, R20). The client's data key is destroyed first in effect (crypto-shredding: every
 * ciphertext of the client, in the database and in every backup, becomes unreadable), the client's row
 * goes, so that no page or service finds the case any more, and every row about the client is deleted:
 * at once what hangs on the client's row, in batches afterwards what grows with the work
 * ({@link ErasurePurge}), so that the request takes the same time for ten notes or a thousand. What
 * remains is one audit entry: that an erasure happened, under the pseudonym, and nothing else.
 *
 * <p>Erasure runs on request (a prospect who declines, a client who asks) and by schedule when the
 * organisation's retention period has passed. Each client is erased in a transaction of its own that
 * first locks the client's row, so two application nodes running the schedule at once erase each
 * client exactly once.
 */
@Service
public class ClientErasure implements org.exitwork.cases.Erasure, org.exitwork.keys.ErasureReplay {

    private static final Logger log = LoggerFactory.getLogger(ClientErasure.class);
    static final String RETENTION_ACTOR = "exitwork (retention period)";
    static final String RESTORE_ACTOR = "exitwork (restore)";

    private final ErasureRepository rows;
    private final CaseAccess access;
    private final ClientKeys keys;
    private final AuditLog audit;
    private final RetentionPolicy retention;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    private final GroupErasure groups;
    private final ErasurePurge purge;
    private final ObjectProvider<ExpiringRecords> otherModules;

    ClientErasure(ErasureRepository rows, CaseAccess access, ClientKeys keys, AuditLog audit,
            RetentionPolicy retention, TransactionTemplate tx, Clock clock, org.springframework.context.ApplicationEventPublisher events,
            GroupErasure groups, ObjectProvider<ExpiringRecords> otherModules, ErasurePurge purge) {
        this.purge = purge;
        this.events = events;
        this.groups = groups;
        this.otherModules = otherModules;
        this.rows = rows;
        this.access = access;
        this.keys = keys;
        this.audit = audit;
        this.retention = retention;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Erasure now, by the tandem: a prospect who does not join, or a closed case whose client asked for
     * it. An ongoing case must be ended first (the ending offers erasure in the same step).
     */
    @Transactional
    public void eraseOnRequest(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forTandem(who, clientId, "erase");
        access.requireStage(ref, Stage.PROSPECT, Stage.CLOSED);
        erase(ref, who.id(), who.username());
    }

    /** Within the caller's transaction. */
    public void erase(CaseRef ref, UUID actorId, String actorName) {
        rows.lockClient(ref.id()).orElseThrow(() -> new IllegalStateException("client already erased"));
        deleteEverything(ref.id(), ref.organisationId());
        audit.record(new AuditEvent(ref.organisationId(), actorId, actorName, RetentionActions.CLIENT_ERASED,
                ref.pseudonym(), null));
    }

    /**
     * After a restore: the client was erased after the backup was taken, so erase them again, the same
     * way, inside the restore's transaction. The audit entry says that it was re-applied.
     */
    @Override
    @Transactional
    public boolean eraseAgain(UUID id) {
        return rows.lockClient(id).map(client -> {
            deleteEverything(client.id(), client.organisationId());
            audit.record(new AuditEvent(client.organisationId(), null, RESTORE_ACTOR, RetentionActions.CLIENT_ERASED,
                    client.pseudonym(), AuditDetail.of("erasure.again-after-restore")));
            return true;
        }).orElse(false);
    }

    /** The scheduled part: every client whose retention period has passed, each in its own transaction. */
    @Override
    public int eraseExpired() {
        LocalDate today = LocalDate.now(clock);
        int erased = 0;
        for (Candidate candidate : rows.clientCandidates()) {
            Boolean done = tx.execute(status -> {
                Optional<Candidate> locked = rows.lockClient(candidate.id());
                if (locked.isEmpty() || !expired(locked.get(), today)) {
                    return false;
                }
                deleteEverything(candidate.id(), candidate.organisationId());
                audit.record(new AuditEvent(candidate.organisationId(), null, RETENTION_ACTOR,
                        RetentionActions.CLIENT_ERASED, candidate.pseudonym(), null));
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                erased++;
            }
        }
        if (erased > 0) {
            log.info("Erased {} clients whose retention period had passed.", erased);
        }
        return erased;
    }

    /**
     * Clients, then groups, then what other modules keep (appointments). A kind that fails does not
     * hold up the others; the first failure is thrown at the end, so the job logs it and the command
     * exits with an error, and the next run tries again.
     */
    @Override
    public List<Erased> eraseEverythingExpired() {
        List<Erased> erased = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        List<ExpiringRecords> kinds = new ArrayList<>();
        kinds.add(kind("clients", this::eraseExpired));
        kinds.add(kind("groups", groups::eraseExpired));
        otherModules.orderedStream().forEach(kinds::add);
        for (ExpiringRecords kind : kinds) {
            try {
                erased.add(new Erased(kind.what(), kind.eraseExpired()));
            } catch (RuntimeException e) {
                log.error("Erasing expired {} failed; the next run tries again.", kind.what(), e);
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return erased;
    }

    private static ExpiringRecords kind(String what, java.util.function.IntSupplier erase) {
        return new ExpiringRecords() {
            @Override
            public String what() {
                return what;
            }

            @Override
            public int eraseExpired() {
                return erase.getAsInt();
            }
        };
    }

    /** What decides expiry, read under the row lock so that a case taken on meanwhile is spared. */
    record Candidate(UUID id, UUID organisationId, String pseudonym, Stage stage, LocalDate lastActivity) {
    }

    private boolean expired(Candidate c, LocalDate today) {
        RetentionPolicy.Periods periods = retention.of(c.organisationId());
        return switch (c.stage()) {
            case PROSPECT -> !c.lastActivity().plusDays(periods.prospectDays()).isAfter(today);
            case CLOSED -> !c.lastActivity().plusDays(periods.closedDays()).isAfter(today);
            case CLIENT -> false;
        };
    }

    /**
     * The key goes, and with the client's row the case goes for every reader, in this transaction; the
     * work costs the same whatever the size of the record. Other modules delete theirs on
     * {@code ClientErased}, in this transaction; this module deletes the client's row and what hangs on it
     * ({@link ErasureRepository#deleteClient}) and queues the rest, the rows that grow with the work, for
     * the purge job ({@link ErasurePurge}), which deletes them in batches within a minute or so.
     */
    private void deleteEverything(UUID clientId, UUID organisationId) {
        rows.aboutToErase(clientId);
        events.publishEvent(new org.exitwork.cases.ClientErased(clientId, organisationId));
        rows.deleteClient(clientId);
        rows.enqueuePurge(clientId, organisationId);
        keys.shred(clientId);
    }

    @Override
    public int purgeErased() {
        return purge.drain();
    }

    /**
     * After a restore: the rows of the clients erased again, and of those the backup caught mid-purge. The
     * restore has committed by then; a batch that fails is logged and left to the purge job.
     */
    @Override
    public void afterReplay() {
        try {
            purge.drain();
        } catch (RuntimeException e) {
            log.error("Purging the rows of erased clients after the restore failed; the purge job goes on.", e);
        }
    }
}
