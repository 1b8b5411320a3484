package org.exitwork.bench.referrals;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * R7: the answer to a partner's call must not reveal the person's state, not even by its timing.
 * The request path only authenticates, validates, appends to the inbox and answers 202; matching
 * happens afterwards. This measures the latency distribution (JMH sample time) of real signed HTTP
 * calls for a partner reference that is unknown (never sent), current (a client) and erased, for
 * both operations: information about a referral, and the same referral sent again. Run with
 * {@code mvn -Pbench -q test-compile exec:exec -Dbench.main=org.exitwork.bench.referrals.ReferralLatencyBenchmarks};
 * see bench/README.md.
 *
 * <p>Each fork runs one benchmark and sets up all three states the same way, so every state sees
 * the same database. Public because JMH's generated code lives in a sub-package.
 */
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g"})
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class ReferralLatencyBenchmarks {

    @State(Scope.Benchmark)
    public static class World {
        ReferralWorld world;

        @Setup(Level.Trial)
        public void setUp() {
            world = ReferralWorld.start();
        }

        /**
         * The inbox (and the nonces) emptied after every iteration. Deleted rather than matched: matching
         * a repeated referral for the unknown or erased reference would create a referral, and the
         * reference would no longer be in the state it is measured in.
         */
        @TearDown(Level.Iteration)
        public void drain() {
            world.drain();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            world.close();
        }
    }

    @Benchmark
    public void informationUnknown(World s) {
        s.world.information(ReferralWorld.UNKNOWN);
    }

    @Benchmark
    public void informationCurrent(World s) {
        s.world.information(ReferralWorld.CURRENT);
    }

    @Benchmark
    public void informationErased(World s) {
        s.world.information(ReferralWorld.ERASED);
    }

    @Benchmark
    public void referralUnknown(World s) {
        s.world.referral(ReferralWorld.UNKNOWN);
    }

    @Benchmark
    public void referralCurrent(World s) {
        s.world.referral(ReferralWorld.CURRENT);
    }

    @Benchmark
    public void referralErased(World s) {
        s.world.referral(ReferralWorld.ERASED);
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
                .include(ReferralLatencyBenchmarks.class.getName() + "\\.")
                .shouldFailOnError(true);
        Collection<RunResult> results = new Runner(options.build()).run();

        System.out.println();
        System.out.println("Exitwork partner API, response time by the reference's state (µs per call, one run)");
        System.out.printf("%-42s %9s %9s %9s %9s %9s%n", "", "p50", "p90", "p99", "mean", "n");
        for (String op : new String[] {"information", "referral"}) {
            for (String state : new String[] {"Unknown", "Current", "Erased"}) {
                Statistics s = stats(results, op + state);
                System.out.printf("%-42s %9.0f %9.0f %9.0f %9.0f %9d%n", label(op) + ", " + state.toLowerCase(),
                        s.getPercentile(50), s.getPercentile(90), s.getPercentile(99), s.getMean(), s.getN());
            }
            Statistics unknown = stats(results, op + "Unknown");
            for (String state : new String[] {"Current", "Erased"}) {
                Statistics s = stats(results, op + state);
                System.out.printf("%-42s %8.2fx %8.2fx %8.2fx %8.2fx%n", "  " + state.toLowerCase() + " / unknown",
                        s.getPercentile(50) / unknown.getPercentile(50), s.getPercentile(90) / unknown.getPercentile(90),
                        s.getPercentile(99) / unknown.getPercentile(99), s.getMean() / unknown.getMean());
            }
        }
    }

    private static String label(String op) {
        return op.equals("information") ? "information (POST .../information)" : "repeated referral (POST referrals)";
    }

    private static Statistics stats(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst().map(r -> r.getPrimaryResult().getStatistics())
                .orElseThrow(() -> new IllegalStateException("no result for " + method));
    }
}
