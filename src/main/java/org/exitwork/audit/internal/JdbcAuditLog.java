package org.exitwork.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.ChainVerification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends under a row lock on aud_head, so entries from any number of nodes form one chain. The
 * lock is held until the caller's transaction commits: a change and its audit entry land together.
 */
@Service
class JdbcAuditLog implements AuditLog, AuditVerifier {

    private static final String COLUMNS =
            "seq, occurred_at, org_id, actor_id, actor_name, action, subject, detail";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate independent;

    JdbcAuditLog(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.independent = new TransactionTemplate(transactions);
        this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(AuditEvent event) {
        append(event);
    }

    @Override
    public void recordIndependently(AuditEvent event) {
        if (callerHoldsTheHead()) {
            // A transaction of its own would wait for the caller's lock on the head, which is only
            // released when the caller finishes: it would wait forever. The entry is appended as
            // soon as the caller's transaction has ended, committed or rolled back.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    independent.executeWithoutResult(tx -> append(event));
                }
            });
            return;
        }
        independent.executeWithoutResult(tx -> append(event));
    }

    private static boolean callerHoldsTheHead() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getSynchronizations().stream().anyMatch(HeadHeld.class::isInstance);
    }

    /** Marks a transaction that holds the lock on the head; suspended with it by REQUIRES_NEW. */
    private static final class HeadHeld implements TransactionSynchronization {
    }

    private void append(AuditEvent event) {
        Head head = jdbc.sql("SELECT last_seq, last_hash FROM aud_head WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .single();
        if (TransactionSynchronizationManager.isSynchronizationActive() && !callerHoldsTheHead()) {
            TransactionSynchronizationManager.registerSynchronization(new HeadHeld());
        }
        AuditEntry entry = new AuditEntry(head.seq() + 1, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                event.organisationId(), event.actorId(), clip(event.actorName(), 200), event.action(),
                clip(event.subject(), 200), clip(event.detail(), 1000));
        String hash = ChainHash.of(entry, head.hash());
        jdbc.sql("INSERT INTO aud_entry (" + COLUMNS + ", prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(entry.seq(), Timestamp.from(entry.occurredAt()), entry.organisationId(), entry.actorId(),
                        entry.actorName(), entry.action(), entry.subject(), entry.detail(), head.hash(), hash)
                .update();
        jdbc.sql("UPDATE aud_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(entry.seq(), hash).update();
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditEntry> recent(UUID organisationId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM aud_entry WHERE org_id = ? ORDER BY seq DESC LIMIT ?")
                .params(organisationId, limit)
                .query(JdbcAuditLog::entry)
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditEntry> about(UUID organisationId, String subject) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM aud_entry WHERE org_id = ? AND subject = ? ORDER BY seq")
                .params(organisationId, subject)
                .query(JdbcAuditLog::entry)
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean mentions(UUID organisationId, String subject) {
        return !jdbc.sql("SELECT seq FROM aud_entry WHERE org_id = ? AND subject = ? LIMIT 1")
                .params(organisationId, subject).query(Long.class).list().isEmpty();
    }

    @Override
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        var verifier = new ChainWalk();
        jdbc.sql("SELECT " + COLUMNS + ", prev_hash, hash FROM aud_entry ORDER BY seq")
                .query(rs -> {
                    verifier.next(entry(rs, 0), rs.getString("prev_hash"), rs.getString("hash"));
                });
        Head head = jdbc.sql("SELECT last_seq, last_hash FROM aud_head WHERE id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .single();
        return verifier.finish(head.seq(), head.hash());
    }

    /** Walks the chain in sequence order and remembers the first entry that does not fit. */
    private static final class ChainWalk {
        private long expectedSeq = 1;
        private String previousHash = ChainHash.GENESIS;
        private long checked;
        private ChainVerification broken;

        void next(AuditEntry entry, String storedPrev, String storedHash) {
            checked++;
            if (broken != null) {
                return;
            }
            if (entry.seq() != expectedSeq) {
                broken = ChainVerification.broken(checked, expectedSeq,
                        "entry " + expectedSeq + " is missing (next stored entry is " + entry.seq() + ")");
            } else if (!previousHash.equals(storedPrev)) {
                broken = ChainVerification.broken(checked, entry.seq(), "does not link to the entry before it");
            } else if (!ChainHash.of(entry, storedPrev).equals(storedHash)) {
                broken = ChainVerification.broken(checked, entry.seq(), "content does not match its hash");
            }
            expectedSeq = entry.seq() + 1;
            previousHash = storedHash;
        }

        ChainVerification finish(long headSeq, String headHash) {
            if (broken != null) {
                return broken;
            }
            if (headSeq != expectedSeq - 1 || !headHash.equals(previousHash)) {
                return ChainVerification.broken(checked, expectedSeq,
                        "the newest entries are missing (log should end at entry " + headSeq + ")");
            }
            return ChainVerification.intact(checked);
        }
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(),
                rs.getObject("org_id", UUID.class), rs.getObject("actor_id", UUID.class), rs.getString("actor_name"),
                rs.getString("action"), rs.getString("subject"), rs.getString("detail"));
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private record Head(long seq, String hash) {
    }
}
