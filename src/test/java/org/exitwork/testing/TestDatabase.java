package org.exitwork.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Which database a test run uses: H2 (the embedded default) or PostgreSQL, chosen by the system
 * property {@code exitwork.test.database} that the two Surefire executions set. Every Spring
 * context gets a database of its own: a fresh in-memory H2, or a fresh PostgreSQL schema.
 */
public final class TestDatabase {

    public static final String H2 = "h2";
    public static final String POSTGRESQL = "postgresql";

    private static volatile String postgresProblem;
    private static volatile boolean postgresChecked;

    /** What this JVM made (schemas, data directories), removed when it exits: repeated runs leave nothing. */
    private static final java.util.Set<String> SCHEMAS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.Set<Path> DIRECTORIES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::removeWhatThisRunMade, "test-database-cleanup"));
    }

    private TestDatabase() {
    }

    public static String kind() {
        return System.getProperty("exitwork.test.database", H2);
    }

    public static boolean postgres() {
        return POSTGRESQL.equals(kind());
    }

    static String postgresUrl() {
        String env = System.getenv("EXITWORK_TEST_POSTGRES_URL");
        return env != null ? env
                : System.getProperty("exitwork.test.postgres.url", "jdbc:postgresql://localhost:5432/exitwork_test");
    }

    static String postgresUser() {
        return System.getenv().getOrDefault("EXITWORK_TEST_POSTGRES_USER", "exitwork");
    }

    static String postgresPassword() {
        return System.getenv().getOrDefault("EXITWORK_TEST_POSTGRES_PASSWORD", "exitwork");
    }

    /** Opens a plain JDBC connection to the test server's database (PostgreSQL only). */
    public static Connection postgresConnection() throws SQLException {
        return DriverManager.getConnection(postgresUrl(), postgresUser(), postgresPassword());
    }

    /** Why no PostgreSQL test can run here, or null when the test server answers. */
    public static synchronized String postgresProblem() {
        if (!postgresChecked) {
            postgresChecked = true;
            try (Connection c = postgresConnection()) {
                postgresProblem = null;
            } catch (SQLException e) {
                postgresProblem = "no PostgreSQL at " + postgresUrl() + " (" + e.getMessage() + ")";
            }
        }
        return postgresProblem;
    }

    /** Skips database tests on PostgreSQL when no server is reachable, unless the run requires it. */
    public static class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (!postgres()) {
                return ConditionEvaluationResult.enabled("H2");
            }
            String problem = postgresProblem();
            if (problem == null) {
                return ConditionEvaluationResult.enabled("PostgreSQL reachable");
            }
            if ("1".equals(System.getenv("EXITWORK_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("EXITWORK_REQUIRE_POSTGRES=1 but " + problem);
            }
            SkippedSuites.skipped("PostgreSQL suite", problem);
            return ConditionEvaluationResult.disabled("SKIPPED on PostgreSQL: " + problem);
        }
    }

    /**
     * The properties of a fresh database and a fresh data directory (master key). Contexts started
     * with the same properties share both: several "nodes", or a restart.
     */
    public static Map<String, Object> newDatabase() {
        Map<String, Object> props = new HashMap<>();
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (postgres()) {
            Initializer.createSchema(name);
            SCHEMAS.add(name);
            String url = postgresUrl();
            props.put("spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name);
            props.put("spring.datasource.username", postgresUser());
            props.put("spring.datasource.password", postgresPassword());
            props.put("spring.flyway.schemas", name);
            props.put("spring.flyway.default-schema", name);
            // Spring keeps every test context alive (its cache), each with a pool: at Hikari's default of
            // ten idle connections a pool, a dozen contexts used up PostgreSQL's 100 connections. A context
            // waiting in the cache keeps one.
            props.put("spring.datasource.hikari.minimum-idle", "1");
            props.put("spring.datasource.hikari.idle-timeout", "10000");
        } else {
            props.put("spring.datasource.url", "jdbc:h2:mem:" + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
        try {
            props.put("exitwork.data-dir", tempDir().toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        props.put("exitwork.test.schema", name);
        return props;
    }

    /** Points the context at a fresh database and a fresh data directory (master key). */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("exitwork-test-db", newDatabase()));
        }

        private static void createSchema(String name) {
            try (Connection c = postgresConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create test schema on " + postgresUrl(), e);
            }
        }
    }

    static Path tempDir() throws java.io.IOException {
        Path dir = Files.createTempDirectory("exitwork-test-");
        DIRECTORIES.add(dir);
        return dir;
    }

    /**
     * At exit: drops the schemas and deletes the data directories this JVM made. Bounded (a lock held by a
     * connection still closing is given up on after a second, the whole after a minute): what is left is only
     * left, never waited for.
     */
    private static void removeWhatThisRunMade() {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        if (!SCHEMAS.isEmpty()) {
            try (Connection c = postgresConnection(); Statement s = c.createStatement()) {
                s.execute("SET lock_timeout = '1s'");
                s.execute("SET statement_timeout = '20s'");
                for (String schema : SCHEMAS) {
                    if (System.nanoTime() > until) {
                        break;
                    }
                    try {
                        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    } catch (SQLException e) {
                        // in use or gone: left for the database's owner
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // no database to clean: nothing made there either
            }
        }
        for (Path dir : DIRECTORIES) {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // already gone or not ours to delete
            }
        }
    }
}
