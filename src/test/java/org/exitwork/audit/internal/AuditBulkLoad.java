package org.exitwork.audit.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.exitwork.audit.AuditEntry;

/**
 * A long audit log in seconds, for the tests and benchmarks of the verification: one new
 * organisation's chain of {@code count} entries, each tagged by the production code
 * ({@link EntryMac#of} with the installation's audit key) over the stored tag before it, inserted in
 * JDBC batches straight into {@code aud_entry}, and its head inserted into {@code aud_chain} (a new
 * head row, which the forward-only trigger allows). What {@code JdbcAuditLog} would have written for
 * the same entries, without a transaction and a row lock per entry.
 */
public final class AuditBulkLoad {

    private static final int BATCH = 5_000;
    /** Rows per transaction: few commits keep H2's file small and the load quick. */
    private static final int COMMIT = 100_000;
    private static final Instant FIRST = Instant.parse("2026-01-05T08:00:00Z");

    private AuditBulkLoad() {
    }

    /**
     * In a JVM of its own: {@code <H2 database file without .mv.db> <audit key file> <count>}. A million
     * entries take a third of the CPU with the optimising compiler, which the test JVMs go without.
     */
    public static void main(String[] args) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + args[0]
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "exitwork", "")) {
            fill(c, Path.of(args[1]), Long.parseLong(args[2]));
        }
    }

    /** With the key file of an installation (its data directory's {@code audit-keys.json}). */
    public static UUID fill(Connection connection, Path auditKeyFile, long count) throws SQLException {
        return fill(connection, AuditKeyFile.load(auditKeyFile), count);
    }

    static UUID fill(Connection connection, AuditKeys keys, long count) throws SQLException {
        UUID organisation = UUID.randomUUID();
        String chain = organisation.toString();
        UUID[] actors = { UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID() };
        String[] names = { "Anna Beispiel", "Jonas Muster", "Zoë Ørsted" };
        String[] actions = { "CASE_READ", "NOTE_WRITTEN", "SESSION_RECORDED", "SIGN_IN" };
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        // The subject index serves the pages, not the verification: built once at the end, not row by row.
        try (java.sql.Statement drop = connection.createStatement()) {
            drop.execute("DROP INDEX aud_entry_org_subject");
        }
        String previous = EntryMac.GENESIS;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO aud_entry (" + JdbcAuditLog.COLUMNS
                + ", prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (long seq = 1; seq <= count; seq++) {
                int k = (int) (seq % 3);
                boolean signIn = seq % 4 == 3;
                AuditEntry entry = new AuditEntry(seq, FIRST.plusMillis(seq * 1_237), organisation,
                        signIn ? null : actors[k], names[k], actions[(int) (seq % 4)],
                        signIn ? null : "Kaveli Tomura " + (seq % 977), seq % 5 == 0 ? "@case.read|" + seq : null);
                String tag = EntryMac.of(keys.mac(), chain, entry, previous);
                insert.setLong(1, entry.seq());
                insert.setTimestamp(2, Timestamp.from(entry.occurredAt()));
                insert.setObject(3, entry.organisationId());
                insert.setObject(4, entry.actorId());
                insert.setString(5, entry.actorName());
                insert.setString(6, entry.action());
                insert.setString(7, entry.subject());
                insert.setString(8, entry.detail());
                insert.setString(9, chain);
                insert.setString(10, previous);
                insert.setString(11, tag);
                insert.addBatch();
                previous = tag;
                if (seq % BATCH == 0 || seq == count) {
                    insert.executeBatch();
                }
                if (seq % COMMIT == 0 || seq == count) {
                    connection.commit();
                }
            }
        }
        try (PreparedStatement head = connection.prepareStatement(
                "INSERT INTO aud_chain (chain, org_id, last_seq, last_mac) VALUES (?, ?, ?, ?)")) {
            head.setString(1, chain);
            head.setObject(2, organisation);
            head.setLong(3, count);
            head.setString(4, previous);
            head.executeUpdate();
        }
        try (java.sql.Statement index = connection.createStatement()) {
            index.execute("CREATE INDEX aud_entry_org_subject ON aud_entry (org_id, subject)");
        }
        connection.commit();
        connection.setAutoCommit(autoCommit);
        return organisation;
    }
}
