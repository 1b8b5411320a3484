package org.exitwork.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The tables of the HTTP sessions (Spring Session JDBC, created by {@code V1_0_0}). Their rows are
 * live sign-ins, not records: a session id read from them, sent back as the session cookie, opens the
 * session it names on a running node, whatever keys the reader lacks. So they are credentials, and
 * nothing that copies the database for keeping (a backup) copies them. Nor do they hold what the cookie holds:
 * {@code session_id} is {@link #idOf} the cookie's token (see {@code HashedSessionIds}), so a live database
 * login, a replica or a copy of the file reads no session id a browser could send.
 */
public final class SessionTables {

    public static final Set<String> NAMES = Set.of("spring_session", "spring_session_attributes");

    private SessionTables() {
    }

    public static boolean isOne(String table) {
        return NAMES.contains(table.toLowerCase(Locale.ROOT));
    }

    /** The {@code session_id} the table keeps for a session cookie's token: its SHA-256, 128 bits as a UUID. */
    public static String idOf(String cookieToken) {
        try {
            ByteBuffer hash = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                    .digest(cookieToken.getBytes(StandardCharsets.UTF_8)));
            return new UUID(hash.getLong(), hash.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
