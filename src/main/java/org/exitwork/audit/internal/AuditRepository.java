package org.exitwork.audit.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.internal.verification.AuditChecks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the verification ({@link AuditChecks}) and of the checkpoints ({@link Checkpoints}):
 * entries are read in ranges of the primary key (chain, seq), never collected, so that verifying a
 * long log needs no more memory than a range. Appending stays in {@link JdbcAuditLog} (under its row lock).
 */
@Repository
public class AuditRepository {

    /** Sees one stored entry with the chain's link fields as stored. */
    public interface EntryVisitor {
        void visit(AuditEntry entry, String chain, String prevHash, String hash);
    }

    /** A keyed chain's head as stored in {@code aud_chain}. */
    public record ChainRow(String chain, UUID organisationId, JdbcAuditLog.Head head) {
    }

    /** A checkpoint as recorded in the database. */
    public interface CheckpointVisitor {
        void visit(long number, String lineHash);
    }

    /** Rows fetched per round trip while streaming: without it PostgreSQL's driver reads a whole result first. */
    static final int STREAM_FETCH_SIZE = 2_000;

    private final JdbcClient jdbc;
    /** The same connection and transaction, but results come in batches of {@link #STREAM_FETCH_SIZE}. */
    private final JdbcClient stream;
    private final javax.sql.DataSource dataSource;
    /** PostgreSQL's driver hands a text column's bytes over as received; H2 holds strings. */
    private final boolean rawBytes;

    AuditRepository(JdbcClient jdbc, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        org.springframework.jdbc.core.JdbcTemplate batches = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        batches.setFetchSize(STREAM_FETCH_SIZE);
        this.stream = JdbcClient.create(batches);
        try (java.sql.Connection connection = dataSource.getConnection()) {
            this.rawBytes = connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot tell which database holds the audit log", e);
        }
    }

    /** The earlier SHA-256 chain, oldest first, read in ranges of its numbers. */
    public void eachLegacyEntry(EntryVisitor visitor) {
        long last = lastStoredSeq(JdbcAuditLog.LEGACY);
        for (long after = 0; after < last; after += STREAM_FETCH_SIZE) {
            stream.sql("SELECT " + JdbcAuditLog.COLUMNS + ", prev_hash, hash FROM aud_entry WHERE chain = 'legacy'"
                            + " AND seq > ? AND seq <= ? ORDER BY chain, seq")
                    .params(after, after + STREAM_FETCH_SIZE)
                    .query(rs -> {
                        visitor.visit(JdbcAuditLog.entry(rs, 0), rs.getString("chain"), rs.getString("prev_hash"),
                                rs.getString("hash"));
                    });
        }
    }

    /** The highest number stored in a chain (0 for none), whatever its head says. */
    public long lastStoredSeq(String chain) {
        return jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM aud_entry WHERE chain = ?").param(chain).query(Long.class)
                .single();
    }

    /**
     * The verification's reading: the entries of one keyed chain numbered {@code from} to
     * {@code from + EntryBatch.ROWS - 1}, by the primary key (chain, seq), into {@code batch}, only the columns
     * the tag covers and as the driver holds them. Bounded by numbers, not by a row limit, so that no plan
     * (PostgreSQL's before it has statistics sorts what the condition selects) reads more than one range.
     * Answers how many rows it read. Runs in the caller's transaction.
     */
    public int readRange(String chain, long from, EntryBatch batch) {
        batch.clear();
        java.sql.Connection connection = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource);
        try (java.sql.PreparedStatement statement = connection.prepareStatement(rawBytes ? RANGE : RANGE_ON_H2,
                java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY)) {
            if (rawBytes && statement.isWrapperFor(org.postgresql.PGStatement.class)) {
                // The binary protocol from the first range on: the server sends the time and the ids as they
                // are stored instead of formatting them as text (half of its work, and it was the bottleneck).
                statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            }
            statement.setFetchSize(EntryBatch.ROWS);
            statement.setString(1, chain);
            statement.setLong(2, from);
            statement.setLong(3, from + EntryBatch.ROWS);
            try (java.sql.ResultSet rs = statement.executeQuery()) {
                int i = 0;
                while (rs.next()) {
                    batch.seq[i] = rs.getLong(1);
                    batch.millis[i] = rawBytes ? PostgresColumns.millis(rs, 2)
                            : millis(rs.getObject(2, java.time.OffsetDateTime.class));
                    batch.org[i] = rawBytes ? PostgresColumns.uuidText(rs, 3) : rs.getString(3);
                    batch.actor[i] = rawBytes ? PostgresColumns.uuidText(rs, 4) : rs.getString(4);
                    batch.actorName[i] = field(rs, 5);
                    batch.action[i] = field(rs, 6);
                    batch.subject[i] = field(rs, 7);
                    batch.detail[i] = field(rs, 8);
                    batch.prev[i] = field(rs, 9);
                    batch.tag[i] = field(rs, 10);
                    batch.entryId[i] = rawBytes ? PostgresColumns.uuidText(rs, 11) : rs.getString(11);
                    i++;
                }
                batch.size = i;
                return i;
            }
        } catch (java.sql.SQLException e) {
            throw new org.springframework.dao.DataAccessResourceFailureException("could not read the audit entries of "
                    + chain, e);
        } finally {
            org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * A range in the primary key's order ({@code ORDER BY chain, seq}: the database reads the index in order
     * and stops after the range instead of sorting the rest of the chain). On PostgreSQL the columns as
     * stored, in the binary protocol ({@link PostgresColumns} reads them).
     */
    private static final String RANGE = "SELECT seq, occurred_at, org_id, actor_id, actor_name, action, subject, detail,"
            + " prev_hash, hash, entry_id FROM aud_entry WHERE chain = ? AND seq >= ? AND seq < ? ORDER BY chain, seq";
    /**
     * On H2, in this JVM, the columns as stored (a cast there costs more than reading the value here), but the
     * two tags as VARCHAR: a CHAR column in a result makes H2 copy every row to pad it.
     */
    private static final String RANGE_ON_H2 = "SELECT seq, occurred_at, org_id, actor_id, actor_name, action, subject,"
            + " detail, CAST(prev_hash AS VARCHAR(64)), CAST(hash AS VARCHAR(64)), entry_id FROM aud_entry"
            + " WHERE chain = ? AND seq >= ? AND seq < ? ORDER BY chain, seq";

