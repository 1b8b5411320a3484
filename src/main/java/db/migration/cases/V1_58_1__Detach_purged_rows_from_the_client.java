package db.migration.cases;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Erasure in constant time (issue 19): the tables whose rows grow with the work lose their foreign key to
 * {@code cas_client}, so that deleting the client's row in the erasure request no longer deletes (or waits
 * for) every session, version, month count and context person of the client; the purge job deletes them
 * in batches afterwards (queue {@code cas_erasure_purge}, V1_58_0). Every reader of these tables across
 * clients joins {@code cas_client}, and every reader of one client's rows passes the case's access check,
 * which needs the client's row: a row left for the purge is never read.
 *
 * <p>A Java migration because the constraints were declared inline and H2 named them itself: their names
 * are read from the database's metadata, on H2 and PostgreSQL alike.
 */
public class V1_58_1__Detach_purged_rows_from_the_client extends BaseJavaMigration {

    /** The tables the purge job empties, each with its foreign key to {@code cas_client} dropped. */
    public static final List<String> DETACHED = List.of("cas_session_note", "cas_session_version", "cas_month_count",
            "cas_context_person");

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        for (String table : DETACHED) {
            for (String constraint : foreignKeysToClient(c, table)) {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE " + table + " DROP CONSTRAINT \"" + constraint.replace("\"", "\"\"") + "\"");
                }
            }
        }
    }

    /** The names of the table's foreign keys that point at {@code cas_client}. */
    public static Set<String> foreignKeysToClient(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        Set<String> names = new LinkedHashSet<>();
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = meta.getImportedKeys(null, c.getSchema(), name)) {
                while (rs.next()) {
                    if ("cas_client".equalsIgnoreCase(rs.getString("PKTABLE_NAME")) && rs.getString("FK_NAME") != null) {
                        names.add(rs.getString("FK_NAME"));
                    }
                }
            }
        }
        return names;
    }
}
