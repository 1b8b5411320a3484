package org.exitwork.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The database a benchmark runs on: {@code h2}, the embedded default in the application's temporary data
 * directory (no settings), or {@code postgresql}, a schema of its own on the server the PostgreSQL tests
 * use (created here, dropped on {@link #close()}). The server is the one of
 * {@code src/test/java/org/exitwork/testing/TestDatabase}: {@code jdbc:postgresql://localhost:5432/exitwork_test},
 * user and password {@code exitwork}, or the environment variables {@code EXITWORK_TEST_POSTGRES_URL},
 * {@code EXITWORK_TEST_POSTGRES_USER} and {@code EXITWORK_TEST_POSTGRES_PASSWORD}.
 */
public final class BenchDatabase implements AutoCloseable {

    public static final String H2 = "h2";
    public static final String POSTGRESQL = "postgresql";

    private final String kind;
    private final String schema;
    private final boolean keep;

    private BenchDatabase(String kind, String schema, boolean keep) {
        this.kind = kind;
        this.schema = schema;
        this.keep = keep;
    }

    /** {@code kind}: {@code h2} or {@code postgresql}; a PostgreSQL schema is named {@code prefix} and a random tail. */
    public static BenchDatabase of(String kind, String prefix) {
        String k = kind.toLowerCase(Locale.ROOT);
        if (H2.equals(k)) {
            return new BenchDatabase(H2, null, false);
        }
        if (!POSTGRESQL.equals(k)) {
            throw new IllegalArgumentException("database is h2 or postgresql, not " + kind);
        }
        String schema = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute("CREATE SCHEMA " + schema);
        return new BenchDatabase(POSTGRESQL, schema, false);
    }

    /**
     * A PostgreSQL schema with this exact name, made when missing, kept on {@link #close()}: for data that
     * several forks of one run share. {@link #drop} removes it. On H2 the data lives in the data directory.
     */
    public static BenchDatabase named(String kind, String schema) {
        String k = kind.toLowerCase(Locale.ROOT);
        if (H2.equals(k)) {
            return new BenchDatabase(H2, null, false);
        }
        if (!POSTGRESQL.equals(k)) {
            throw new IllegalArgumentException("database is h2 or postgresql, not " + kind);
        }
        execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        return new BenchDatabase(POSTGRESQL, schema, true);
    }

    /** Drops a schema made by {@link #named} (PostgreSQL; nothing on H2). */
    public static void drop(String kind, String schema) {
        if (POSTGRESQL.equals(kind.toLowerCase(Locale.ROOT))) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    public String kind() {
        return kind;
    }

    /** The application's settings ({@code --name=value}) for this database. */
    public String[] settings() {
        if (schema == null) {
            return new String[0];
        }
        String url = url();
        // reWriteBatchedInserts: the driver sends a JDBC batch as multi-row INSERTs (the bulk loaders' speed).
        return new String[] {
            "--spring.datasource.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema
                    + "&reWriteBatchedInserts=true",
            "--spring.datasource.username=" + user(), "--spring.datasource.password=" + password(),
            "--spring.flyway.schemas=" + schema, "--spring.flyway.default-schema=" + schema};
    }

    /**
     * Brings the planner's statistics and PostgreSQL's visibility map up to date after a bulk load, as
     * autovacuum would on a running installation: {@code VACUUM ANALYZE} of this schema's tables only (never
     * the whole database, which other schemas share); {@code ANALYZE} on H2.
     */
    public void settle(javax.sql.DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (schema == null) {
                s.execute("ANALYZE");
                return;
            }
            c.setAutoCommit(true);
            List<String> tables = new ArrayList<>();
            try (var rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                s.execute("VACUUM ANALYZE " + schema + "." + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot analyze the bench database", e);
        }
    }

    /** Drops the PostgreSQL schema with everything in it, unless it was {@link #named}. */
    @Override
    public void close() {
        if (schema != null && !keep) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url(), user(), password()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url(), e);
        }
    }

    private static String url() {
        return System.getenv().getOrDefault("EXITWORK_TEST_POSTGRES_URL", "jdbc:postgresql://localhost:5432/exitwork_test");
    }

    private static String user() {
        return System.getenv().getOrDefault("EXITWORK_TEST_POSTGRES_USER", "exitwork");
    }

    private static String password() {
        return System.getenv().getOrDefault("EXITWORK_TEST_POSTGRES_PASSWORD", "exitwork");
    }
}
