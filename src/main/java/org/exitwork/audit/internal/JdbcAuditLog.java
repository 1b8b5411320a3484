package org.exitwork.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.AuditPage;
import org.exitwork.audit.internal.keys.AuditKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One keyed chain per organisation and one for the installation. An entry is written to
 * {@code aud_pending} in the caller's transaction, so a change and its entry commit together or not at
 * all, and no lock is taken: the {@link ChainWriter} numbers, tags and appends it to its chain after the
 * commit (handed over at the end of a web request; by the node's writer thread unless the commit is told to
 * wait), in a short transaction of its own.
 */
@Service
public class JdbcAuditLog implements AuditLog {

    public static final String LEGACY = "legacy";
    public static final String INSTALLATION = "installation";
    public static final String SEAL_ACTION = "AUDIT_LEGACY_CHAIN_SEALED";

    static final String COLUMNS = "seq, occurred_at, org_id, actor_id, actor_name, action, subject, detail, chain";
    /** Legacy entries first (they are older), then the keyed chain in its own order. */
    private static final String OLDEST_FIRST = "CASE WHEN chain = 'legacy' THEN 0 ELSE 1 END, seq";
    private static final String NEWEST_FIRST = "CASE WHEN chain = 'legacy' THEN 0 ELSE 1 END DESC, seq DESC";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ChainWriter writer;
    private final AuditKeys keys;
    private final TransactionTemplate independent;

    JdbcAuditLog(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions, ChainWriter writer,
            AuditKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
        this.writer = writer;
        this.independent = new TransactionTemplate(transactions);
        this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    static String chainOf(UUID organisationId) {
        return organisationId == null ? INSTALLATION : organisationId.toString();
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(AuditEvent event) {
        write(event);
    }

    @Override
    public void recordIndependently(AuditEvent event) {
        independent.executeWithoutResult(tx -> write(event));
    }

    /**
     * Seals the earlier global chain into the installation's keyed chain at start, once; nodes racing
     * agree. A database that never had an earlier chain is left untouched at start (its installation chain
     * begins with the seal before the first entry of any chain is linked, see ChainWriter#link), so a freshly
     * migrated database stays empty, as a restore needs it.
     */
    void sealLegacyChain() {
        long legacyEntries = jdbc.sql("SELECT last_seq FROM aud_head WHERE id = 1").query(Long.class)
                .optional().orElse(0L);
        if (legacyEntries > 0) {
            writer.seal();
        }
    }

    /** The seal: the installation chain's first entry, naming where the earlier global chain ends. */
    static AuditEntry sealEntry(JdbcClient jdbc, Instant at) {
        Head legacy = jdbc.sql("SELECT last_seq, last_hash FROM aud_head WHERE id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2).trim()))
                .optional().orElse(new Head(0, ChainHash.GENESIS));
        return new AuditEntry(0, at, null, null, "exitwork", SEAL_ACTION, null, sealDetail(legacy.seq(), legacy.hash()));
    }

    public static String sealDetail(long legacySeq, String legacyHash) {
        return "legacy chain ends at entry " + legacySeq + " with hash " + legacyHash;
    }

    private void write(AuditEvent event) {
        String chain = chainOf(event.organisationId());
        UUID entryId = UUID.randomUUID();
        AuditEntry entry = new AuditEntry(0, clock.instant().truncatedTo(ChronoUnit.MILLIS), event.organisationId(),
                event.actorId(), clip(event.actorName(), 200), event.action(), clip(event.subject(), 200),
                clip(event.detail(), 1000));
        int stored = jdbc.sql("INSERT INTO aud_pending (entry_id, tag, chain, occurred_at, org_id, actor_id, actor_name,"
                        + " action, subject, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(entryId, EntryMac.waiting(keys.mac(), chain, entryId, entry), chain,
                        Timestamp.from(entry.occurredAt()), entry.organisationId(), entry.actorId(), entry.actorName(),
                        entry.action(), entry.subject(), entry.detail())
                .update();
        if (stored != 1) {
            // A trigger that swallows the row: the change must not commit without its entry.
            throw new IllegalStateException("the audit entry was not stored: " + event.action());
        }
        writer.wrote(chain);
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditEntry> recent(UUID organisationId, int limit) {
        writer.linkWhatThisRequestCommitted();
        return jdbc.sql("SELECT " + COLUMNS + " FROM aud_entry WHERE org_id = ? ORDER BY " + NEWEST_FIRST + " LIMIT ?")
                .params(organisationId, limit)
                .query(JdbcAuditLog::entry)
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public AuditPage page(UUID organisationId, Long before, Long legacyFrom, int limit) {
        writer.linkWhatThisRequestCommitted();
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
        writer.linkWhatThisRequestCommitted();
        return jdbc.sql("SELECT " + COLUMNS + " FROM aud_entry WHERE org_id = ? AND subject = ? ORDER BY " + OLDEST_FIRST)
                .params(organisationId, subject)
                .query(JdbcAuditLog::entry)
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean mentions(UUID organisationId, String subject) {
        writer.linkWhatThisRequestCommitted();
        // Waiting entries count too: a name in an entry not yet linked is as taken as one in the chain.
        return !jdbc.sql("SELECT seq FROM aud_entry WHERE org_id = ? AND subject = ? LIMIT 1")
                .params(organisationId, subject).query(Long.class).list().isEmpty()
                || !jdbc.sql("SELECT id FROM aud_pending WHERE org_id = ? AND subject = ? LIMIT 1")
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

    public record Head(long seq, String hash) {
    }
}
