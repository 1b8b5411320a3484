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
        List<Marker> wanted = markers.stream().map(Marker::new).toList();
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
                            Searchable value = searchable(rs.getObject(i));
                            if (value == null) {
                                continue;
                            }
                            for (Marker marker : wanted) {
                                if (marker.in(value)) {
                                    hits.add(table + "." + md.getColumnName(i) + " contains " + marker.text());
                                }
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }

    /**
     * A marker in every form it could be stored in: lower-cased text, and its UTF-8, UTF-16BE and
     * UTF-16LE bytes. Bytes are searched as Latin-1 strings (one char per byte), so that the JDK's
     * vectorised {@code String.indexOf} does the searching: the scan reads every row of a test
     * database, many times a run.
     */
    private record Marker(String text, String lower, List<String> encodings) {

        /**
         * A marker shorter than {@link #SHORTEST} is refused: the scan searches text without regard to case, and a
         * short word stands in some password hash or token of a test database by chance sooner or later (it did:
         * "Yollo" in an Argon2 hash), failing a test that was right.
         */
        Marker(String text) {
            this(checked(text), text.toLowerCase(Locale.ROOT), List.of(latin1(text.getBytes(StandardCharsets.UTF_8)),
                    latin1(text.getBytes(StandardCharsets.UTF_16BE)), latin1(text.getBytes(StandardCharsets.UTF_16LE))));
        }

        static final int SHORTEST = 8;

        private static String checked(String text) {
            if (text == null || text.length() < SHORTEST) {
                throw new IllegalArgumentException("a marker of fewer than " + SHORTEST + " characters can stand in"
                        + " random data by chance: " + text);
            }
            return text;
        }

        boolean in(Searchable value) {
            if (value.binary()) {
                return encodings.stream().anyMatch(value.text()::contains);
            }
            return value.text().contains(lower);
        }
    }

    /** A value as the scan searches it: text lower-cased, or the Latin-1 view of bytes. */
    private record Searchable(String text, boolean binary) {
    }

    private static Searchable searchable(Object value) throws SQLException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new Searchable(latin1(bytes), true);
        }
        if (value instanceof java.sql.Blob blob) {
            return searchable(blob.getBytes(1, (int) blob.length()));
        }
        if (value instanceof java.sql.Clob clob) {
            return searchable(clob.getSubString(1, (int) clob.length()));
        }
        return new Searchable(value.toString().toLowerCase(Locale.ROOT), false);
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Where {@code needle} first stands in {@code haystack}, or -1. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        return latin1(haystack).indexOf(latin1(needle));
    }
}
