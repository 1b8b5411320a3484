package org.exitwork.bench.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.exitwork.keys.KeysAlone;
import org.exitwork.platform.JobLocks;
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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@code rotate-keys} on 10,000 and 100,000 client keys: one shot is one whole rotation (a new master-key
 * version, every key re-wrapped in batches of 500, each batch its own transaction). The keys module
 * alone ({@link KeysAlone}, its test-support API) on an embedded H2 file database, schema from its own
 * migrations and the platform's job-lock table; no web, no other module.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class KeyRotationBenchmarks {

    @Param({"10000", "100000"})
    int clients;

    private Path dataDir;
    private SingleConnectionDataSource dataSource;
    private KeysAlone keys;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        dataDir = Files.createTempDirectory("exitwork-bench-keys-");
        dataSource = new SingleConnectionDataSource("jdbc:h2:file:" + dataDir.resolve("exitwork")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "exitwork", "", true);
        keys = KeysAlone.open(dataSource, dataDir.resolve("master-key.json"), Clock.systemUTC(),
                JobLocks.provider(dataSource), 500);
        keys.createSchema();
        new JdbcTemplate(dataSource).execute(new ClassPathResource("db/migration/platform/V1_24_0__job_lock.sql")
                .getContentAsString(StandardCharsets.UTF_8));
        keys.addClientKeys(clients);
    }

    @Benchmark
    public int rotate() {
        int rewrapped = keys.rotation().rotateMasterKey().clientKeys();
        if (rewrapped != clients) {
            throw new IllegalStateException("re-wrapped " + rewrapped + " of " + clients);
        }
        return rewrapped;
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        keys.close();
        dataSource.destroy();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        String jmh = System.getProperty("bench.jmh", "").strip();
        String[] given = args.length > 0 || jmh.isEmpty() ? args : jmh.split("\\s+");
        ChainedOptionsBuilder options = new OptionsBuilder().parent(new CommandLineOptions(given))
                .include(KeyRotationBenchmarks.class.getName() + "\\.")
                .shouldFailOnError(true);
        Collection<RunResult> results = new Runner(options.build()).run();
        double small = seconds(results, "10000");
        double large = seconds(results, "100000");
        System.out.println();
        System.out.println("Exitwork rotate-keys, whole rotation (s, mean of the measured shots)");
        System.out.printf("%-28s %10s %10s %10s%n", "", "10,000", "100,000", "ratio");
        System.out.printf("%-28s %10.2f %10.2f %9.1fx%n", "client keys re-wrapped", small, large, large / small);
        System.out.printf("%-28s %10.0f %10.0f%n", "keys per second", 10_000 / small, 100_000 / large);
    }

    private static double seconds(Collection<RunResult> results, String clients) {
        return results.stream().filter(r -> clients.equals(r.getParams().getParam("clients"))).findFirst()
                .map(r -> r.getPrimaryResult().getStatistics().getMean() / 1000.0)
                .orElseThrow(() -> new IllegalStateException("no result for " + clients));
    }
}
