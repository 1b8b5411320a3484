package org.exitwork;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.exitwork.testing.Lanes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.exitwork.testing.ExitworkProcess;
import org.exitwork.testing.ExitworkProcess.DemoInstallation;
import org.exitwork.testing.ExitworkProcess.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line exactly as an operator uses it: a separate JVM per command on an embedded H2
 * data directory, judged by exit status and output. Every test works on a copy of its own of the
 * demo installation (made once per run), so none depends on another. That {@code verify-audit}
 * passes on the intact demo chain is shown by {@link BackupCommandLineTest}, whose refused restore
 * leaves exactly that chain behind.
 */
// Mostly waits for JVMs of its own: runs beside the Spring tests (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.PROCESSES)
class CommandLineTest {

    @Test
    void demoDataFillsAnEmptyDatabaseAndPrintsSignIns() throws Exception {
        DemoInstallation demo = ExitworkProcess.demoInstallation();
        Run run = demo.demoData();
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("anna", "jonas", "lena", "dpo", "password");
        assertThat(Files.exists(demo.template().resolve("master-key.json"))).isTrue();
        assertThat(exitwork(demo.copy(), "demo-data").status()).isEqualTo(1);
    }

    @Test
    void rotateKeysRewrapsEveryClientKey() throws Exception {
        Path dataDir = ExitworkProcess.demoInstallation().copy();
        String before = Files.readString(dataDir.resolve("master-key.json"));
        Run run = exitwork(dataDir, "rotate-keys");
        assertThat(run.status()).as(run.output()).isZero();
        // Five clients (two at work, one closed, two prospects), the group and the two referrals have keys.
        assertThat(run.output()).contains("re-wrapped 8 client keys");
        assertThat(Files.readString(dataDir.resolve("master-key.json"))).isNotEqualTo(before);
    }

    @Test
    void eraseExpiredErasesNothingBeforeAnyPeriodHasPassed() throws Exception {
        Run run = exitwork(ExitworkProcess.demoInstallation().copy(), "erase-expired");
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("Erased 0 clients");
    }

    @Test
    void verifyAuditNamesTheFirstTamperedEntry() throws Exception {
        Path dataDir = ExitworkProcess.demoInstallation().copy();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("exitwork")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "exitwork", "");
                Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER aud_entry_append_only");
            s.execute("UPDATE aud_entry SET detail = 'rewritten history' WHERE seq = 4");
        }
        // Entry 4 lies before the demo's last checkpoint: the full run reads it again (the default run starts
        // from that checkpoint, whose signature vouches for it; see AuditMillionEntriesTest).
        Run run = exitwork(dataDir, "verify-audit", "--full");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.output()).contains("BROKEN at entry 4 (organisation ").contains("NOT_AUTHENTIC")
                .contains("every entry read");
    }

    /**
     * The earlier, unkeyed chain (SHA-256, no key) of an installation that never had one: someone with a database
     * login writes one of their own, "Mira looked at the client's identity", with its head. It was believed by
     * {@code verify-audit --full} ("intact") and shown in the client's report, because nothing sealed the earlier
     * chain before the first installation entry, and the first run then sealed it. The installation chain's seal
     * is now in place before an organisation's first entry is linked, and names an empty earlier chain.
     */
    @Test
    void anEarlierChainWrittenWithADatabaseLoginIsFound() throws Exception {
        Path dataDir = ExitworkProcess.demoInstallation().copy();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("exitwork")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "exitwork", "");
                Statement s = c.createStatement()) {
            java.util.UUID organisation;
            java.util.UUID mira;
            String pseudonym;
            try (java.sql.ResultSet rs = s.executeQuery("SELECT org_id, id FROM acc_staff WHERE username = 'mira'")) {
                rs.next();
                organisation = rs.getObject(1, java.util.UUID.class);
                mira = rs.getObject(2, java.util.UUID.class);
            }
            try (java.sql.ResultSet rs = s.executeQuery("SELECT MIN(pseudonym) FROM cas_client")) {
                rs.next();
                pseudonym = rs.getString(1);
            }
            java.time.Instant at = java.time.Instant.parse("2025-11-24T16:00:00Z");
            String hash = org.exitwork.audit.internal.ChainHash.of(new org.exitwork.audit.AuditEntry(1, at, organisation,
                    mira, "mira", "IDENTITY_READ", pseudonym, null), org.exitwork.audit.internal.ChainHash.GENESIS);
            s.execute("DROP TRIGGER aud_head_append_only");
            try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO aud_entry (seq, occurred_at, org_id,"
                    + " actor_id, actor_name, action, subject, detail, prev_hash, hash, chain) VALUES (1, ?, ?, ?, 'mira',"
                    + " 'IDENTITY_READ', ?, NULL, ?, ?, 'legacy')")) {
                insert.setObject(1, at.atOffset(java.time.ZoneOffset.UTC));
                insert.setObject(2, organisation);
                insert.setObject(3, mira);
                insert.setString(4, pseudonym);
                insert.setString(5, org.exitwork.audit.internal.ChainHash.GENESIS);
                insert.setString(6, hash);
                insert.executeUpdate();
            }
            s.execute("UPDATE aud_head SET last_seq = 1, last_hash = '" + hash + "' WHERE id = 1");
        }
        Run run = exitwork(dataDir, "verify-audit", "--full");
        assertThat(run.status()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("BROKEN at entry 1 (installation): SEAL_MISMATCH: the first entry of the"
                + " installation's chain does not seal the earlier chain as it now ends (entry 1)");
    }

    @Test
    void anUnknownCommandIsRefusedWithUsage() throws Exception {
        Run run = exitwork(Files.createTempDirectory("exitwork-cli-"), "erase-everything");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.output()).contains("Unknown command", "verify-audit");
    }

    /**
     * A data directory named on the command line (as {@code --exitwork.data-dir=}) is the one created for its owner
     * alone, before anything writes there. It was read from {@code EXITWORK_DATA_DIR} only: an empty directory of
     * that name was made, and the embedded database created the named one with the process's umask, the database
     * file (live session ids among its rows) readable by every local user.
     */
    @Test
    void aDataDirectoryNamedOnTheCommandLineIsCreatedForItsOwnerOnly() throws Exception {
        Path parent = Files.createTempDirectory("exitwork-cli-");
        Path fromEnvironment = parent.resolve("from-environment");
        Path named = parent.resolve("named");
        Run run = exitwork(fromEnvironment, "erase-everything", "--exitwork.data-dir=" + named);
        assertThat(run.status()).isEqualTo(2);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(named)))
                .isEqualTo("rwx------");
        assertThat(fromEnvironment).doesNotExist();
    }

    static Run exitwork(Path dataDir, String... args) throws Exception {
        return ExitworkProcess.run(dataDir, args);
    }
}
