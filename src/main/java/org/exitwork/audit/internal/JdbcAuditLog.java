package org.exitwork.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditPage;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.springframework.dao.DuplicateKeyException;
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
 * One keyed chain per organisation and one for the installation. An append locks only its own
 * chain's head row in {@code aud_chain}, so organisations never wait for each other; the lock is
 * held until the caller's transaction commits, so a change and its audit entry land together.
 */
@Service
class JdbcAuditLog implements AuditLog {

    static final String LEGACY = "legacy";
    static final String INSTALLATION = "installation";
    static final String SEAL_ACTION = "AUDIT_LEGACY_CHAIN_SEALED";

    static final String COLUMNS = "seq, occurred_at, org_id, actor_id, actor_name, action, subject, detail, chain";
    /** Legacy entries first (they are older), then the keyed chain in its own order. */
    private static final String OLDEST_FIRST = "CASE WHEN chain = 'legacy' THEN 0 ELSE 1 END, seq";
    private static final String NEWEST_FIRST = "CASE WHEN chain = 'legacy' THEN 0 ELSE 1 END DESC, seq DESC";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditKeys keys;
    private final Checkpoints checkpoints;
    private final TransactionTemplate independent;
    private final Set<String> knownChains = ConcurrentHashMap.newKeySet();

    JdbcAuditLog(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions, AuditKeys keys,
            Checkpoints checkpoints) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keys = keys;
        this.checkpoints = checkpoints;
        this.independent = new TransactionTemplate(transactions);
        this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    static String chainOf(UUID organisationId) {
        return organisationId == null ? INSTALLATION : organisationId.toString();
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(AuditEvent event) {
        append(event);
    }

    @Override
    public void recordIndependently(AuditEvent event) {
        if (callerHoldsAHead()) {
            // A transaction of its own would wait for a head the caller holds (or, through another
            // transaction waiting for the caller, for one it does not hold), and the caller only lets
            // go when it finishes: it would wait forever. The entry is appended as soon as the
            // caller's transaction has ended, committed or rolled back.
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

    private static boolean callerHoldsAHead() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getSynchronizations().stream().anyMatch(HeadHeld.class::isInstance);
    }

    /** Marks a transaction that holds the lock on a chain's head; suspended with it by REQUIRES_NEW. */
    private static final class HeadHeld implements TransactionSynchronization {
    }

    /**
     * Seals the earlier global chain into the installation's keyed chain at start, once; nodes racing
     * agree. A database that never had an earlier chain is left untouched (its installation chain
     * begins with the seal at its first entry, see append), so a freshly migrated database stays
     * empty, as a restore needs it.
     */
    void sealLegacyChain() {
        independent.executeWithoutResult(tx -> {
            long legacyEntries = jdbc.sql("SELECT last_seq FROM aud_head WHERE id = 1").query(Long.class)
                    .optional().orElse(0L);
            if (legacyEntries == 0) {
                return;
            }
            Head head = lockHead(INSTALLATION);
            if (head.seq() == 0) {
                seal(head);
            }
        });
    }

    private void append(AuditEvent event) {
        String chain = chainOf(event.organisationId());
        Head head = lockHead(chain);
        if (chain.equals(INSTALLATION) && head.seq() == 0) {
            head = seal(head);
        }
        write(chain, head, event);
    }

    private Head seal(Head installationHead) {
        Head legacy = jdbc.sql("SELECT last_seq, last_hash FROM aud_head WHERE id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2).trim()))
                .optional().orElse(new Head(0, ChainHash.GENESIS));
        return write(INSTALLATION, installationHead, new AuditEvent(null, null, "exitwork", SEAL_ACTION, null,
                sealDetail(legacy.seq(), legacy.hash())));
    }

    static String sealDetail(long legacySeq, String legacyHash) {
        return "legacy chain ends at entry " + legacySeq + " with hash " + legacyHash;
    }

    private Head write(String chain, Head head, AuditEvent event) {
        AuditEntry entry = new AuditEntry(head.seq() + 1, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                event.organisationId(), event.actorId(), clip(event.actorName(), 200), event.action(),
                clip(event.subject(), 200), clip(event.detail(), 1000));
        String tag = EntryMac.of(keys.mac(), chain, entry, head.hash());
        jdbc.sql("INSERT INTO aud_entry (" + COLUMNS + ", prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(entry.seq(), Timestamp.from(entry.occurredAt()), entry.organisationId(), entry.actorId(),
                        entry.actorName(), entry.action(), entry.subject(), entry.detail(), chain, head.hash(), tag)
                .update();
        jdbc.sql("UPDATE aud_chain SET last_seq = ?, last_mac = ? WHERE chain = ?").params(entry.seq(), tag, chain)
                .update();
        checkpoints.appended();
        return new Head(entry.seq(), tag);
    }

    private Head lockHead(String chain) {
        if (!knownChains.contains(chain)) {
            createHead(chain);
            knownChains.add(chain);
        }
        Head head = jdbc.sql("SELECT last_seq, last_mac FROM aud_chain WHERE chain = ? FOR UPDATE").param(chain)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2).trim()))
                .single();
        if (TransactionSynchronizationManager.isSynchronizationActive() && !callerHoldsAHead()) {
            TransactionSynchronizationManager.registerSynchronization(new HeadHeld());
        }
        return head;
    }

