package org.exitwork.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * Reads every row of every table of the application's schema and reports where any of the given
 * markers appears in plain text, in text columns or inside binary columns.
 */
public final class DatabaseScan {

    private DatabaseScan() {
    }

    public static List<String> tables(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return tables(c);
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, c.getSchema(), "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    /** @return "table.column" for every place a marker was found */
    public static List<String> find(DataSource dataSource, List<String> markers) throws SQLException {
        List<String> hits = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = tables(c);
            if (tables.isEmpty()) {
                throw new IllegalStateException("no tables found to scan");
            }
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            for (String marker : markers) {
                                if (contains(value, marker)) {
                                    hits.add(table + "." + md.getColumnName(i) + " contains " + marker);
                                }
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }

    private static boolean contains(Object value, String marker) throws SQLException {
        if (value == null) {
            return false;
        }
        if (value instanceof byte[] bytes) {
            return indexOf(bytes, marker.getBytes(StandardCharsets.UTF_8)) >= 0
                    || indexOf(bytes, marker.getBytes(StandardCharsets.UTF_16BE)) >= 0
                    || indexOf(bytes, marker.getBytes(StandardCharsets.UTF_16LE)) >= 0;
        }
        if (value instanceof java.sql.Blob blob) {
            return contains(blob.getBytes(1, (int) blob.length()), marker);
        }
        if (value instanceof java.sql.Clob clob) {
            return contains(clob.getSubString(1, (int) clob.length()), marker);
        }
        return value.toString().toLowerCase(Locale.ROOT).contains(marker.toLowerCase(Locale.ROOT));
    }

    /** Where {@code needle} first stands in {@code haystack}, or -1. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
