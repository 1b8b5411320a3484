package org.exitwork.audit.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.exitwork.audit.AuditEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the verification ({@link AuditChecks}) and of the checkpoints ({@link Checkpoints}):
 * entries are streamed row by row to a visitor, never collected, so that verifying a long log
 * needs no more memory than one entry. Appending stays in {@link JdbcAuditLog} (under its row lock).
 */
@Repository
class AuditRepository {

    /** Sees one stored entry with the chain's link fields as stored. */
    interface EntryVisitor {
        void visit(AuditEntry entry, String chain, String prevHash, String hash);
    }

    /** A keyed chain's head as stored in {@code aud_chain}. */
    record ChainRow(String chain, UUID organisationId, JdbcAuditLog.Head head) {
    }

    /** A checkpoint as recorded in the database. */
    interface CheckpointVisitor {
        void visit(long number, String lineHash);
    }

    /** Rows fetched per round trip while streaming: without it PostgreSQL's driver reads a whole result first. */
    static final int STREAM_FETCH_SIZE = 2_000;

    private final JdbcClient jdbc;
    /** The same connection and transaction, but results come in batches of {@link #STREAM_FETCH_SIZE}. */
    private final JdbcClient stream;

    AuditRepository(JdbcClient jdbc, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        org.springframework.jdbc.core.JdbcTemplate batches = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        batches.setFetchSize(STREAM_FETCH_SIZE);
        this.stream = JdbcClient.create(batches);
    }

    /** The earlier SHA-256 chain, oldest first. */
    void eachLegacyEntry(EntryVisitor visitor) {
        stream.sql("SELECT " + JdbcAuditLog.COLUMNS + ", prev_hash, hash FROM aud_entry WHERE chain = 'legacy' ORDER BY seq")
                .query(rs -> {
                    visitor.visit(JdbcAuditLog.entry(rs, 0), rs.getString("chain"), rs.getString("prev_hash"),
                            rs.getString("hash"));
                });
    }

    /** The earlier chain's end, if it was ever sealed. */
    Optional<JdbcAuditLog.Head> legacyHead() {
        return jdbc.sql("SELECT last_seq, last_hash FROM aud_head WHERE id = 1")
                .query((rs, n) -> new JdbcAuditLog.Head(rs.getLong(1), rs.getString(2).trim()))
                .optional();
    }

    void eachChainHead(Consumer<ChainRow> visitor) {
        jdbc.sql("SELECT chain, org_id, last_seq, last_mac FROM aud_chain ORDER BY chain").query(rs -> {
            visitor.accept(new ChainRow(rs.getString("chain"), rs.getObject("org_id", UUID.class),
                    new JdbcAuditLog.Head(rs.getLong("last_seq"), rs.getString("last_mac").trim())));
        });
    }

    /** Every entry of every keyed chain, chain by chain, each in its order. */
    void eachKeyedEntry(EntryVisitor visitor) {
        stream.sql("SELECT " + JdbcAuditLog.COLUMNS + ", prev_hash, hash FROM aud_entry WHERE chain <> 'legacy' "
                        + "ORDER BY chain, seq")
                .query(rs -> {
                    visitor.visit(JdbcAuditLog.entry(rs, 0), rs.getString("chain"), rs.getString("prev_hash"),
                            rs.getString("hash"));
                });
    }

    /** The heads of the chains that have entries, for a checkpoint. */
    List<CheckpointFile.ChainHead> checkpointHeads() {
        return jdbc.sql("SELECT chain, last_seq, last_mac FROM aud_chain WHERE last_seq > 0 ORDER BY chain")
                .query((rs, n) -> new CheckpointFile.ChainHead(rs.getString(1), rs.getLong(2), rs.getString(3).trim()))
                .list();
    }

    void eachCheckpoint(CheckpointVisitor visitor) {
        jdbc.sql("SELECT checkpoint_no, line_hash FROM aud_checkpoint ORDER BY checkpoint_no").query(rs -> {
            visitor.visit(rs.getLong(1), rs.getString(2).trim());
        });
    }

    long lastCheckpoint() {
        return jdbc.sql("SELECT COALESCE(MAX(checkpoint_no), 0) FROM aud_checkpoint").query(Long.class).single();
    }

    void insertCheckpoint(long number, Instant writtenAt, String lineHash) {
        jdbc.sql("INSERT INTO aud_checkpoint (checkpoint_no, written_at, line_hash) VALUES (?, ?, ?)")
                .params(number, Timestamp.from(writtenAt), lineHash).update();
    }
}
