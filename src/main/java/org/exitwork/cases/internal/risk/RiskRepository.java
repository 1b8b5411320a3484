package org.exitwork.cases.internal.risk;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The mark on {@code cas_client.high_risk} and its history in {@code cas_risk_mark}. */
@Repository
class RiskRepository {

    record MarkRow(UUID id, boolean marked, RiskReason reason, byte[] note, UUID markedBy, Instant markedAt) {
    }

    record Marked(UUID clientId, String pseudonym) {
    }

    private final JdbcClient jdbc;

    RiskRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean highRisk(UUID clientId) {
        return jdbc.sql("SELECT high_risk FROM cas_client WHERE id = ?").param(clientId).query(Boolean.class).single();
    }

    /** Sets the mark only if it is still the other way round; 0 when someone else changed it first. */
    int set(UUID clientId, boolean marked) {
        return jdbc.sql("UPDATE cas_client SET high_risk = ? WHERE id = ? AND high_risk = ?")
                .params(marked, clientId, !marked).update();
    }

    /** Only after {@link #set} changed the case's row (which holds its lock), so that {@code seq} is free. */
    void insert(UUID clientId, MarkRow row) {
        jdbc.sql("INSERT INTO cas_risk_mark (id, client_id, seq, marked, reason, note, marked_by, marked_at) "
                + "VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM cas_risk_mark WHERE client_id = ?), "
                + "?, ?, ?, ?, ?)")
                .params(row.id(), clientId, clientId, row.marked(), row.reason().name(), row.note(), row.markedBy(),
                        Timestamp.from(row.markedAt()))
                .update();
    }

    List<MarkRow> marks(UUID clientId) {
        return jdbc.sql("SELECT id, marked, reason, note, marked_by, marked_at FROM cas_risk_mark "
                + "WHERE client_id = ? ORDER BY seq")
                .param(clientId)
                .query((rs, n) -> new MarkRow(rs.getObject(1, UUID.class), rs.getBoolean(2),
                        RiskReason.valueOf(rs.getString(3)), rs.getBytes(4), rs.getObject(5, UUID.class),
                        rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The organisation's open cases marked high-risk, by pseudonym. */
    List<Marked> marked(UUID org) {
        // cas_client_high_risk (V1_64_0): as many rows read as there are marked cases.
        return jdbc.sql("SELECT id, pseudonym FROM cas_client WHERE org_id = ? AND high_risk = TRUE "
                + "AND stage IN ('PROSPECT', 'CLIENT') ORDER BY pseudonym")
                .param(org)
                .query((rs, n) -> new Marked(rs.getObject(1, UUID.class), rs.getString(2))).list();
    }
}
