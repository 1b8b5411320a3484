package org.exitwork.keys;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Where an encrypted value lives: table, row and field. Used as associated data, so a ciphertext
 * copied to another row or field fails to decrypt.
 */
public record FieldRef(String table, UUID row, String field) {

    public FieldRef {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(field, "field");
    }

    public static FieldRef of(String table, UUID row, String field) {
        return new FieldRef(table, row, field);
    }

    /** The associated data the ciphertext is bound to. */
    public byte[] associatedData() {
        return (table + "|" + row + "|" + field).getBytes(StandardCharsets.UTF_8);
    }
}
