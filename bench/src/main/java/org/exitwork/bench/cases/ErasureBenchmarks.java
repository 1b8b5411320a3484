package org.exitwork.bench.cases;

import java.time.LocalDate;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.exitwork.bench.BenchDatabase;
import org.exitwork.cases.Erasure;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Erasure in constant time (issue 19): the erasure a client asks for, {@code ClientErasure.eraseOnRequest}
 * (access check, row lock, the client's row and what hangs on it, the purge queue entry, the other modules'
 * listeners, key shredding, audit entry), for a client with 10 and with 1,000 notes, side by side on
 * PostgreSQL; and the purge that deletes the rest afterwards in the background ({@link Erasure#purgeErased}).
 * Run with {@code mvn -Pbench -o -q test-compile exec:exec -Dbench.main=org.exitwork.bench.cases.ErasureBenchmarks};
 * {@code -Dbench.jmh="-p database=h2"} runs it on the embedded H2 instead. See bench/README.md.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@BenchmarkMode(Mode.SingleShotTime)
@Warmup(iterations = 5)
@Measurement(iterations = 25)
public class ErasureBenchmarks {

    /** A fresh client for every erasure: taken on, notes written through CaseWork.writeNote, ended by their choice. */
    @State(Scope.Benchmark)
    public static class Candidate {
        @Param({"10", "1000"})
        int notes;
        @Param({BenchDatabase.POSTGRESQL})
        String database;
        BenchWorld world;
        Erasure erasure;
        UUID client;

        @Setup(Level.Trial)
        public void start() {
            world = BenchWorld.start(database);
            erasure = world.bean(Erasure.class);
        }

        @Setup(Level.Iteration)
        public void prepareClient() {
            // What earlier iterations left goes first, as the purge job would have done meanwhile.
            erasure.purgeErased();
            client = world.client();
            world.notes(client, notes, true);
            world.measured.endByClientsChoice(world.practitioner, client, LocalDate.now(world.clock), false);
            prepared();
        }

        /** What a state needs beyond the ended case. */
        void prepared() {
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            world.close();
        }
    }

    /** The same client, already erased: what the purge job has left to do for it. */
    @State(Scope.Benchmark)
    public static class Erased extends Candidate {
        @Override
        void prepared() {
            world.measured.eraseOnRequest(world.practitioner, client);
        }
    }

    /** The request: ClientErasure.eraseOnRequest, through the module's test-support API. */
    @Benchmark
    public void eraseClient(Candidate s) {
        s.world.measured.eraseOnRequest(s.world.practitioner, s.client);
    }

    /** The background part for one erased client: every batch until nothing of it is left. */
    @Benchmark
    public int purgeClient(Erased s) {
        return s.erasure.purgeErased();
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        String jmh = System.getProperty("bench.jmh", "").strip();
        String[] given = args.length > 0 || jmh.isEmpty() ? args : jmh.split("\\s+");
        ChainedOptionsBuilder options = new OptionsBuilder().parent(new CommandLineOptions(given))
                .include(ErasureBenchmarks.class.getName() + "\\.").shouldFailOnError(true);
        Collection<RunResult> results = new Runner(options.build()).run();
        String db = results.iterator().next().getParams().getParam("database");
        System.out.println();
        System.out.println("Exitwork erasure on " + db + " (ms per client, mean ± 99.9% error, and the median)");
        System.out.printf("%-44s %18s %18s %8s %8s %8s %8s%n", "", "10 notes", "1,000 notes", "ratio", "median",
                "median", "ratio");
        for (String[] row : new String[][] {{"eraseClient", "erasure request (eraseOnRequest)"},
                {"purgeClient", "purge afterwards, in the background"}}) {
            Result small = find(results, row[0], "10");
            Result large = find(results, row[0], "1000");
            double smallMedian = small.getStatistics().getPercentile(50);
            double largeMedian = large.getStatistics().getPercentile(50);
            System.out.printf("%-44s %18s %18s %7.2fx %8.3f %8.3f %7.2fx%n", row[1], format(small), format(large),
                    large.getScore() / small.getScore(), smallMedian, largeMedian, largeMedian / smallMedian);
        }
    }

    private static Result find(Collection<RunResult> results, String method, String notes) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .filter(r -> notes.equals(r.getParams().getParam("notes"))).findFirst()
                .map(RunResult::getPrimaryResult)
                .orElseThrow(() -> new IllegalStateException("no result for " + method + " notes=" + notes));
    }

    private static String format(Result r) {
        return Double.isNaN(r.getScoreError()) ? String.format("%.3f", r.getScore())
                : String.format("%.3f ± %.3f", r.getScore(), r.getScoreError());
    }
}