    /** The time in milliseconds, or the nearest count for a time beyond them. */
    static long millis(java.time.OffsetDateTime at) {
        try {
            return at.toInstant().toEpochMilli();
        } catch (ArithmeticException e) {
            return at.getYear() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    private Object field(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        return rawBytes ? rs.getBytes(column) : rs.getString(column);
    }

    /** The first chain with entries after {@code chain} in the primary key's order (any chain for null). */
    public Optional<String> nextChainWithEntries(String chain) {
        return (chain == null
                ? jdbc.sql("SELECT chain FROM aud_entry ORDER BY chain FETCH FIRST 1 ROWS ONLY")
                : jdbc.sql("SELECT chain FROM aud_entry WHERE chain > ? ORDER BY chain FETCH FIRST 1 ROWS ONLY").param(chain))
                .query(String.class).optional();
    }

    /** One entry of a keyed chain, with its stored link and tag. */
    public void entryAt(String chain, long seq, EntryVisitor visitor) {
        jdbc.sql("SELECT " + JdbcAuditLog.COLUMNS + ", prev_hash, hash FROM aud_entry WHERE chain = ? AND seq = ?")
                .params(chain, seq)
                .query(rs -> {
                    visitor.visit(JdbcAuditLog.entry(rs, 0), rs.getString("chain"), rs.getString("prev_hash"),
                            rs.getString("hash"));
                });
    }

    /** The earlier chain's end, if it was ever sealed. */
    public Optional<JdbcAuditLog.Head> legacyHead() {
        return jdbc.sql("SELECT last_seq, last_hash FROM aud_head WHERE id = 1")
                .query((rs, n) -> new JdbcAuditLog.Head(rs.getLong(1), rs.getString(2).trim()))
                .optional();
    }

    public void eachChainHead(Consumer<ChainRow> visitor) {
        jdbc.sql("SELECT chain, org_id, last_seq, last_mac FROM aud_chain ORDER BY chain").query(rs -> {
            visitor.accept(new ChainRow(rs.getString("chain"), rs.getObject("org_id", UUID.class),
                    new JdbcAuditLog.Head(rs.getLong("last_seq"), rs.getString("last_mac").trim())));
        });
    }

    /** The heads of the chains that have entries, for a checkpoint. */
    List<CheckpointFile.ChainHead> checkpointHeads() {
        return jdbc.sql("SELECT chain, last_seq, last_mac FROM aud_chain WHERE last_seq > 0 ORDER BY chain")
                .query((rs, n) -> new CheckpointFile.ChainHead(rs.getString(1), rs.getLong(2), rs.getString(3).trim()))
                .list();
    }

    public void eachCheckpoint(CheckpointVisitor visitor) {
        jdbc.sql("SELECT checkpoint_no, line_hash FROM aud_checkpoint ORDER BY checkpoint_no").query(rs -> {
            visitor.visit(rs.getLong(1), rs.getString(2).trim());
        });
    }

    public long lastCheckpoint() {
        return jdbc.sql("SELECT COALESCE(MAX(checkpoint_no), 0) FROM aud_checkpoint").query(Long.class).single();
    }

    void insertCheckpoint(long number, Instant writtenAt, String lineHash) {
        jdbc.sql("INSERT INTO aud_checkpoint (checkpoint_no, written_at, line_hash) VALUES (?, ?, ?)")
                .params(number, Timestamp.from(writtenAt), lineHash).update();
    }
}
