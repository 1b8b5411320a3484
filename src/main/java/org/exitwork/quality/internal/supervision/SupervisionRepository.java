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
import org.exitwork.platform.KeysetPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of {@code qua_supervision} and its participants; topic and supervisor encrypted with the system key. */
@Repository
class SupervisionRepository {

    /** A session as stored, texts opened, participants as staff ids. */
    record Row(UUID id, LocalDate heldOn, SupervisionKind kind, String topic, String supervisorName,
            List<UUID> participants, int version) {
    }

    /** An earlier version: the session as it was before {@code replacedBy} corrected it at {@code replacedAt}. */
    record VersionRow(int version, LocalDate heldOn, SupervisionKind kind, String topic, String supervisorName,
            List<UUID> participants, UUID replacedBy, Instant replacedAt, List<String> changed) {
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
        var spec = jdbc.sql("SELECT s.id, s.held_on, s.kind, s.topic, s.supervisor_name, s.version FROM qua_supervision s "
                + "WHERE s.org_id = :org " + condition + " ORDER BY s.held_on DESC, s.recorded_at DESC")
                .param("org", org);
        if (staffId != null) {
            spec = spec.param("staff", staffId);
        }
        return rows(spec.query(SupervisionRepository::stored).list());
    }

    /**
     * One page of the organisation's sessions, or of those {@code staffId} took part in, newest first by
     * (held_on, recorded_at, id) descending, of one kind when given: the {@code limit} after the session
     * {@code after} (older), or before the session {@code before} (newer) read backwards. Keyset on
     * qua_supervision_list (V1_61_1), no OFFSET; a cursor of another organisation, or that the reader may
     * not list, matches nothing, so the page is empty.
     */
    List<Row> page(UUID org, UUID staffId, SupervisionKind kind, UUID after, UUID before, int limit) {
        boolean backwards = KeysetPage.backwards(after, before);
        UUID cursor = backwards ? before : after;
        StringBuilder sql = new StringBuilder("SELECT s.id, s.held_on, s.kind, s.topic, s.supervisor_name, s.version "
                + "FROM qua_supervision s");
        Map<String, Object> params = new HashMap<>();
        if (cursor != null) {
            sql.append(" JOIN qua_supervision k ON k.id = :cursor AND k.org_id = s.org_id");
            if (staffId != null) {
                // A practitioner's cursor must be one of their own sessions, or the page is empty.
                sql.append(" AND k.id IN (SELECT supervision_id FROM qua_supervision_participant WHERE staff_id = :staff)");
            }
            params.put("cursor", cursor);
        }
        sql.append(" WHERE s.org_id = :org");
        params.put("org", org);
        if (staffId != null) {
            sql.append(" AND s.id IN (SELECT supervision_id FROM qua_supervision_participant WHERE staff_id = :staff)");
            params.put("staff", staffId);
        }
        if (kind != null) {
            sql.append(" AND s.kind = :kind");
            params.put("kind", kind.name());
        }
        if (cursor != null) {
            String op = backwards ? ">" : "<";
            sql.append(" AND (s.held_on " + op + " k.held_on OR (s.held_on = k.held_on AND (s.recorded_at " + op
                    + " k.recorded_at OR (s.recorded_at = k.recorded_at AND s.id " + op + " k.id))))");
        }
        sql.append(backwards ? " ORDER BY s.held_on, s.recorded_at, s.id"
                : " ORDER BY s.held_on DESC, s.recorded_at DESC, s.id DESC").append(" FETCH FIRST :limit ROWS ONLY");
        params.put("limit", limit);
        return rows(jdbc.sql(sql.toString()).params(params).query(SupervisionRepository::stored).list());
    }

    private record Stored(UUID id, LocalDate heldOn, String kind, byte[] topic, byte[] supervisorName, int version) {
    }

    private static Stored stored(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Stored(rs.getObject("id", UUID.class), rs.getObject("held_on", LocalDate.class),
                rs.getString("kind"), rs.getBytes("topic"), rs.getBytes("supervisor_name"), rs.getInt("version"));
    }

