package org.exitwork.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

import org.h2.api.Trigger;

/**
 * H2's counterpart of the PostgreSQL trigger on {@code aud_chain}: a chain's head is never deleted and
 * only moves forward, onto an entry of its chain stored with the tag it names, so it cannot be moved
 * back over a cut-off tail nor past the entries that exist. The writer links waiting entries in
 * batches, so one move may pass several entries.
 */
public class ForwardOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        // columns: chain, org_id, last_seq, last_mac
        if (oldRow != null && newRow != null && Objects.equals(oldRow[0], newRow[0])
                && Objects.equals(oldRow[1], newRow[1])
                && ((Number) newRow[2]).longValue() > ((Number) oldRow[2]).longValue()
                && stored(conn, (String) newRow[0], ((Number) newRow[2]).longValue(), (String) newRow[3])) {
            return;
        }
        throw new SQLException("audit chain heads only move forward onto a stored entry: change refused");
    }

    private static boolean stored(Connection conn, String chain, long seq, String tag) throws SQLException {
        try (PreparedStatement query = conn.prepareStatement(
                "SELECT hash FROM aud_entry WHERE chain = ? AND seq = ?")) {
            query.setString(1, chain);
            query.setLong(2, seq);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() && rs.getString(1).trim().equals(tag == null ? null : tag.trim());
            }
        }
    }
}
