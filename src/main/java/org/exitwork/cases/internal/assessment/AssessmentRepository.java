package org.exitwork.cases.internal.assessment;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code cas_assessment}: one row per version, every finding encrypted with the client's key. */
@Repository
class AssessmentRepository {

    static final String TABLE = "cas_assessment";

    record Row(UUID id, int version, LocalDate assessedOn, UUID recordedBy, Instant recordedAt, byte[] resources,
            byte[] capacities, byte[] protectiveFactors, byte[] socialContext, byte[] dangerToSelf,
            byte[] dangerToSelfWhy, byte[] dangerToOthers, byte[] dangerToOthersWhy) {
    }

    private final JdbcClient jdbc;

    AssessmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest version first. */
    List<Row> versions(UUID clientId) {
        return jdbc.sql("SELECT * FROM cas_assessment WHERE client_id = ? ORDER BY version DESC")
                .param(clientId).query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getInt("version"),
                        rs.getDate("assessed_on").toLocalDate(), rs.getObject("recorded_by", UUID.class),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getBytes("resources"),
                        rs.getBytes("capacities"), rs.getBytes("protective_factors"), rs.getBytes("social_context"),
                        rs.getBytes("danger_to_self"), rs.getBytes("danger_to_self_why"), rs.getBytes("danger_to_others"),
                        rs.getBytes("danger_to_others_why")))
                .list();
    }

    int nextVersion(UUID clientId) {
        return jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM cas_assessment WHERE client_id = ?")
                .param(clientId).query(Integer.class).single() + 1;
    }

    void insert(UUID clientId, Row r) {
        jdbc.sql("INSERT INTO cas_assessment (id, client_id, version, assessed_on, recorded_by, recorded_at, "
                + "resources, capacities, protective_factors, social_context, danger_to_self, danger_to_self_why, "
                + "danger_to_others, danger_to_others_why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), clientId, r.version(), r.assessedOn(), r.recordedBy(), Timestamp.from(r.recordedAt()),
                        r.resources(), r.capacities(), r.protectiveFactors(), r.socialContext(), r.dangerToSelf(),
                        r.dangerToSelfWhy(), r.dangerToOthers(), r.dangerToOthersWhy())
                .update();
    }
}
