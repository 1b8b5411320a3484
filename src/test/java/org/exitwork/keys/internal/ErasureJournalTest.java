package org.exitwork.keys.internal;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.exitwork.testing.Lanes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.exitwork.keys.ErasureJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The erasure journal (R20): names nothing but ids and times, writes before the commit and marks a
 * rollback, and keeps whole lines when several processes (nodes) and threads append at once.
 */
// Mostly waits for JVMs of its own: runs beside the Spring tests (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.PROCESSES)
class ErasureJournalTest {

    @TempDir
    Path dir;

    @Test
    void aNewJournalNamesItsInstallationAndIsTheOwnersAlone() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        Path file = dir.resolve("erasure-journal");
        ErasureJournalFile journal = new ErasureJournalFile(file, clock);
        UUID id = UUID.randomUUID();
        journal.recordErasure(id);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("# exitwork erasure journal 1 installation=[0-9a-f-]{36} "
                + "started=2026-12-01T10:00:00Z");
        assertThat(lines.get(1)).isEqualTo("2026-12-01T10:00:00Z erased " + id);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        // A second node (or a restart) on the same file keeps its installation and start.
        ErasureJournal.Contents again = new ErasureJournalFile(file, Clock.systemUTC()).read();
        assertThat(again.installation()).isEqualTo(journal.read().installation());
        assertThat(again.started()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(again.erasures()).containsExactly(new ErasureJournal.Entry(Instant.parse("2026-12-01T10:00:00Z"), id));
    }

    @Test
    void inATransactionTheLineIsWrittenBeforeTheCommitAndARollbackIsMarked() throws Exception {
        Path file = dir.resolve("erasure-journal");
        ErasureJournalFile journal = new ErasureJournalFile(file, Clock.systemUTC());
        UUID committed = UUID.randomUUID();
        UUID rolledBack = UUID.randomUUID();

        transaction(journal, committed, TransactionSynchronization.STATUS_COMMITTED);
        long before = Files.readAllLines(file).size();
        transaction(journal, rolledBack, TransactionSynchronization.STATUS_ROLLED_BACK);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.subList((int) before, lines.size())).hasSize(2)
                .satisfiesExactly(l -> assertThat(l).endsWith(" erased " + rolledBack),
                        l -> assertThat(l).endsWith(" rolled-back " + rolledBack));
        assertThat(journal.read().erasedSince(Instant.EPOCH)).containsExactly(committed);
        // A line torn by a crash (never forced, so its transaction never committed) is skipped, and the
        // next line starts on a line of its own.
        Files.writeString(file, "2026-12-01T10:00:00Z era", java.nio.file.StandardOpenOption.APPEND);
        UUID after = UUID.randomUUID();
        journal.recordErasure(after);
        assertThat(journal.read().erasedSince(Instant.EPOCH)).containsExactly(committed, after);
    }

    /** Registers the erasure in a simulated transaction and runs its end the way Spring does. */
    private static void transaction(ErasureJournalFile journal, UUID id, int outcome) {
        TransactionSynchronizationManager.initSynchronization();
        try {
            journal.recordErasure(id);
            List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
            assertThat(journal.read().erasedSince(Instant.EPOCH)).as("nothing before the commit").doesNotContain(id);
            TransactionSynchronizationUtils.triggerBeforeCommit(false);
            assertThat(journal.read().erasures()).as("written before the commit")
                    .anySatisfy(e -> assertThat(e.id()).isEqualTo(id));
            TransactionSynchronizationManager.clearSynchronization();
            TransactionSynchronizationUtils.invokeAfterCompletion(synchronizations, outcome);
        } finally {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.clearSynchronization();
            }
        }
    }

    @Test
    void severalProcessesAndThreadsAppendWholeLines() throws Exception {
        Path file = dir.resolve("shared-journal");
        int perWriter = 150;
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), JournalWriter.class.getName(), file.toString(),
                    Integer.toString(perWriter)).inheritIO().start());
        }
        ExecutorService threads = Executors.newFixedThreadPool(3);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            done.add(threads.submit(() -> JournalWriter.write(file, perWriter)));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        for (Process p : processes) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.stream().filter(l -> l.startsWith("#"))).hasSize(1);
        assertThat(lines).hasSize(1 + 5 * perWriter);
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l)
                .matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z erased [0-9a-f-]{36}"));
        assertThat(new ErasureJournalFile(file, Clock.systemUTC()).read().erasures()).hasSize(5 * perWriter);
    }

    /** Another node: appends erasures to the shared journal. */
    public static final class JournalWriter {
        public static void main(String[] args) {
            write(Path.of(args[0]), Integer.parseInt(args[1]));
        }

        static void write(Path file, int count) {
            ErasureJournalFile journal = new ErasureJournalFile(file, Clock.systemUTC());
            for (int i = 0; i < count; i++) {
                journal.recordErasure(UUID.randomUUID());
            }
        }
    }
}
