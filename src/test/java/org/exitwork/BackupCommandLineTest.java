package org.exitwork;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.exitwork.testing.Lanes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.testing.ExitworkProcess;
import org.exitwork.testing.ExitworkProcess.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backup} and {@code restore} exactly as an operator runs them: a separate JVM per command on
 * embedded H2 data directories, judged by exit status, output and the files left behind. One backup
 * of the demo installation is taken once per run; every test restores it into, or refuses it on,
 * data directories of its own, so none depends on another.
 */
// Mostly waits for JVMs of its own: runs beside the Spring tests (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.PROCESSES)
class BackupCommandLineTest {

    /** The backup of the demo installation, and the run that wrote it. */
    record Taken(Path source, Path file, Run run, String takenAt) {
    }

    private static Taken taken;

    static synchronized Taken backupOfTheDemoInstallation() throws Exception {
        if (taken == null) {
            Path source = ExitworkProcess.demoInstallation().copy();
            Path file = Files.createTempDirectory("exitwork-cli-backups-").resolve("exitwork-backup.zip");
            Run run = exitwork(source, "backup", file.toString());
            Matcher at = Pattern.compile(", taken (\\S+)\\.\n").matcher(run.output());
            taken = new Taken(source, file, run, at.find() ? at.group(1) : null);
        }
        return taken;
    }

    @Test
    void backupWritesAPrivateFileApartFromTheKeys() throws Exception {
        Path dataDir = ExitworkProcess.demoInstallation().copy();
        Run missing = exitwork(dataDir, "backup");
        assertThat(missing.status()).as(missing.output()).isEqualTo(2);
        assertThat(missing.output()).contains("Usage: java -jar exitwork.jar backup <file>");

        Run inside = exitwork(dataDir, "backup", dataDir.resolve("backup.zip").toString());
        assertThat(inside.status()).as(inside.output()).isEqualTo(1);
        assertThat(inside.output()).contains("Refusing to write the backup into " + dataDir);
        assertThat(dataDir.resolve("backup.zip")).doesNotExist();

        Taken backup = backupOfTheDemoInstallation();
        Run run = backup.run();
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("Backup written to " + backup.file()
                + ": \\d+ tables, \\d+ rows, schema version");
        assertThat(backup.takenAt()).as(run.output()).isNotNull();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.file()))).isEqualTo("rw-------");
        assertThat(backup.file().resolveSibling("exitwork-backup.zip.part")).doesNotExist();
    }

    @Test
    void restoreRefusesADatabaseInUse() throws Exception {
        Taken backup = backupOfTheDemoInstallation();
        Path dataDir = ExitworkProcess.demoInstallation().copy();
        Run run = exitwork(dataDir, "restore", backup.file().toString());
        assertThat(run.status()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("This database is not empty", "acc_organisation", "Nothing was changed.");
        // ...and the demo installation's audit chain, untouched, verifies (the key file outside the database).
        Run verify = exitwork(dataDir, "verify-audit");
        assertThat(verify.status()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("Audit log intact");
        assertThat(dataDir.resolve("audit-keys.json")).as("the audit keys, outside the database").exists();
    }

    @Test
    void restoreNeedsTheInstallationsJournalThenFillsANewDatabase() throws Exception {
        Taken backup = backupOfTheDemoInstallation();
        Path dataDir = backup.source();
        Path file = backup.file();
        String takenAt = backup.takenAt();
        Path restoredDir = Files.createTempDirectory("exitwork-cli-restored-");
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