    /**
     * A new organisation's head row, created in a short transaction of its own: an insert racing
     * another node's would otherwise fail the caller's whole transaction on PostgreSQL.
     */
    private void createHead(String chain) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM aud_chain WHERE chain = ?").param(chain).query(Long.class)
                .single() > 0;
        if (exists) {
            return;
        }
        try {
            independent.executeWithoutResult(tx -> jdbc.sql(
                    "INSERT INTO aud_chain (chain, org_id, last_seq, last_mac) VALUES (?, ?, 0, ?)")
                    .params(chain, chain.equals(INSTALLATION) ? null : UUID.fromString(chain), EntryMac.GENESIS)
                    .update());
        } catch (DuplicateKeyException e) {
            // another node created it meanwhile
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditEntry> recent(UUID organisationId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM aud_entry WHERE org_id = ? ORDER BY " + NEWEST_FIRST + " LIMIT ?")
                .params(organisationId, limit)
                .query(JdbcAuditLog::entry)
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public AuditPage page(UUID organisationId, Long before, Long legacyFrom, int limit) {
        List<AuditEntry> entries = new ArrayList<>();
        if (legacyFrom == null) {
            // The organisation's own chain by its primary key (chain, seq), from the newest down.
            entries.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM aud_entry WHERE chain = ? AND seq < ?"
                            + " ORDER BY seq DESC FETCH FIRST ? ROWS ONLY")
                    .params(chainOf(organisationId), before == null ? Long.MAX_VALUE : before, limit + 1)
                    .query(JdbcAuditLog::entry).list());
            if (entries.size() > limit) {
                List<AuditEntry> page = List.copyOf(entries.subList(0, limit));
                return new AuditPage(page, page.get(limit - 1).seq(), null);
            }
        }
        // The earlier chain no longer grows: counting into the organisation's part of it stays bounded.
        long skip = legacyFrom == null ? 0 : Math.max(0, legacyFrom);
        int room = limit - entries.size();
        List<AuditEntry> legacy = jdbc.sql("SELECT " + COLUMNS + " FROM aud_entry WHERE chain = 'legacy' AND org_id = ?"
                        + " ORDER BY seq DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY")
                .params(organisationId, skip, room + 1)
                .query(JdbcAuditLog::entry).list();
        if (legacy.size() > room) {
            entries.addAll(legacy.subList(0, room));
            return new AuditPage(List.copyOf(entries), null, skip + room);
        }
        entries.addAll(legacy);
        return new AuditPage(List.copyOf(entries), null, null);
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditEntry> about(UUID organisationId, String subject) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM aud_entry WHERE org_id = ? AND subject = ? ORDER BY " + OLDEST_FIRST)
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

    static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("org_id", UUID.class), rs.getObject("actor_id", UUID.class), rs.getString("actor_name"),
                rs.getString("action"), rs.getString("subject"), rs.getString("detail"),
                LEGACY.equals(rs.getString("chain")));
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    record Head(long seq, String hash) {
    }
}
