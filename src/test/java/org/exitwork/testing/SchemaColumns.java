package org.exitwork.testing;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

/** The columns of the database's tables, as "table.column" in lower case, for tests of what a schema must not hold. */
public final class SchemaColumns {

    private SchemaColumns() {
    }

    /** Every column of every table whose name starts with {@code prefix} (lower case; "" for all). */
    public static List<String> of(DataSource dataSource, String prefix) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            for (String table : DatabaseScan.tables(dataSource)) {
                if (!table.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    continue;
                }
                try (ResultSet rs = meta.getColumns(null, c.getSchema(), table, "%")) {
                    while (rs.next()) {
                        columns.add(table.toLowerCase(Locale.ROOT) + "."
                                + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return columns;
    }
}
