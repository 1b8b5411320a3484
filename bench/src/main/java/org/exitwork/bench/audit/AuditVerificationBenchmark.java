package org.exitwork.bench.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.exitwork.audit.AuditCheckpoints;
import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.AuditVerifier.Extent;
import org.exitwork.audit.ChainVerification;
import org.exitwork.audit.internal.AuditBulkLoad;
import org.exitwork.audit.internal.AuditVerificationParts;
import org.exitwork.audit.internal.EntryBatch;
import org.exitwork.bench.BenchApplication;
import org.exitwork.bench.BenchDatabase;
import org.springframework.boot.WebApplicationType;

/**
 * How fast the audit log verifies (issue 19): one organisation's chain of {@code -Dbench.entries}
 * entries (default 1,000,000, {@code entries=}), tagged with the installation's audit key and bulk-inserted
 * ({@code AuditBulkLoad}), then {@code AuditVerifier.verify} in full three times (the first warms the
 * JIT and the database's cache; the best and the last are printed) and once from the checkpoint written
 * after them, on H2 (default) or PostgreSQL. Run with
 * {@code mvn -Pbench -o -q test-compile exec:exec -Dbench.main=org.exitwork.bench.audit.AuditVerificationBenchmark
 * -Dbench.jmh="database=postgresql entries=1000000"}; see bench/README.md.
 */
public final class AuditVerificationBenchmark {

