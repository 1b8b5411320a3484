package org.exitwork.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import org.h2.api.Trigger;

/**
 * H2's counterpart of the PostgreSQL trigger on {@code aud_chain}: a chain's head is never deleted
 * and only moves one entry forward, so it cannot be moved back over a cut-off tail.
 */
public class ForwardOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        // columns: chain, org_id, last_seq, last_mac
        if (oldRow != null && newRow != null && Objects.equals(oldRow[0], newRow[0])
                && Objects.equals(oldRow[1], newRow[1])
                && ((Number) newRow[2]).longValue() == ((Number) oldRow[2]).longValue() + 1) {
            return;
        }
        throw new SQLException("audit chain heads only move one entry forward: change refused");
    }
}