    /** One session of the organisation; {@code lock} locks its row for a correction. */
    java.util.Optional<Row> find(UUID org, UUID id, boolean lock) {
        List<Stored> rows = jdbc.sql("SELECT id, held_on, kind, topic, supervisor_name, version FROM qua_supervision "
                + "WHERE org_id = ? AND id = ?" + (lock ? " FOR UPDATE" : "")).params(org, id)
                .query(SupervisionRepository::stored).list();
        return rows(rows).stream().findFirst();
    }

    private List<Row> rows(List<Stored> rows) {
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
                    row.open("supervisor_name", r.supervisorName()), participants.getOrDefault(r.id(), List.of()),
                    r.version());
        }).toList();
    }

    /** Keeps the session as it is now as an earlier version, its texts sealed anew for the version's row. */
    void keepVersion(Row current, UUID replacedBy, Instant now, List<String> changed) {
        UUID id = UUID.randomUUID();
        RowCipher row = secrets.cipher().row("qua_supervision_version", id);
        jdbc.sql("INSERT INTO qua_supervision_version (id, supervision_id, version, held_on, kind, topic, "
                + "supervisor_name, replaced_by, replaced_at, changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, current.id(), current.version(), Date.valueOf(current.heldOn()), current.kind().name(),
                        row.seal("topic", current.topic()), row.seal("supervisor_name", current.supervisorName()),
                        replacedBy, Timestamp.from(now), String.join(",", changed))
                .update();
        for (UUID participant : current.participants()) {
            jdbc.sql("INSERT INTO qua_supervision_version_participant (version_id, staff_id) VALUES (?, ?)")
                    .params(id, participant).update();
        }
    }

    /** The corrected session; its participants replaced. */
    void update(UUID id, LocalDate heldOn, SupervisionKind kind, String topic, String supervisorName,
            Collection<UUID> participants) {
        RowCipher row = row(id);
        jdbc.sql("UPDATE qua_supervision SET held_on = ?, kind = ?, topic = ?, supervisor_name = ?, "
                + "version = version + 1 WHERE id = ?")
                .params(Date.valueOf(heldOn), kind.name(), row.seal("topic", topic),
                        row.seal("supervisor_name", supervisorName), id)
                .update();
        jdbc.sql("DELETE FROM qua_supervision_participant WHERE supervision_id = ?").param(id).update();
        for (UUID participant : new LinkedHashSet<>(participants)) {
            jdbc.sql("INSERT INTO qua_supervision_participant (supervision_id, staff_id) VALUES (?, ?)")
                    .params(id, participant).update();
        }
    }

    /** The earlier versions of a session, newest first. */
    List<VersionRow> versions(UUID supervisionId) {
        record StoredVersion(UUID id, int version, LocalDate heldOn, String kind, byte[] topic, byte[] supervisorName,
                UUID replacedBy, Timestamp replacedAt, String changed) {
        }
        List<StoredVersion> rows = jdbc.sql("SELECT id, version, held_on, kind, topic, supervisor_name, replaced_by, "
                + "replaced_at, changed FROM qua_supervision_version WHERE supervision_id = ? ORDER BY version DESC")
                .param(supervisionId)
                .query((rs, n) -> new StoredVersion(rs.getObject("id", UUID.class), rs.getInt("version"),
                        rs.getObject("held_on", LocalDate.class), rs.getString("kind"), rs.getBytes("topic"),
                        rs.getBytes("supervisor_name"), rs.getObject("replaced_by", UUID.class),
                        rs.getTimestamp("replaced_at"), rs.getString("changed")))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<UUID>> participants = new HashMap<>();
        jdbc.sql("SELECT version_id, staff_id FROM qua_supervision_version_participant WHERE version_id IN (:ids)")
                .param("ids", rows.stream().map(StoredVersion::id).toList())
                .query(rs -> {
                    participants.computeIfAbsent(rs.getObject("version_id", UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject("staff_id", UUID.class));
                });
        return rows.stream().map(r -> {
            RowCipher row = secrets.cipher().row("qua_supervision_version", r.id());
            return new VersionRow(r.version(), r.heldOn(), SupervisionKind.valueOf(r.kind()),
                    row.open("topic", r.topic()), row.open("supervisor_name", r.supervisorName()),
                    participants.getOrDefault(r.id(), List.of()), r.replacedBy(), r.replacedAt().toInstant(),
                    r.changed().isEmpty() ? List.of() : List.of(r.changed().split(",")));
        }).toList();
    }
}
