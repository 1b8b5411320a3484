package org.exitwork.quality.internal.supervision;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.exitwork.keys.FieldCipher.RowCipher;
import org.exitwork.keys.SystemSecrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of {@code qua_supervision} and its participants; topic and supervisor encrypted with the system key. */
@Repository
class SupervisionRepository {

    /** A session as stored, texts opened, participants as staff ids. */
    record Row(UUID id, LocalDate heldOn, SupervisionKind kind, String topic, String supervisorName,
            List<UUID> participants) {
    }

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;

    SupervisionRepository(JdbcClient jdbc, SystemSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    private RowCipher row(UUID id) {
        return secrets.cipher().row("qua_supervision", id);
    }

    void insert(UUID id, UUID org, LocalDate heldOn, SupervisionKind kind, String topic, String supervisorName,
            Collection<UUID> participants, UUID recordedBy, Instant now) {
        RowCipher row = row(id);
        jdbc.sql("INSERT INTO qua_supervision (id, org_id, held_on, kind, topic, supervisor_name, recorded_by, "
                + "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, org, Date.valueOf(heldOn), kind.name(), row.seal("topic", topic),
                        row.seal("supervisor_name", supervisorName), recordedBy, Timestamp.from(now))
                .update();
        for (UUID participant : new LinkedHashSet<>(participants)) {
            jdbc.sql("INSERT INTO qua_supervision_participant (supervision_id, staff_id) VALUES (?, ?)")
                    .params(id, participant).update();
        }
    }

    /** The organisation's sessions, or only those {@code staffId} took part in, newest first. */
    List<Row> of(UUID org, UUID staffId) {
        String condition = staffId == null ? ""
                : "AND s.id IN (SELECT supervision_id FROM qua_supervision_participant WHERE staff_id = :staff)";
        var spec = jdbc.sql("SELECT s.id, s.held_on, s.kind, s.topic, s.supervisor_name FROM qua_supervision s "
                + "WHERE s.org_id = :org " + condition + " ORDER BY s.held_on DESC, s.recorded_at DESC")
                .param("org", org);
        if (staffId != null) {
            spec = spec.param("staff", staffId);
        }
        record Stored(UUID id, LocalDate heldOn, String kind, byte[] topic, byte[] supervisorName) {
        }
        List<Stored> rows = spec.query((rs, n) -> new Stored(rs.getObject("id", UUID.class),
                rs.getObject("held_on", LocalDate.class), rs.getString("kind"), rs.getBytes("topic"),
                rs.getBytes("supervisor_name"))).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<UUID>> participants = new HashMap<>();
        jdbc.sql("SELECT supervision_id, staff_id FROM qua_supervision_participant WHERE supervision_id IN (:ids)")
                .param("ids", rows.stream().map(Stored::id).toList())
                .query(rs -> {
                    participants.computeIfAbsent(rs.getObject("supervision_id", UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject("staff_id", UUID.class));
                });
        return rows.stream().map(r -> {
            RowCipher row = row(r.id());
            return new Row(r.id(), r.heldOn(), SupervisionKind.valueOf(r.kind()), row.open("topic", r.topic()),
                    row.open("supervisor_name", r.supervisorName()), participants.getOrDefault(r.id(), List.of()));
        }).toList();
    }
}
