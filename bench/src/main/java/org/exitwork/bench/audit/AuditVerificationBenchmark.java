package org.exitwork.bench.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Locale;

import javax.sql.DataSource;

import org.exitwork.audit.AuditCheckpoints;
import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.AuditVerifier.Extent;
import org.exitwork.audit.ChainVerification;
import org.exitwork.audit.internal.AuditBulkLoad;
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
            try (Connection connection = dataSource.getConnection()) {
                AuditBulkLoad.fill(connection, keyFile, entries);
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
