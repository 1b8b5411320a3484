package org.exitwork.continuity.internal;

import java.util.List;

/**
 * {@code manifest.json} of a backup: what it is, when it was taken, of which schema version and
 * installation, and per table its columns, row count and the SHA-256 of its rows
 * ({@code tables/<name>.jsonl}, one JSON array per row in column order).
 */
record Manifest(String format, String takenAt, String schemaVersion, String installation, String database,
        List<TableEntry> tables) {

    static final String FORMAT = "exitwork-backup/1";
    static final String ENTRY = "manifest.json";

    record TableEntry(String name, long rows, String sha256, List<ColumnEntry> columns) {

        String entryName() {
            return "tables/" + name + ".jsonl";
        }
    }

    record ColumnEntry(String name, String kind) {
    }

    long rows() {
        return tables.stream().mapToLong(TableEntry::rows).sum();
    }
}
