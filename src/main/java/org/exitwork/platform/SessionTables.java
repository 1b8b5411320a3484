package org.exitwork.platform;

import java.util.Locale;
import java.util.Set;

/**
 * The tables of the HTTP sessions (Spring Session JDBC, created by {@code V1_0_0}). Their rows are
 * live sign-ins, not records: a session id read from them, sent back as the session cookie, opens the
 * session it names on a running node, whatever keys the reader lacks. So they are credentials, and
 * nothing that copies the database for keeping (a backup) copies them.
 */
public final class SessionTables {

    public static final Set<String> NAMES = Set.of("spring_session", "spring_session_attributes");

    private SessionTables() {
    }

    public static boolean isOne(String table) {
        return NAMES.contains(table.toLowerCase(Locale.ROOT));
    }
}
