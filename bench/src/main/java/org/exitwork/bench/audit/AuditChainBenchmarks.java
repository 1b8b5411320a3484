package org.exitwork.bench.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.Role;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.bench.BenchApplication;
import org.exitwork.bench.BenchDatabase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the audit costs a page (issues 11 and 19): an audited page read (one query, one audit entry,
 * one transaction) by 16 concurrent users, with the real {@code AuditLog} (HMAC, a chain per
 * organisation, entries waiting in aud_pending and linked by the chain writer after the commit),
 * against the same read unaudited, and against the single global SHA-256 chain before issue 11 (one
 * head row every append locks until its commit), side by side in one run, on H2 and PostgreSQL. Run with
 * {@code mvn -Pbench -q test-compile exec:exec -Dbench.main=org.exitwork.bench.audit.AuditChainBenchmarks};
 * see bench/README.md.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(16)
public class AuditChainBenchmarks {

    static final int ORGANISATIONS = 4;
    /** The name the earlier chain's entries carry in {@code aud_entry.chain}. */
    private static final String EARLIER_CHAIN = "legacy";

    @State(Scope.Benchmark)
    public static class Installation {
        @Param({BenchDatabase.H2, BenchDatabase.POSTGRESQL})
        public String database;

        BenchDatabase db;
        BenchApplication app;
        AuditLog log;
        JdbcClient jdbc;
        TransactionTemplate tx;
        final List<UUID> organisations = new ArrayList<>();
        final List<UUID> readers = new ArrayList<>();
        final AtomicInteger nextUser = new AtomicInteger();

        @Setup(Level.Trial)
        public void setUp() {
            db = BenchDatabase.of(database, "exitwork_audit_bench_");
            List<String> settings = new ArrayList<>(List.of(db.settings()));
            settings.add("--exitwork.audit.checkpoint-log=false");
            app = BenchApplication.start("exitwork-audit-bench-", WebApplicationType.NONE, settings.toArray(String[]::new));
            log = app.context().getBean(AuditLog.class);
            jdbc = app.context().getBean(JdbcClient.class);
            tx = new TransactionTemplate(app.context().getBean(PlatformTransactionManager.class));
            AccountAdministration accounts = app.context().getBean(AccountAdministration.class);
            for (int i = 0; i < ORGANISATIONS; i++) {
                UUID org = accounts.createOrganisation("Bench " + i + " e.V.", "bench-admin-" + i, "Admin").member()
                        .organisationId();
                organisations.add(org);
                readers.add(accounts.createStaff(org, "bench-prac-" + i, "Practitioner", Role.PRACTITIONER, false)
                        .member().id());
            }
            // Today's chain appended the way it was before the keyed chains: its head is sealed now,
            // so the bench's own database lets it move again.
            jdbc.sql("DROP TRIGGER IF EXISTS aud_head_append_only"
                    + (database.equals(BenchDatabase.POSTGRESQL) ? " ON aud_head" : "")).update();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            app.close();
            db.close();
        }
    }

    /** One simulated user: a member of one of the organisations (users spread evenly over them). */
    @State(Scope.Thread)
    public static class User {
        int index;

        @Setup(Level.Trial)
        public void setUp(Installation installation) {
            index = installation.nextUser.getAndIncrement();
        }
    }

    /** The read a page does before it is audited: the reader's own staff row. */
    private static String read(Installation s, UUID staff) {
        return s.jdbc.sql("SELECT display_name FROM acc_staff WHERE id = ?").param(staff).query(String.class).single();
    }

    /** The same page read by 16 users of one organisation, in its own transaction, with no audit entry. */
    @Benchmark
    public String unaudited(Installation s, User u) {
        return s.tx.execute(status -> read(s, s.readers.get(0)));
    }

    /** 16 users in 4 organisations, each append on its own organisation's keyed chain (the real AuditLog). */
    @Benchmark
    public String keyedChainsFourOrganisations(Installation s, User u) {
        int o = u.index % ORGANISATIONS;
        return s.tx.execute(status -> {
            String name = read(s, s.readers.get(o));
            s.log.record(new AuditEvent(s.organisations.get(o), s.readers.get(o), "bench", "CASE_READ", "Kaveli Tomura", null));
            return name;
        });
    }

    /** 16 users all in one organisation: one keyed chain, the worst case for the keyed scheme. */
    @Benchmark
    public String keyedChainOneOrganisation(Installation s, User u) {
        return s.tx.execute(status -> {
            String name = read(s, s.readers.get(0));
            s.log.record(new AuditEvent(s.organisations.get(0), s.readers.get(0), "bench", "CASE_READ", "Kaveli Tomura", null));
            return name;
        });
    }

