package org.exitwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.exitwork.testing.ExitworkProcess;
import org.exitwork.testing.ExitworkProcess.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backup} and {@code restore} exactly as an operator runs them: a separate JVM per command on
 * embedded H2 data directories, judged by exit status, output and the files left behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupCommandLineTest {

    static Path dataDir;
    static Path backups;
    static Path restoredDir;
    static String takenAt;

    @BeforeAll
    static void directories() throws IOException {
        dataDir = Files.createTempDirectory("exitwork-cli-data-");
        backups = Files.createTempDirectory("exitwork-cli-backups-");
        restoredDir = Files.createTempDirectory("exitwork-cli-restored-");
    }

    @Test
    @Order(1)
    void backupWritesAPrivateFileApartFromTheKeys() throws Exception {
        assertThat(exitwork(dataDir, "demo-data").status()).isZero();

        Run missing = exitwork(dataDir, "backup");
        assertThat(missing.status()).as(missing.output()).isEqualTo(2);
        assertThat(missing.output()).contains("Usage: java -jar exitwork.jar backup <file>");

        Run inside = exitwork(dataDir, "backup", dataDir.resolve("backup.zip").toString());
        assertThat(inside.status()).as(inside.output()).isEqualTo(1);
        assertThat(inside.output()).contains("Refusing to write the backup into " + dataDir);
        assertThat(dataDir.resolve("backup.zip")).doesNotExist();

        Path file = backups.resolve("exitwork-backup.zip");
        Run run = exitwork(dataDir, "backup", file.toString());
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("Backup written to " + file + ": \\d+ tables, \\d+ rows, schema version");
        java.util.regex.Matcher taken = java.util.regex.Pattern.compile(", taken (\\S+)\\.\n").matcher(run.output());
        assertThat(taken.find()).as(run.output()).isTrue();
        takenAt = taken.group(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(backups.resolve("exitwork-backup.zip.part")).doesNotExist();
    }

    @Test
    @Order(2)
    void restoreRefusesADatabaseInUse() throws Exception {
        Run run = exitwork(dataDir, "restore", backups.resolve("exitwork-backup.zip").toString());
        assertThat(run.status()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("This database is not empty", "acc_organisation", "Nothing was changed.");
        assertThat(exitwork(dataDir, "verify-audit").status()).isZero();
    }

    @Test
    @Order(3)
    void restoreNeedsTheInstallationsJournalThenFillsANewDatabase() throws Exception {
        Path file = backups.resolve("exitwork-backup.zip");
        Run withoutJournal = exitwork(restoredDir, "restore", file.toString());
        assertThat(withoutJournal.status()).as(withoutJournal.output()).isEqualTo(1);
        assertThat(withoutJournal.output()).contains("but the erasure journal here belongs to installation",
                "Nothing was changed.");

        // What the README says to keep apart from the backups, one after the other: the master key and the
        // journal are not enough, the audit keys are not enough, and each refusal changes nothing.
        Files.copy(dataDir.resolve("master-key.json"), restoredDir.resolve("master-key.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dataDir.resolve("erasure-journal"), restoredDir.resolve("erasure-journal"),
                StandardCopyOption.REPLACE_EXISTING);
        Run withoutAuditKeys = exitwork(restoredDir, "restore", file.toString());
        assertThat(withoutAuditKeys.status()).as(withoutAuditKeys.output()).isEqualTo(1);
        assertThat(withoutAuditKeys.output()).contains("does not verify with the audit key here ("
                + restoredDir.resolve("audit-keys.json").toAbsolutePath(), "copy this installation's audit-keys.json",
                "Nothing was changed.");
        Files.copy(dataDir.resolve("audit-keys.json"), restoredDir.resolve("audit-keys.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Run withoutCheckpoints = exitwork(restoredDir, "restore", file.toString());
        assertThat(withoutCheckpoints.status()).as(withoutCheckpoints.output()).isEqualTo(1);
        assertThat(withoutCheckpoints.output()).contains("but the checkpoint file here (",
                "copy this installation's newest audit-checkpoints.log", "Nothing was changed.");
        Files.copy(dataDir.resolve("audit-checkpoints.log"), restoredDir.resolve("audit-checkpoints.log"),
                StandardCopyOption.REPLACE_EXISTING);
        long checkpointsBefore = Files.readAllLines(restoredDir.resolve("audit-checkpoints.log")).size();

        Run run = exitwork(restoredDir, "restore", file.toString());
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("Restored .*exitwork-backup.zip \\(taken .*\\): \\d+ tables, \\d+ rows")
                .contains("Erased again 0 clients and referrals")
                .contains("Restore recorded as signed audit checkpoint " + (checkpointsBefore + 1) + ":");
        assertThat(Files.readAllLines(restoredDir.resolve("audit-checkpoints.log")).get((int) checkpointsBefore))
                .startsWith("exitwork-audit-restore/1 no=" + (checkpointsBefore + 1) + " ")
                .contains(" backup=" + takenAt + " chains=");

        Run verify = exitwork(restoredDir, "verify-audit");
        assertThat(verify.status()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("Audit log intact");
        assertThat(verify.output().lines().filter(l -> l.contains("RESTORED")).toList()).singleElement().asString()
                .matches("  RESTORED: checkpoint " + (checkpointsBefore + 1) + " records the restore of the backup taken "
                        + java.util.regex.Pattern.quote(takenAt) + " \\(restored \\S+\\); no earlier checkpoint saw further");
        Run again = exitwork(restoredDir, "restore", file.toString());
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.output()).contains("This database is not empty");
    }

    static Run exitwork(Path dir, String... args) throws Exception {
        return ExitworkProcess.run(dir, args);
    }
}