    private AuditVerificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // exec:exec hands over only -Dbench.jmh: "database=postgresql entries=1000000", as JMH's -p would be
        String given = String.join(" ", args) + " " + System.getProperty("bench.jmh", "");
        String kind = option(given, "database", System.getProperty("bench.database", BenchDatabase.H2));
        long entries = Long.parseLong(option(given, "entries", System.getProperty("bench.entries", "1000000")));
        try (BenchDatabase db = BenchDatabase.of(kind, "bench_audit_");
                BenchApplication app = BenchApplication.start("exitwork-audit-verify-bench-", WebApplicationType.NONE,
                        concat(db.settings(), "--exitwork.audit.checkpoint-log=false",
                                "--exitwork.audit.checkpoint-every-entries=0"))) {
            DataSource dataSource = app.context().getBean(DataSource.class);
            Path keyFile = Path.of(app.context().getEnvironment().getRequiredProperty("exitwork.audit.key-file"));
            long started = System.nanoTime();
            String chain;
            try (Connection connection = dataSource.getConnection()) {
                chain = AuditBulkLoad.fill(connection, keyFile, entries).toString();
            }
            System.out.printf(Locale.ROOT, "%s: %,d entries loaded in %.1f s%n", kind, entries, seconds(started));
            AuditVerifier verifier = app.context().getBean(AuditVerifier.class);
            double best = 0;
            for (int run = 1; run <= 3; run++) {
                long t = System.nanoTime();
                ChainVerification result = verifier.verify(Extent.FULL, n -> { });
                double s = seconds(t);
                double rate = result.entriesChecked() / s;
                best = Math.max(best, rate);
                System.out.printf(Locale.ROOT, "%s: full run %d: %,d entries in %.2f s = %,.0f entries/s%s%n", kind, run,
                        result.entriesChecked(), s, rate, result.intact() ? "" : " NOT INTACT: " + result.problem());
            }
            app.context().getBean(AuditCheckpoints.class).checkpoint();
            long t = System.nanoTime();
            ChainVerification since = verifier.verify(Extent.FROM_CHECKPOINT, n -> { });
            System.out.printf(Locale.ROOT, "%s: from checkpoint %d: %,d entries in %.3f s%n", kind, since.fromCheckpoint(),
                    since.entriesChecked(), seconds(t));
            System.out.printf(Locale.ROOT, "%s: best full run %,.0f entries/s (%d processors)%n", kind, best,
                    Runtime.getRuntime().availableProcessors());
            parts(kind, app, keyFile, chain, entries);
        }
    }

    /**
     * The verification's two halves alone (reading, then hashing), each timed and with the processor time the
     * whole machine spent on it (the database server's included): their sum per million entries is the least
     * processor time a full run can take, whatever is overlapped.
     */
    private static void parts(String kind, BenchApplication app, Path keyFile, String chain, long entries)
            throws Exception {
        int processors = Runtime.getRuntime().availableProcessors();
        double readRate = 0;
        double readCpu = Double.MAX_VALUE;
        for (int run = 1; run <= 3; run++) {
            MachineTime before = MachineTime.now();
            long read = AuditVerificationParts.readOnly(app.context(), chain);
            MachineTime used = MachineTime.now().minus(before);
            readRate = Math.max(readRate, read / used.wall());
            readCpu = Math.min(readCpu, used.busy() / read * 1e6);
            System.out.printf(Locale.ROOT, "%s: reading alone %d: %,d entries in %.2f s = %,.0f entries/s, %s%n", kind,
                    run, read, used.wall(), read / used.wall(), used.busyPerMillion(read));
        }
        int ranges = (int) Math.min(16, entries / EntryBatch.ROWS);
        List<EntryBatch> batches = AuditVerificationParts.ranges(app.context(), chain, ranges);
        long perRound = (long) ranges * EntryBatch.ROWS;
        int rounds = (int) Math.max(1, entries / perRound);
        double hashRate = 0;
        double hashCpu = Double.MAX_VALUE;
        for (int run = 1; run <= 3; run++) {
            MachineTime before = MachineTime.now();
            long hashed = AuditVerificationParts.hashOnly(keyFile, chain, batches, rounds, processors);
            MachineTime used = MachineTime.now().minus(before);
            hashRate = Math.max(hashRate, hashed / used.wall());
            hashCpu = Math.min(hashCpu, used.busy() / hashed * 1e6);
            System.out.printf(Locale.ROOT, "%s: hashing alone %d (%d threads): %,d entries in %.2f s = %,.0f entries/s, %s%n",
                    kind, run, processors, hashed, used.wall(), hashed / used.wall(), used.busyPerMillion(hashed));
        }
        System.out.printf(Locale.ROOT, "%s: best reading alone %,.0f entries/s, best hashing alone %,.0f entries/s%n", kind,
                readRate, hashRate);
        if (MachineTime.available()) {
            double sum = readCpu + hashCpu;
            System.out.printf(Locale.ROOT,
                    "%s: least processor time per million entries: reading %.2f s + hashing %.2f s = %.2f s;"
                            + " on %d processors a full run cannot exceed %,.0f entries/s%n",
                    kind, readCpu, hashCpu, sum, processors, Math.min(readRate, processors / sum * 1e6));
        }
    }

    /** Wall time and the processor time the whole machine was busy (Linux's {@code /proc/stat}, every process). */
    private record MachineTime(long nanos, double busySeconds) {

        private static final Path STAT = Path.of("/proc/stat");

        static boolean available() {
            return java.nio.file.Files.isReadable(STAT);
        }

        static MachineTime now() throws java.io.IOException {
            return new MachineTime(System.nanoTime(), available() ? machineBusySeconds() : Double.NaN);
        }

        /** The first line's user, nice, system, irq, softirq and steal ticks (not idle, not iowait), in seconds. */
        private static double machineBusySeconds() throws java.io.IOException {
            String[] f = java.nio.file.Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long ticks = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            return ticks / 100.0; // USER_HZ, 100 on Linux
        }

        MachineTime minus(MachineTime earlier) {
            return new MachineTime(nanos - earlier.nanos, busySeconds - earlier.busySeconds);
        }

        double wall() {
            return nanos / 1e9;
        }

        double busy() {
            return busySeconds;
        }

        String busyPerMillion(long entries) {
            return available() ? String.format(Locale.ROOT, "machine busy %.2f processor-s (%.2f per million)",
                    busySeconds, busySeconds / entries * 1e6) : "machine time not known (no /proc/stat)";
        }
    }

    private static String option(String given, String name, String otherwise) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b" + name + "=(\\w+)").matcher(given);
        return m.find() ? m.group(1) : otherwise;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
