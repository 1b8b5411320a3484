package org.exitwork.bench.signin;

import java.util.Collection;
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
 * Issue 15: whether a user name exists must not show in how long a failed sign-in takes. Times real
 * HTTP sign-ins (JMH sample time, a distribution) with a known name and a wrong password, and with a
 * name nobody has, side by side: two threads of one JMH group, each with a session of its own, in the
 * same forks. The slowing down per name and address is switched off here (it is the
 * same for both by construction, and SignInTest proves it): what is compared is the work itself, the
 * Argon2 comparison, the attempt row, the account's counter and the audit entry. Run with
 * {@code mvn -Pbench -q test-compile exec:exec -Dbench.main=org.exitwork.bench.signin.SignInTimingBenchmarks}.
 */
@Fork(value = 3, jvmArgsAppend = {"-Xmx1g"})
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SignInTimingBenchmarks {

    @State(Scope.Benchmark)
    public static class World {
        SignInWorld world;

        @Setup(Level.Trial)
        public void setUp() {
            world = SignInWorld.start("--exitwork.sign-in.per-address=1000000000",
                    "--exitwork.sign-in.slow-down-after=1000000000", "--exitwork.sign-in.refuse-after=1000000000");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            world.close();
        }
    }

    @State(Scope.Thread)
    public static class Stranger {
        SignInWorld.Browser browser;

        @Setup(Level.Trial)
        public void setUp(World world) {
            browser = world.world.stranger();
        }
    }

    // One group, one thread each: both run side by side in the same fork, so the load of the machine
    // and the state of the database weigh on both alike.
    @Benchmark
    @Group("failedSignIn")
    @GroupThreads(1)
    public int knownNameWrongPassword(World s, Stranger stranger) {
        return stranger.browser.signIn(s.world.practitionerName, "a guessed password");
    }

    @Benchmark
    @Group("failedSignIn")
    @GroupThreads(1)
    public int unknownName(World s, Stranger stranger) {
        // As long as the known name, so the requests are of one size.
        return stranger.browser.signIn("bench-nobo", "a guessed password");
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        String jmh = System.getProperty("bench.jmh", "").strip();
        String[] given = args.length > 0 || jmh.isEmpty() ? args : jmh.split("\\s+");
        ChainedOptionsBuilder options = new OptionsBuilder().parent(new CommandLineOptions(given))
                .include(SignInTimingBenchmarks.class.getName() + "\\.")
                .shouldFailOnError(true);
        Collection<RunResult> results = new Runner(options.build()).run();

        Statistics known = stats(results, "knownNameWrongPassword");
        Statistics unknown = stats(results, "unknownName");
        System.out.println();
        System.out.println("Exitwork: a failed sign-in, known name with a wrong password vs unknown name (ms per call, one run)");
        System.out.printf("%-36s %9s %9s %9s %9s %8s%n", "", "p50", "p90", "p99", "mean", "n");
        row("known name, wrong password", known);
        row("unknown name", unknown);
        System.out.printf("%-36s %8.2fx %8.2fx %8.2fx %8.2fx%n", "  unknown / known",
                unknown.getPercentile(50) / known.getPercentile(50), unknown.getPercentile(90) / known.getPercentile(90),
                unknown.getPercentile(99) / known.getPercentile(99), unknown.getMean() / known.getMean());
    }

    private static void row(String label, Statistics s) {
        System.out.printf("%-36s %9.2f %9.2f %9.2f %9.2f %8d%n", label, s.getPercentile(50), s.getPercentile(90),
                s.getPercentile(99), s.getMean(), s.getN());
    }

    private static Statistics stats(Collection<RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith(".failedSignIn")).findFirst()
                .map(r -> r.getSecondaryResults().get(method).getStatistics())
                .orElseThrow(() -> new IllegalStateException("no result for " + method));
    }
}
