package org.exitwork.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.exitwork.audit.AuditEntry;

/**
 * A range of one chain's entries as read for the verification, the fields as the driver hands them
 * over without mapping: strings on H2, on PostgreSQL the UTF-8 bytes of the text columns and the ids'
 * text ({@link PostgresColumns}). Two
 * batches take turns (one is read while the other is hashed), so a verification holds two ranges,
 * whatever the size of the log.
 */
public final class EntryBatch {

    /** Rows per range: big enough that a round trip is cheap per entry, small enough to stay in the cache. */
    public static final int ROWS = 8192;

    public int size;
    public final long[] seq = new long[ROWS];
    public final long[] millis = new long[ROWS];
    public final Object[] org = new Object[ROWS];
    public final Object[] actor = new Object[ROWS];
    public final Object[] actorName = new Object[ROWS];
    public final Object[] action = new Object[ROWS];
    public final Object[] subject = new Object[ROWS];
    public final Object[] detail = new Object[ROWS];
    public final Object[] prev = new Object[ROWS];
    public final Object[] tag = new Object[ROWS];
    /** The id of the waiting row an entry was linked from (under its tag since issue 19), or null. */
    public final Object[] entryId = new Object[ROWS];
    /** Whether the row's stored tag verifies over the row and the stored tag of the row before it. */
    public final boolean[] fast = new boolean[ROWS];
    /**
     * The tag the first row must follow: the stored tag of the row before the range, the genesis tag,
     * or {@code null} to take the first row's own stored link (a walk from a checkpoint's head).
     */
    public Object before;

    void clear() {
        size = 0;
        for (Object[] column : new Object[][] { org, actor, actorName, action, subject, detail, prev, tag, entryId }) {
            java.util.Arrays.fill(column, null);
        }
    }

    public static String text(Object value) {
        return value == null ? null : value instanceof String s ? s : new String((byte[]) value, StandardCharsets.UTF_8);
    }

    /** The row as the rest of the verification sees an entry, for the rare rows that are not simply intact. */
    public AuditEntry entry(int i) {
        return new AuditEntry(seq[i], Instant.ofEpochMilli(millis[i]), uuid(org[i]), uuid(actor[i]), text(actorName[i]),
                text(action[i]), text(subject[i]), text(detail[i]));
    }

    public UUID entryId(int i) {
        return uuid(entryId[i]);
    }

    private static UUID uuid(Object value) {
        return value == null ? null : UUID.fromString(text(value));
    }
}
