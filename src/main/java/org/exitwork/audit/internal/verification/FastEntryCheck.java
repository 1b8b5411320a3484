package org.exitwork.audit.internal.verification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import org.exitwork.audit.internal.EntryBatch;
import org.exitwork.audit.internal.EntryMac;
import org.exitwork.audit.internal.keys.AuditKeys;

import javax.crypto.spec.SecretKeySpec;

/**
 * The verification's fast path for one thread: whether a row's stored tag is the HMAC of the row and
 * the stored tag before it, computed over exactly {@link EntryMac#encode}'s bytes, but written into a
 * buffer reused for every row straight from the fields as read (no entry object, no strings on
 * PostgreSQL), with one JDK {@code HmacSHA256} instance (the algorithm Tink uses) for all rows. A row
 * it does not find intact is checked again by the verification's ordinary path, which names what is
 * wrong; so this class can only make an intact log verify faster, never a broken one look intact.
 */
public final class FastEntryCheck {

    private static final byte[] VERSION = fieldBytes("exitwork-audit-entry/2");
    private static final byte[] VERSION_WITH_ID = fieldBytes(EntryMac.VERSION_WITH_ID);
    private static final byte[] NULL = "-1:|".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_HEX = 64;

    private final javax.crypto.Mac jdk;
    private final com.google.crypto.tink.Mac tink;
    private final byte[] chain;
    private byte[] buffer = new byte[1024];
    private int length;
    private final byte[] computed = new byte[32];
    private final byte[] stored = new byte[32];

    public FastEntryCheck(AuditKeys keys, String chain) {
        this.tink = keys.mac();
        this.chain = fieldBytes(chain);
        javax.crypto.Mac mac = null;
        if (keys.hmacKey() != null) {
            try {
                mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(keys.hmacKey(), "HmacSHA256"));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                mac = null;
            }
        }
        this.jdk = mac;
    }

    /** Checks rows {@code from} (inclusive) to {@code to} (exclusive) of the batch, setting {@code fast}. */
    public void check(EntryBatch batch, int from, int to) {
        for (int i = from; i < to; i++) {
            Object previous = i == 0 ? (batch.before == null ? batch.prev[0] : batch.before) : batch.tag[i - 1];
            batch.fast[i] = verifies(batch, i, previous);
        }
    }

    private boolean verifies(EntryBatch b, int i, Object previousTag) {
        if (length(previousTag) != TAG_HEX || length(b.tag[i]) != TAG_HEX || !decode(b.tag[i], stored)) {
            return false;
        }
        Object entryId = b.entryId[i];
        length = 0;
        put(entryId == null ? VERSION : VERSION_WITH_ID);
        put(chain);
        number(b.seq[i]);
        number(b.millis[i]);
        field(b.org[i]);
        field(b.actor[i]);
        field(b.actorName[i]);
        field(b.action[i]);
        field(b.subject[i]);
        field(b.detail[i]);
        field(previousTag);
        if (entryId != null) {
            field(entryId);
        }
        try {
            if (jdk != null) {
                jdk.update(buffer, 0, length);
                jdk.doFinal(computed, 0);
                return java.util.Arrays.equals(computed, stored);
            }
            tink.verifyMac(stored, java.util.Arrays.copyOf(buffer, length));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static int length(Object value) {
        return value == null ? -1 : value instanceof String s ? s.length() : ((byte[]) value).length;
    }

    /** 64 hex digits (either case, as {@code HexFormat} reads them) into 32 bytes; false when not hex. */
    private static boolean decode(Object hex, byte[] into) {
        if (hex instanceof String s) {
            for (int j = 0; j < 32; j++) {
                int high = digit(s.charAt(2 * j));
                int low = digit(s.charAt(2 * j + 1));
                if (high < 0 || low < 0) {
                    return false;
                }
                into[j] = (byte) (high << 4 | low);
            }
            return true;
        }
        byte[] bytes = (byte[]) hex;
        for (int j = 0; j < 32; j++) {
            int high = digit(bytes[2 * j] & 0xff);
            int low = digit(bytes[2 * j + 1] & 0xff);
            if (high < 0 || low < 0) {
                return false;
            }
            into[j] = (byte) (high << 4 | low);
        }
        return true;
    }

    private static int digit(int c) {
        return c < 128 ? HEX_VALUE[c] : -1;
    }

    /** Each ASCII character's value as a hex digit, -1 for those that are none. */
    private static final byte[] HEX_VALUE = new byte[128];

    static {
        java.util.Arrays.fill(HEX_VALUE, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX_VALUE[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX_VALUE[c] = (byte) (c - 'a' + 10);
            HEX_VALUE[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
        }
    }

    // The encoding of EntryMac: each field its UTF-8 length in bytes, ':', the bytes, '|'; null is "-1:|".

    private void field(Object value) {
        if (value == null) {
            put(NULL);
        } else if (value instanceof byte[] bytes) {
            digits(bytes.length);
            room(bytes.length + 2);
            buffer[length++] = ':';
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
            buffer[length++] = '|';
        } else {
            string((String) value);
        }
    }

    private void string(String value) {
        // The JDK's own encoder: an ASCII string is copied in one intrinsic pass.
        field(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A number's decimal digits as a field, as {@code Long.toString} writes them. */
    private void number(long value) {
        room(24);
        int start = length + 3; // room for the length prefix ("dd:") written after
        int end = writeLong(value, start);
        int count = end - start;
        int prefix = count >= 10 ? 2 : 1;
        // shift the digits to follow a prefix of the right width
        System.arraycopy(buffer, start, buffer, length + prefix + 1, count);
        if (prefix == 2) {
            buffer[length++] = (byte) ('0' + count / 10);
        }
        buffer[length++] = (byte) ('0' + count % 10);
        buffer[length++] = ':';
        length += count;
        buffer[length++] = '|';
    }

    private int writeLong(long value, int at) {
        if (value < 0) {
            byte[] text = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, buffer, at, text.length);
            return at + text.length;
        }
        int digits = 1;
        for (long power = 10; digits < 19 && value >= power; power *= 10) {
            digits++;
        }
        // Eight digits at a time in int arithmetic: a long division per digit was half the hashing
        // threads' time (a time in milliseconds has thirteen digits).
        int k = at + digits;
        while (value >= 100_000_000L) {
            long high = value / 100_000_000L;
            int low = (int) (value - high * 100_000_000L);
            for (int j = 0; j < 8; j++) {
                int rest = low / 10;
                buffer[--k] = (byte) ('0' + low - rest * 10);
                low = rest;
            }
            value = high;
        }
        int small = (int) value;
        do {
            int rest = small / 10;
            buffer[--k] = (byte) ('0' + small - rest * 10);
            small = rest;
        } while (small != 0);
        return at + digits;
    }

    private void digits(int value) {
        room(12);
        length = writeLong(value, length);
    }

    private void put(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void room(int more) {
        if (length + more > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more + 64));
        }
    }

    private static byte[] fieldBytes(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length + Integer.toString(bytes.length).length() + 2];
        byte[] prefix = (bytes.length + ":").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(bytes, 0, out, prefix.length, bytes.length);
        out[out.length - 1] = '|';
        return out;
    }
}
