package org.exitwork.bench.signin;

import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Issue 15: a flood of sign-ins from one address must slow that address, not everybody. A signed-in
 * practitioner's start page (real HTTP, JMH sample time) is timed alone ({@code quiet}) and while 40
 * threads post sign-ins with unknown names from the same machine ({@code flooded}, a JMH group: one
 * thread reads the page, 40 flood), in one fork per limit: the shipped per-address limit (20 a minute)
 * and, for comparison, none to speak of. Run with {@code mvn -Pbench -q test-compile exec:exec
 * -Dbench.main=org.exitwork.bench.signin.SignInFloodBenchmarks}; see bench/README.md.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class SignInFloodBenchmarks {

    static final int FLOODERS = 40;

    @State(Scope.Benchmark)
    public static class World {
        @Param({"20", "1000000000"})
        public String perAddress;

        SignInWorld world;

        @Setup(Level.Trial)
        public void setUp() {
            world = SignInWorld.start("--exitwork.sign-in.per-address=" + perAddress);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            world.close();
        }
    }

    /** One flooding thread: a browser of its own at the sign-in form. */
    @State(Scope.Thread)
    public static class Flooder {
        SignInWorld.Browser browser;
        int refused;

        @Setup(Level.Trial)
        public void setUp(World world) {
            browser = world.world.stranger();
        }
    }

    @Benchmark
    public void quiet(World s) {
        s.world.startPage();
    }

    @Benchmark
    @Group("flooded")
    @GroupThreads(1)
    public void page(World s) {
        s.world.startPage();
    }

    @Benchmark
    @Group("flooded")
    @GroupThreads(FLOODERS)
    public int flood(Flooder f) {
        return f.browser.signIn("nobody-" + UUID.randomUUID(), "a guessed password");
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        String jmh = System.getProperty("bench.jmh", "").strip();
        String[] given = args.length > 0 || jmh.isEmpty() ? args : jmh.split("\\s+");
        ChainedOptionsBuilder options = new OptionsBuilder().parent(new CommandLineOptions(given))
                .include(SignInFloodBenchmarks.class.getName() + "\\.")
                .shouldFailOnError(true);
        Collection<RunResult> results = new Runner(options.build()).run();

        System.out.println();
        System.out.println("Exitwork: a signed-in practitioner's start page while " + FLOODERS
                + " threads flood the sign-in (ms per page, one run)");
        System.out.printf("%-44s %9s %9s %9s %9s %8s%n", "", "p50", "p90", "p99", "mean", "n");
        for (String limit : new String[] {"20", "1000000000"}) {
            Statistics quiet = stats(results, "quiet", limit);
            Statistics flooded = stats(results, "flooded", limit);
            String name = limit.equals("20") ? "limit 20/min per address" : "no limit to speak of";
            row(name + ", quiet", quiet);
            row(name + ", flooded", flooded);
            System.out.printf("%-44s %8.2fx %8.2fx %8.2fx %8.2fx%n", "  flooded / quiet",
                    flooded.getPercentile(50) / quiet.getPercentile(50), flooded.getPercentile(90) / quiet.getPercentile(90),
                    flooded.getPercentile(99) / quiet.getPercentile(99), flooded.getMean() / quiet.getMean());
        }
    }

    private static void row(String label, Statistics s) {
        System.out.printf("%-44s %9.2f %9.2f %9.2f %9.2f %8d%n", label, s.getPercentile(50), s.getPercentile(90),
                s.getPercentile(99), s.getMean(), s.getN());
    }

    /** The page's times: the quiet benchmark's, or the page thread's within the flooded group. */
    private static Statistics stats(Collection<RunResult> results, String benchmark, String limit) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + benchmark)
                        && limit.equals(r.getParams().getParam("perAddress")))
                .findFirst()
                .map(r -> benchmark.equals("flooded") ? r.getSecondaryResults().get("page").getStatistics()
                        : r.getPrimaryResult().getStatistics())
                .orElseThrow(() -> new IllegalStateException("no result for " + benchmark + " at " + limit));
    }
}
