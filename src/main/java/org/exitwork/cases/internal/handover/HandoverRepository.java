package org.exitwork.cases.internal.handover;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tandem's changes ({@code cas_tandem_change}) and what the overview needs to find tandems with gaps. */
@Repository
class HandoverRepository {

    enum Kind { JOINED, LEFT }

    record ChangeRow(UUID id, UUID staffId, Kind kind, HandoverReason reason, byte[] note, UUID changedBy,
            Instant changedAt) {
    }

    /** One member of an open case's tandem; {@code staffId} is null for a case nobody carries. */
    record Carrier(UUID clientId, String pseudonym, String stage, UUID staffId) {
    }

    private final JdbcClient jdbc;

    HandoverRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Only while the case's row is locked ({@code AccessRepository.lockTandem}), so that {@code seq} is free. */
    void insert(UUID clientId, ChangeRow row) {
        jdbc.sql("INSERT INTO cas_tandem_change (id, client_id, seq, staff_id, kind, reason, note, changed_by, changed_at) "
                + "VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM cas_tandem_change WHERE client_id = ?), "
                + "?, ?, ?, ?, ?, ?)")
                .params(row.id(), clientId, clientId, row.staffId(), row.kind().name(), row.reason().name(), row.note(),
                        row.changedBy(), Timestamp.from(row.changedAt()))
                .update();
    }

    List<ChangeRow> changes(UUID clientId) {
        return jdbc.sql("SELECT id, staff_id, kind, reason, note, changed_by, changed_at FROM cas_tandem_change "
                + "WHERE client_id = ? ORDER BY seq")
                .param(clientId)
                .query((rs, n) -> new ChangeRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        Kind.valueOf(rs.getString(3)), HandoverReason.valueOf(rs.getString(4)), rs.getBytes(5),
                        rs.getObject(6, UUID.class), rs.getObject(7, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Why the case runs with one practitioner (R2), sealed; null once two carry it again. */
    void singlePractitionerReason(UUID clientId, byte[] sealed) {
        jdbc.sql("UPDATE cas_client SET single_practitioner_reason = ? WHERE id = ?").params(sealed, clientId)
                .update();
    }

    /**
     * The open cases that may have a gap: clients with fewer than two practitioners (cas_client.tandem_size,
     * an index range) and open cases with a member among {@code departed} (the tandem members' index): read
     * as long as the answer is, not a row per case (issue 19).
     */
    List<UUID> possibleGaps(UUID org, Collection<UUID> departed) {
        Set<UUID> cases = new LinkedHashSet<>(jdbc.sql(
                "SELECT id FROM cas_client WHERE org_id = ? AND stage = 'CLIENT' AND tandem_size < 2")
                .param(org).query(UUID.class).list());
        if (!departed.isEmpty()) {
            cases.addAll(jdbc.sql("""
                    SELECT c.id FROM cas_tandem_member t JOIN cas_client c ON c.id = t.client_id
                    WHERE t.staff_id IN (:departed) AND c.org_id = :org AND c.stage IN ('PROSPECT', 'CLIENT')""")
                    .param("departed", List.copyOf(departed)).param("org", org)
                    .query(UUID.class).list());
        }
        return List.copyOf(cases);
    }

    /** The tandems of these open cases, as {@link #carriers} reads them. */
    List<Carrier> carriersOf(UUID org, java.util.Collection<UUID> clientIds) {
        if (clientIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT c.id, c.pseudonym, c.stage, t.staff_id FROM cas_client c
                LEFT JOIN cas_tandem_member t ON t.client_id = c.id
                WHERE c.org_id = :org AND c.id IN (:ids) AND c.stage IN ('PROSPECT', 'CLIENT')
                ORDER BY c.pseudonym, t.position""")
                .param("org", org).param("ids", List.copyOf(clientIds))
                .query((rs, n) -> new Carrier(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class)))
                .list();
    }
}
