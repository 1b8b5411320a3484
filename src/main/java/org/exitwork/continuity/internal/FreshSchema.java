package org.exitwork.continuity.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * What the migrations alone put into a database (a seed row such as the audit chain's empty head):
 * the same migrations run on a throwaway in-memory H2 database, and the primary keys of its rows are
 * read. A restore target may hold these rows and nothing else; any other row means someone has used
 * the database.
 */
final class FreshSchema {

    private FreshSchema() {
    }

    /** Table name to the keys of the rows a fresh migration to {@code version} leaves in it. */
    static Map<String, Set<String>> seedKeys(Environment env, String version, String historyTable) {
        String url = "jdbc:h2:mem:exitwork-fresh-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        SimpleDriverDataSource fresh = new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
        String[] locations = Arrays.stream(env.getProperty("spring.flyway.locations", "classpath:db/migration")
                .split(",")).map(String::trim).map(l -> l.replace("{vendor}", "h2")).toArray(String[]::new);
        Flyway.configure().dataSource(fresh).locations(locations).target(version).table(historyTable).load().migrate();
        try (Connection c = fresh.getConnection()) {
            try {
                Map<String, Set<String>> keys = new HashMap<>();
                for (Schema.Table table : Schema.read(c, historyTable).tables()) {
                    keys.put(table.name(), keys(c, table));
                }
                return keys;
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read a freshly migrated schema", e);
        }
    }

    /** The primary key of every row, encoded the way a backup encodes it. */
    static Set<String> keys(Connection c, Schema.Table table) throws SQLException {
        Set<String> keys = new HashSet<>();
        List<Integer> positions = table.keyPositions();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + table.columnList() + " FROM " + table.quotedName())) {
            while (rs.next()) {
                StringBuilder key = new StringBuilder();
                for (int p : positions) {
                    ColumnKind kind = table.columns().get(p).kind();
                    key.append(kind.encode(kind.read(rs, p + 1))).append('|');
                }
                keys.add(key.toString());
            }
        }
        return keys;
    }
}