    /** 16 users in 4 organisations, every append on one global SHA-256 chain, as before issue 11. */
    @Benchmark
    public String todaysGlobalChain(Installation s, User u) {
        int o = u.index % ORGANISATIONS;
        return s.tx.execute(status -> {
            String name = read(s, s.readers.get(o));
            appendGlobal(s, new AuditEvent(s.organisations.get(o), s.readers.get(o), "bench", "CASE_READ", "Kaveli Tomura", null));
            return name;
        });
    }

    /** The earlier chain's end: the last sequence number and hash. */
    private record Head(long seq, String hash) {
    }

    /**
     * The append as JdbcAuditLog did it before the keyed chains: lock the one head, SHA-256, insert, move
     * the head. Written out here (the columns, the earlier chain's name, the hash) rather than borrowed
     * from the audit module's internals, which no longer take this path.
     */
    private static void appendGlobal(Installation s, AuditEvent event) {
        Head head = s.jdbc.sql("SELECT last_seq, last_hash FROM aud_head WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .single();
        AuditEntry entry = new AuditEntry(head.seq() + 1, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                event.organisationId(), event.actorId(), event.actorName(), event.action(), event.subject(), event.detail());
        String hash = earlierChainHash(entry, head.hash());
        s.jdbc.sql("INSERT INTO aud_entry (seq, occurred_at, org_id, actor_id, actor_name, action, subject, detail, "
                + "chain, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(entry.seq(), Timestamp.from(entry.occurredAt()), entry.organisationId(), entry.actorId(),
                        entry.actorName(), entry.action(), entry.subject(), entry.detail(), EARLIER_CHAIN,
                        head.hash(), hash)
                .update();
        s.jdbc.sql("UPDATE aud_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(entry.seq(), hash).update();
    }

    /** The earlier chain's hash: SHA-256 over the length-prefixed fields and the previous hash (as ChainHash). */
    public static String earlierChainHash(AuditEntry entry, String previousHash) {
        StringBuilder canonical = new StringBuilder();
        field(canonical, Long.toString(entry.seq()));
        field(canonical, Long.toString(entry.occurredAt().toEpochMilli()));
        field(canonical, entry.organisationId() == null ? null : entry.organisationId().toString());
        field(canonical, entry.actorId() == null ? null : entry.actorId().toString());
        field(canonical, entry.actorName());
        field(canonical, entry.action());
        field(canonical, entry.subject());
        field(canonical, entry.detail());
        field(canonical, previousHash);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void field(StringBuilder out, String value) {
        out.append(value == null ? "-1:" : value.length() + ":" + value).append('|');
    }

    // --- the run ---

    /**
     * JMH command-line options, as arguments or in the system property {@code bench.jmh} (e.g.
     * {@code -f 1 -wi 1 -i 1 -w 1 -r 1} for a quick try), override the annotations.
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        String jmh = System.getProperty("bench.jmh", "").strip();
        String[] given = args.length > 0 || jmh.isEmpty() ? args : jmh.split("\\s+");
        ChainedOptionsBuilder options = new OptionsBuilder().parent(new CommandLineOptions(given))
                .include(AuditChainBenchmarks.class.getName() + "\\.")
                .shouldFailOnError(true);
        Collection<RunResult> results = new Runner(options.build()).run();

        for (String database : List.of(BenchDatabase.H2, BenchDatabase.POSTGRESQL)) {
            if (results.stream().noneMatch(r -> database.equals(r.getParams().getParam("database")))) {
                continue;
            }
            Result bare = find(results, "unaudited", database);
            Result today = find(results, "todaysGlobalChain", database);
            Result four = find(results, "keyedChainsFourOrganisations", database);
            Result one = find(results, "keyedChainOneOrganisation", database);
            System.out.println();
            System.out.println("Exitwork audited page reads on " + database
                    + ", 16 concurrent users (µs per read, mean ± 99.9% error)");
            System.out.printf("%-58s %18s %18s %8s%n", "", "A", "B", "A / B");
            row("keyed chain, 1 organisation / unaudited", one, bare);
            row("keyed chains, 4 organisations / unaudited", four, bare);
            row("keyed chains, 4 organisations / global chain (before 11)", four, today);
            row("keyed chain, 1 organisation / global chain (before 11)", one, today);
            System.out.printf("throughput audited / unaudited, 1 organisation: %.2fx%n", bare.getScore() / one.getScore());
        }
    }

    private static Result find(Collection<RunResult> results, String method, String database) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .filter(r -> database.equals(r.getParams().getParam("database")))
                .findFirst().map(RunResult::getPrimaryResult)
                .orElseThrow(() -> new IllegalStateException("no result for " + method + " on " + database));
    }

    private static void row(String label, Result a, Result b) {
        System.out.printf("%-58s %18s %18s %7.2fx%n", label, format(a), format(b), a.getScore() / b.getScore());
    }

    /** A JMH score with its error, as the audit benchmarks print them. */
    static String format(Result r) {
        return Double.isNaN(r.getScoreError())
                ? String.format("%.1f", r.getScore())
                : String.format("%.1f ± %.1f", r.getScore(), r.getScoreError());
    }
}
