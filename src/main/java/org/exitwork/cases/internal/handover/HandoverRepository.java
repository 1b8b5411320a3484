package org.exitwork.cases.internal.handover;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
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
     * The open cases that may have a gap, found in SQL so that the overview reads a few cases' tandems, not
     * every open case's: a member who is not among {@code active}, or a client with fewer than two who are.
     * The tandem rows of the organisation's open cases are counted once, joined with the active
     * practitioners as a table (one array, {@code UNNEST}): a list of a thousand bind parameters, compared
     * per tandem row in correlated subqueries, took 2.5 s and more at 50,000 clients once PostgreSQL chose its
     * generic plan; this takes about 0.1 s there (bench/README.md, "50,000 clients: a run").
     */
    List<UUID> possibleGaps(UUID org, java.util.Collection<UUID> active) {
        Object[] ids = active.toArray();
        org.springframework.jdbc.core.SqlTypeValue activeIds = new org.springframework.jdbc.core.support.AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(java.sql.Connection connection, int sqlType, String typeName)
                    throws java.sql.SQLException {
                return connection.createArrayOf("uuid", ids);
            }
        };
        return jdbc.sql("""
                SELECT c.id FROM cas_client c
                LEFT JOIN (
                    SELECT t.client_id,
                           SUM(CASE WHEN a.id IS NULL THEN 0 ELSE 1 END) AS active_members,
                           SUM(CASE WHEN a.id IS NULL THEN 1 ELSE 0 END) AS other_members
                    FROM cas_tandem_member t
                    JOIN cas_client o ON o.id = t.client_id AND o.org_id = :org AND o.stage IN ('PROSPECT', 'CLIENT')
                    LEFT JOIN (SELECT CAST(x.id AS UUID) AS id FROM UNNEST(:active) AS x(id)) a ON a.id = t.staff_id
                    GROUP BY t.client_id) m ON m.client_id = c.id
                WHERE c.org_id = :org AND c.stage IN ('PROSPECT', 'CLIENT')
                  AND (COALESCE(m.other_members, 0) > 0
                       OR (c.stage = 'CLIENT' AND COALESCE(m.active_members, 0) < 2))""")
                .param("org", org).param("active", activeIds)
                .query(UUID.class).list();
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
