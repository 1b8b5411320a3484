package org.exitwork.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * The verification's columns as PostgreSQL's driver hands them over in the binary protocol: a time as
 * microseconds since 2000-01-01, an id as its sixteen bytes. Either may come as text instead (a driver or
 * server set to text); then it is read as text. Only the fast path reads this way: what it reads wrongly
 * can only fail to verify there and is read again, as an entry, by the ordinary path.
 */
final class PostgresColumns {

    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in milliseconds since 1970. */
    private static final long POSTGRES_EPOCH_MILLIS = 946_684_800_000L;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private PostgresColumns() {
    }

    /** The time in milliseconds (floored, as {@code Instant.toEpochMilli}), 'infinity' as the nearest count. */
    static long millis(ResultSet rs, int column) throws SQLException {
        byte[] bytes = rs.getBytes(column);
        if (bytes == null || bytes.length != 8) {
            return AuditRepository.millis(rs.getObject(column, OffsetDateTime.class));
        }
        long micros = 0;
        for (byte b : bytes) {
            micros = micros << 8 | (b & 0xff);
        }
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            return micros;
        }
        return Math.floorDiv(micros, 1000) + POSTGRES_EPOCH_MILLIS;
    }

    /** An id as the UTF-8 bytes of its text form (lower-case, as PostgreSQL and {@code UUID.toString} write it). */
    static byte[] uuidText(ResultSet rs, int column) throws SQLException {
        byte[] bytes = rs.getBytes(column);
        if (bytes == null || bytes.length != 16) {
            return bytes;
        }
        byte[] text = new byte[36];
        int at = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                text[at++] = '-';
            }
            text[at++] = HEX[(bytes[i] >> 4) & 0xf];
            text[at++] = HEX[bytes[i] & 0xf];
        }
        return text;
    }
}
