package org.exitwork.cases.internal.sessions;

import java.sql.Date;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The counts the programme figures add up instead of counting sessions (issue 16): per case and month
 * the sessions held and cancelled ({@code cas_month_count}), and the day of the case's first session
 * not cancelled ({@code cas_client.first_session_on}). Called in the transaction that writes the session,
 * after the session's row changed, so a count is never ahead of or behind the rows it counts. Erasing a
 * client queues its counts for the purge job with its sessions ({@code cases.internal.retention.ErasurePurge}).
 *
 * <p>Every change starts by holding the case's row until the transaction ends, so that the changes of one
 * case run one after the other and the first session, found anew after a correction or cancellation, sees
 * every session another transaction wrote. The counts themselves are increments in SQL (a row made if it is
 * missing, then {@code held = held + 1}), never a value read and written back.
 */
@Repository
public class SessionCounts {

    private final JdbcClient jdbc;

    SessionCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A session (or an older note) held on {@code day} was written. */
    public void recorded(UUID clientId, LocalDate day) {
        int held = jdbc.sql("UPDATE cas_client SET first_session_on = CASE WHEN first_session_on IS NULL"
                        + " OR first_session_on > ? THEN ? ELSE first_session_on END WHERE id = ?")
                .params(Date.valueOf(day), Date.valueOf(day), clientId).update();
        requireClient(held);
        add(clientId, day, 1, 0);
    }

    /** A session's day was corrected from {@code from} to {@code to}. */
    void moved(UUID clientId, LocalDate from, LocalDate to) {
        hold(clientId);
        if (from.equals(to)) {
            return;
        }
        if (!monthOf(from).equals(monthOf(to))) {
            add(clientId, from, -1, 0);
            add(clientId, to, 1, 0);
        }
        firstSessionAnew(clientId);
    }

    /** A session held on {@code day} was cancelled: it counts as cancelled, no longer as held. */
    void cancelled(UUID clientId, LocalDate day) {
        hold(clientId);
        add(clientId, day, -1, 1);
        firstSessionAnew(clientId);
    }

    /** The first day of the month of {@code day}: the key of its counts. */
    public static LocalDate monthOf(LocalDate day) {
        return day.withDayOfMonth(1);
    }

    /** The case's row, held until the transaction ends (an update that changes nothing, as the others do). */
    private void hold(UUID clientId) {
        requireClient(jdbc.sql("UPDATE cas_client SET first_session_on = first_session_on WHERE id = ?").param(clientId)
                .update());
    }

    /**
     * The sessions no longer have a foreign key to {@code cas_client} (the purge job deletes them after an
     * erasure): a session written while its client is being erased waits here for the erasure's row lock,
     * finds no row and rolls back with its transaction, instead of leaving a row behind the purge.
     */
    private static void requireClient(int rowsHeld) {
        if (rowsHeld == 0) {
            throw new org.exitwork.platform.NotFoundException();
        }
    }

    private void add(UUID clientId, LocalDate day, int held, int cancelled) {
        Date month = Date.valueOf(monthOf(day));
        jdbc.sql("INSERT INTO cas_month_count (client_id, month_start, held, cancelled) VALUES (?, ?, 0, 0)"
                + " ON CONFLICT DO NOTHING").params(clientId, month).update();
        jdbc.sql("UPDATE cas_month_count SET held = held + ?, cancelled = cancelled + ?"
                + " WHERE client_id = ? AND month_start = ?").params(held, cancelled, clientId, month).update();
    }

    /** Found in the case's sessions, after {@link #hold}: a statement begun after every earlier change ended. */
    private void firstSessionAnew(UUID clientId) {
        jdbc.sql("UPDATE cas_client SET first_session_on = (SELECT MIN(s.session_date) FROM cas_session_note s"
                + " WHERE s.client_id = ? AND s.cancelled_at IS NULL) WHERE id = ?").params(clientId, clientId).update();
    }
}
