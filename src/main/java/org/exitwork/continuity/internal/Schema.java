package org.exitwork.continuity.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.exitwork.platform.SessionTables;

/**
 * The application's tables as the JDBC metadata describes them, parents before the tables that
 * refer to them: no table is named here, so a new module's tables are in the next backup without a
 * change to this module.
 */
record Schema(List<Table> tables) {

    record Column(String name, ColumnKind kind, int jdbcType) {
    }

    record Table(String name, List<Column> columns, List<String> primaryKey) {

        String quotedName() {
            return quote(name);
        }

        String columnList() {
            return columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
        }

        String orderBy() {
            List<String> key = primaryKey.isEmpty() ? columns.stream().map(Column::name).toList() : primaryKey;
            return key.stream().map(Schema::quote).collect(Collectors.joining(", "));
        }

        List<Integer> keyPositions() {
            List<String> names = columns.stream().map(Column::name).toList();
            return primaryKey.isEmpty() ? java.util.stream.IntStream.range(0, columns.size()).boxed().toList()
                    : primaryKey.stream().map(names::indexOf).toList();
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    Table table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * Every table of the connection's schema but {@code excluded} (Flyway's history) and the HTTP sessions'
     * ({@link SessionTables}: live session ids, which would open a signed-in session to whoever reads the
     * backup), parents first.
     */
    static Schema read(Connection c, String excluded) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String schema = c.getSchema();
        Set<String> names = new TreeSet<>();
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!name.equalsIgnoreCase(excluded) && !SessionTables.isOne(name)) {
                    names.add(name);
                }
            }
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        Map<String, Set<String>> parents = new TreeMap<>();
        for (String name : names) {
            List<Column> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, schema, name, "%")) {
                TreeMap<Integer, Column> byPosition = new TreeMap<>();
                while (rs.next()) {
                    byPosition.put(rs.getInt("ORDINAL_POSITION"), new Column(rs.getString("COLUMN_NAME"),
                            ColumnKind.of(rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME")), rs.getInt("DATA_TYPE")));
                }
                columns.addAll(byPosition.values());
            }
            TreeMap<Integer, String> key = new TreeMap<>();
            try (ResultSet rs = meta.getPrimaryKeys(null, schema, name)) {
                while (rs.next()) {
                    key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
            Set<String> refersTo = new LinkedHashSet<>();
            try (ResultSet rs = meta.getImportedKeys(null, schema, name)) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME");
                    if (!parent.equals(name) && names.contains(parent)) {
                        refersTo.add(parent);
                    }
                }
            }
            tables.put(name, new Table(name, List.copyOf(columns), List.copyOf(key.values())));
            parents.put(name, refersTo);
        }
        return new Schema(parentsFirst(tables, parents));
    }

    private static List<Table> parentsFirst(Map<String, Table> tables, Map<String, Set<String>> parents) {
        List<Table> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (placed.size() < tables.size()) {
            boolean progress = false;
            for (String name : tables.keySet()) {
                if (!placed.contains(name) && placed.containsAll(parents.get(name))) {
                    placed.add(name);
                    ordered.add(tables.get(name));
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("foreign keys form a cycle among " + tables.keySet().stream()
                        .filter(n -> !placed.contains(n)).toList());
            }
        }
        return List.copyOf(ordered);
    }
}
