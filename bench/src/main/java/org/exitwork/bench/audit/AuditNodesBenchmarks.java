package org.exitwork.bench.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.Role;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.ChainVerification;
import org.exitwork.bench.BenchApplication;
import org.exitwork.bench.BenchDatabase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
 * Audited appends from two nodes of one installation (issue 19: "appends scale with nodes"): two
 * application contexts on one PostgreSQL schema, sharing the master key and the audit keys as the nodes of
 * an installation do, each with its own connection pool and chain writer. 16 users append to the same
 * organisation's chain (the worst case: one chain, one head) through one node, or half of them through each
 * node; side by side in one run. After each trial the chain is verified in full: entries from both nodes
 * must form one intact chain. PostgreSQL only: the embedded database has one node. Run with
 * {@code mvn -Pbench -q test-compile exec:exec -Dbench.main=org.exitwork.bench.audit.AuditNodesBenchmarks};
 * see bench/README.md.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(16)
public class AuditNodesBenchmarks {

    /** One node: its application context's audit log, database access and transactions. */
    record Node(AuditLog log, JdbcClient jdbc, TransactionTemplate tx) {

        static Node of(BenchApplication app) {
            return new Node(app.context().getBean(AuditLog.class), app.context().getBean(JdbcClient.class),
                    new TransactionTemplate(app.context().getBean(PlatformTransactionManager.class)));
        }
    }

    @State(Scope.Benchmark)
    public static class Installation {

        BenchDatabase db;
        final List<Path> dataDirs = new ArrayList<>();
        final List<BenchApplication> apps = new ArrayList<>();
        final List<Node> nodes = new ArrayList<>();
        UUID organisation;
        UUID reader;
        final AtomicInteger nextUser = new AtomicInteger();

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            db = BenchDatabase.of(BenchDatabase.POSTGRESQL, "exitwork_audit_nodes_");
            List<String> settings = new ArrayList<>(List.of(db.settings()));
            settings.add("--exitwork.audit.checkpoint-log=false");
            // The nodes of an installation share one checkpoint file (README): with a file each, both number
            // their checkpoints in aud_checkpoint and each file lacks the other's lines.
            Path shared = Files.createTempDirectory("exitwork-audit-nodes-shared-");
            dataDirs.add(shared);
            settings.add("--exitwork.audit.checkpoint-file=" + shared.resolve("audit-checkpoints.log").toAbsolutePath());
            String[] arguments = settings.toArray(String[]::new);
            Path first = Files.createTempDirectory("exitwork-audit-node-1-");
            dataDirs.add(first);
            apps.add(BenchApplication.startKept(first, WebApplicationType.NONE, arguments));
            // The second node gets the first one's keys, as an operator hands every node the same key files.
            Path second = Files.createTempDirectory("exitwork-audit-node-2-");
            dataDirs.add(second);
            for (String keyFile : List.of("master-key.json", "audit-keys.json")) {
                Files.copy(first.resolve(keyFile), second.resolve(keyFile));
            }
            apps.add(BenchApplication.startKept(second, WebApplicationType.NONE, arguments));
            apps.forEach(app -> nodes.add(Node.of(app)));
            AccountAdministration accounts = apps.get(0).context().getBean(AccountAdministration.class);
            organisation = accounts.createOrganisation("Bench e.V.", "bench-admin", "Admin").member().organisationId();
            reader = accounts.createStaff(organisation, "bench-prac", "Practitioner", Role.PRACTITIONER, false)
                    .member().id();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                ChainVerification verification = apps.get(0).context().getBean(AuditVerifier.class)
                        .verify(AuditVerifier.Extent.FULL, checked -> { });
                if (!verification.intact()) {
                    throw new IllegalStateException("the chain written from two nodes does not verify: "
                            + verification.findings());
                }
                System.out.printf("%n%,d entries written from %d node(s) verify as one intact chain%n",
                        verification.entriesChecked(), nodes.size());
            } finally {
                apps.forEach(BenchApplication::close);
                dataDirs.forEach(BenchApplication::delete);
                db.close();
            }
        }
    }

    /** One simulated user; users alternate between the nodes where a benchmark uses both. */
    @State(Scope.Thread)
    public static class User {
        int index;

        @Setup(Level.Trial)
        public void setUp(Installation installation) {
            index = installation.nextUser.getAndIncrement();
        }
    }

    /** An audited page read on the node: the reader's own row and one entry, in one transaction. */
    private static String read(Installation s, Node node) {
        return node.tx().execute(status -> {
            String name = node.jdbc().sql("SELECT display_name FROM acc_staff WHERE id = ?").param(s.reader)
                    .query(String.class).single();
            node.log().record(new AuditEvent(s.organisation, s.reader, "bench", "CASE_READ", "Kaveli Tomura", null));
            return name;
        });
    }

    /** 16 users of one organisation, all through the first node. */
    @Benchmark
    public String oneNode(Installation s, User u) {
        return read(s, s.nodes.get(0));
    }

    /** The same 16 users, half of them through each node, on the same organisation's chain. */
    @Benchmark
    public String twoNodes(Installation s, User u) {
        return read(s, s.nodes.get(u.index % 2));
    }

    // --- the run ---

    /** JMH command-line options, as arguments or in {@code bench.jmh}, override the annotations. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        String jmh = System.getProperty("bench.jmh", "").strip();
        String[] given = args.length > 0 || jmh.isEmpty() ? args : jmh.split("\\s+");
        ChainedOptionsBuilder options = new OptionsBuilder().parent(new CommandLineOptions(given))
                .include(AuditNodesBenchmarks.class.getName() + "\\.")
                .shouldFailOnError(true);
        Collection<RunResult> results = new Runner(options.build()).run();
        Result one = find(results, "oneNode");
        Result two = find(results, "twoNodes");
        System.out.println();
        System.out.println("Exitwork audited page reads on postgresql, 16 users of one organisation (µs per read, mean ± 99.9% error)");
        System.out.printf("one node  %s%ntwo nodes %s%ntwo nodes / one node: %.2fx%n", AuditChainBenchmarks.format(one), AuditChainBenchmarks.format(two),
                two.getScore() / one.getScore());
    }

    private static Result find(Collection<RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method)).findFirst()
                .map(RunResult::getPrimaryResult)
                .orElseThrow(() -> new IllegalStateException("no result for " + method));
    }
}
