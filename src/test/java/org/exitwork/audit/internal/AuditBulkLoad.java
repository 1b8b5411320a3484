package org.exitwork.audit.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.internal.keys.AuditKeyFile;
import org.exitwork.audit.internal.keys.AuditKeys;

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
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        String previous = append(connection, keys, organisation, chain, 0, EntryMac.GENESIS, FIRST, actors, names, count,
                true);
        try (PreparedStatement head = connection.prepareStatement(
                "INSERT INTO aud_chain (chain, org_id, last_seq, last_mac) VALUES (?, ?, ?, ?)")) {
            head.setString(1, chain);
            head.setObject(2, organisation);
            head.setLong(3, count);
            head.setString(4, previous);
            head.executeUpdate();
        }
        connection.commit();
        connection.setAutoCommit(autoCommit);
        return organisation;
    }

    /**
     * An existing organisation's chain made {@code count} entries longer, as if its staff ({@code actors} with
     * their {@code names}) had worked for a while: the entries follow the chain's head, 1.237 s apart up to
     * now, each tagged by {@link EntryMac#of} over the tag before it, and the head in {@code aud_chain} moved
     * to the last, where {@code JdbcAuditLog}'s steps of one entry each would leave it. PostgreSQL only (the
     * forward-only trigger is switched off for that one update, inside the transaction). Nothing else may
     * write to that chain meanwhile: the head row is locked until the end.
     */
    public static void extend(Connection connection, Path auditKeyFile, UUID organisation, UUID[] actors,
            String[] names, long count) throws SQLException {
        AuditKeys keys = AuditKeyFile.load(auditKeyFile);
        String chain = JdbcAuditLog.chainOf(organisation);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        long seq;
        String previous;
        try (PreparedStatement head = connection.prepareStatement(
                "SELECT last_seq, last_mac FROM aud_chain WHERE chain = ? FOR UPDATE")) {
            head.setString(1, chain);
            try (var rs = head.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no audit chain for organisation " + organisation);
                }
                seq = rs.getLong(1);
                previous = rs.getString(2);
            }
        }
        // The head row stays locked to the end, so no commit on the way.
        String last = append(connection, keys, organisation, chain, seq, previous,
                Instant.now().minusMillis(count * 1_237 + 1_000), actors, names, count, false);
        // The head where JdbcAuditLog's steps of one entry each would leave it, in one step: the trigger that
        // allows only steps of one is off for this transaction's update alone (the table's owner may do that).
        try (java.sql.Statement off = connection.createStatement()) {
            off.execute("ALTER TABLE aud_chain DISABLE TRIGGER aud_chain_forward_only");
        }
        try (PreparedStatement head = connection.prepareStatement(
                "UPDATE aud_chain SET last_seq = ?, last_mac = ? WHERE chain = ?")) {
            head.setLong(1, seq + count);
            head.setString(2, last);
            head.setString(3, chain);
            head.executeUpdate();
        }
        try (java.sql.Statement on = connection.createStatement()) {
            on.execute("ALTER TABLE aud_chain ENABLE TRIGGER aud_chain_forward_only");
        }
        connection.commit();
        connection.setAutoCommit(autoCommit);
    }

    /** Inserts entries {@code after + 1} to {@code after + count} of the chain; returns the last tag. */
    private static String append(Connection connection, AuditKeys keys, UUID organisation, String chain, long after,
            String previous, Instant first, UUID[] actors, String[] names, long count, boolean commitOnTheWay)
            throws SQLException {
        String[] actions = { "CASE_READ", "NOTE_WRITTEN", "SESSION_RECORDED", "SIGN_IN" };
        // The subject index serves the pages, not the verification: built once at the end, not row by row.
        try (java.sql.Statement drop = connection.createStatement()) {
            drop.execute("DROP INDEX aud_entry_org_subject");
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO aud_entry (" + JdbcAuditLog.COLUMNS
                + ", prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (long n = 1; n <= count; n++) {
                long seq = after + n;
                int k = (int) (n % actors.length);
                boolean signIn = seq % 4 == 3;
                AuditEntry entry = new AuditEntry(seq, first.plusMillis(n * 1_237), organisation,
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
                if (n % BATCH == 0 || n == count) {
                    insert.executeBatch();
                }
                if (commitOnTheWay && n % COMMIT == 0) {
                    connection.commit();
                }
            }
        }
        try (java.sql.Statement index = connection.createStatement()) {
            index.execute("CREATE INDEX aud_entry_org_subject ON aud_entry (org_id, subject)");
        }
        return previous;
    }
}
