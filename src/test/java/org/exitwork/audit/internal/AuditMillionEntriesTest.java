package org.exitwork.audit.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.testing.ExitworkProcess;
import org.exitwork.testing.ExitworkProcess.Run;
import org.exitwork.testing.Lanes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify-audit --full} on a log of a million entries more than the demo's, in a JVM of its own
 * with a heap of 128 MB: the entries are read range by range, never held, so it passes and tells its
 * progress; the checkpoint it leaves behind is where the next run starts by default. The
 * million entries are one organisation's chain, tagged by the production code with the installation's
 * audit key and inserted in bulk ({@link AuditBulkLoad}, in a JVM of its own) into a copy of the demo
 * installation's H2 file.
 */
// Mostly waits for JVMs of its own: runs beside the Spring tests (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.PROCESSES)
class AuditMillionEntriesTest {

    private static final int MILLION = 1_000_000;
    /** The heap of the issue; and the optimising compiler, which a run of a million entries pays for (3x). */
    private static final List<String> SMALL_HEAP = List.of("-Xmx128m", "-XX:TieredStopAtLevel=4");
    /**
     * The load in a JVM of its own, with the optimising compiler: in the test JVM (the quick compiler alone) it
     * took 28 s of CPU, the largest class of the run.
     */
    private static final List<String> LOADER = List.of("-XX:TieredStopAtLevel=4");

    @Test
    void aMillionEntriesVerifyInASmallHeapAndLeaveACheckpointOfTheirHead() throws Exception {
        Path dataDir = ExitworkProcess.demoInstallation().copy();
        try {
            verifyAMillion(dataDir);
        } finally {
            // some 700 MB: not left behind in the temporary directory
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void verifyAMillion(Path dataDir) throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("exitwork") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        long demoEntries;
        try (Connection c = DriverManager.getConnection(url, "exitwork", "")) {
            demoEntries = count(c, "SELECT COUNT(*) FROM aud_entry");
        }
        assertThat(demoEntries).isPositive();
        Run load = ExitworkProcess.runMain(dataDir, LOADER, AuditBulkLoad.class, dataDir.resolve("exitwork").toString(),
                dataDir.resolve("audit-keys.json").toString(), Integer.toString(MILLION));
        assertThat(load.status()).as(load.output()).isZero();
        long chains;
        try (Connection c = DriverManager.getConnection(url, "exitwork", "")) {
            assertThat(count(c, "SELECT COUNT(*) FROM aud_entry")).isEqualTo(demoEntries + MILLION);
            chains = count(c, "SELECT COUNT(*) FROM aud_chain WHERE last_seq > 0");
        }

        Run full = ExitworkProcess.run(dataDir, SMALL_HEAP, "verify-audit", "--full");
        assertThat(full.status()).as(full.output()).isZero();
        assertThat(full.output()).contains("Audit log intact: " + (demoEntries + MILLION) + " entries verified")
                .contains("every entry read")
                .contains("verify-audit: " + (demoEntries + MILLION) + " entries checked in ");
        System.out.println("verify-audit --full, " + (demoEntries + MILLION) + " entries, -Xmx128m, child JVM: "
                + rate(full.output()));

        // That run's shutdown wrote a checkpoint of the head that moved since the demo's last one, the
        // million's, and of no other chain (a line names only the chains that moved, whatever their number):
        // the next run, by default, starts from it (VerificationExtentTest shows what such a run reads and finds).
        List<String> lines = java.nio.file.Files.readAllLines(dataDir.resolve("audit-checkpoints.log"));
        assertThat(chains).isGreaterThan(1);
        assertThat(lines.get(lines.size() - 1).split("chains=")[1].split(" ")[0].split(","))
                .singleElement().asString().matches("[0-9a-f-]{36}:" + MILLION + ":[0-9a-f]{64}");
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String rate(String output) {
        Matcher m = Pattern.compile("checked in [0-9.]+ s \\([0-9]+ entries/s\\)").matcher(output);
        return m.find() ? m.group() : "?";
    }
}
