package org.exitwork.keys.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@code rotate-keys} on 10,000 and 100,000 client keys: one shot is one whole rotation (a new master-key
 * version, every key re-wrapped in batches of 500, each batch its own transaction). The keys module
 * alone on an embedded H2 file database, schema from its own migrations; no web, no other module.
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
    private MasterKeyRotation rotation;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        dataDir = Files.createTempDirectory("exitwork-bench-keys-");
        dataSource = new SingleConnectionDataSource("jdbc:h2:file:" + dataDir.resolve("exitwork")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "exitwork", "", true);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String migration : new String[] {"V1_1_0__keys.sql", "V1_19_0__key_versions.sql"}) {
                s.execute(new ClassPathResource("db/migration/keys/" + migration)
                        .getContentAsString(StandardCharsets.UTF_8));
            }
        }
        Clock clock = Clock.systemUTC();
        MasterKeyFile master = new MasterKeyFile(dataDir.resolve("master-key.json"), clock);
        rotation = new MasterKeyRotation(master, dataSource, new DataSourceTransactionManager(dataSource), clock,
                event -> { }, new KeySettings(Duration.ofDays(1), Duration.ofDays(30), Duration.ofHours(1),
                        Duration.ofMinutes(2), 500, Integer.MAX_VALUE));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Timestamp now = Timestamp.from(Instant.now());
        for (int done = 0; done < clients; done += 5_000) {
            List<Object[]> rows = new ArrayList<>();
            MasterKeyFile.Snapshot current = master.current();
            for (int i = 0; i < 5_000; i++) {
                UUID client = UUID.randomUUID();
                Envelope.Wrapped wrapped = Envelope.wrap(Envelope.newDataKey(), current, Envelope.clientAd(client));
                rows.add(new Object[] {client, UUID.randomUUID(), wrapped.bytes(), wrapped.by(), now});
            }
            jdbc.batchUpdate("INSERT INTO key_client (client_id, org_id, wrapped_keyset, wrapped_by, created_at) "
                    + "VALUES (?, ?, ?, ?, ?)", rows);
        }
    }

    @Benchmark
    public int rotate() {
        int rewrapped = rotation.rotateMasterKey().clientKeys();
        if (rewrapped != clients) {
            throw new IllegalStateException("re-wrapped " + rewrapped + " of " + clients);
        }
        return rewrapped;
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        rotation.destroy();
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
