package org.exitwork.quality.internal.training;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.exitwork.keys.FieldCipher.RowCipher;
import org.exitwork.keys.SystemSecrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code qua_training}: title and provider encrypted with the system key. */
@Repository
class TrainingRepository {

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;

    TrainingRepository(JdbcClient jdbc, SystemSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    private RowCipher row(UUID id) {
        return secrets.cipher().row("qua_training", id);
    }

    void insert(UUID id, UUID org, UUID staffId, LocalDate takenOn, String title, String provider, UUID topicId,
            UUID recordedBy, Instant now) {
        RowCipher row = row(id);
        jdbc.sql("INSERT INTO qua_training (id, org_id, staff_id, taken_on, title, provider, topic_id, recorded_by, "
                + "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, org, staffId, Date.valueOf(takenOn), row.seal("title", title),
                        row.seal("provider", provider), topicId, recordedBy, Timestamp.from(now))
                .update();
    }

    private record TrainingRow(UUID id, UUID staffId, LocalDate takenOn, byte[] title, byte[] provider, UUID topicId,
            int version) {
    }

    private static final String TRAINING = "SELECT id, staff_id, taken_on, title, provider, topic_id, version "
            + "FROM qua_training ";

    private static TrainingRow stored(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new TrainingRow(rs.getObject("id", UUID.class), rs.getObject("staff_id", UUID.class),
                rs.getObject("taken_on", LocalDate.class), rs.getBytes("title"), rs.getBytes("provider"),
                rs.getObject("topic_id", UUID.class), rs.getInt("version"));
    }

    private Training opened(TrainingRow r) {
        RowCipher row = row(r.id());
        return new Training(r.id(), r.takenOn(), row.open("title", r.title()), row.open("provider", r.provider()),
                r.topicId(), r.version());
    }

    /** One staff member's trainings, newest first. */
    List<Training> of(UUID org, UUID staffId) {
        return jdbc.sql(TRAINING + "WHERE org_id = ? AND staff_id = ? ORDER BY taken_on DESC, recorded_at DESC")
                .params(org, staffId).query(TrainingRepository::stored).list().stream().map(this::opened).toList();
    }

    /** One training of one staff member; {@code lock} locks its row for a correction. */
    java.util.Optional<Training> find(UUID org, UUID staffId, UUID id, boolean lock) {
        return jdbc.sql(TRAINING + "WHERE org_id = ? AND staff_id = ? AND id = ?" + (lock ? " FOR UPDATE" : ""))
                .params(org, staffId, id).query(TrainingRepository::stored).optional().map(this::opened);
    }

    /** Keeps the training as it is now as an earlier version, its texts sealed anew for the version's row. */
    void keepVersion(Training current, UUID replacedBy, Instant now, List<String> changed) {
        UUID id = UUID.randomUUID();
        RowCipher row = secrets.cipher().row("qua_training_version", id);
        jdbc.sql("INSERT INTO qua_training_version (id, training_id, version, taken_on, title, provider, topic_id, "
                + "replaced_by, replaced_at, changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, current.id(), current.version(), Date.valueOf(current.takenOn()),
                        row.seal("title", current.title()), row.seal("provider", current.provider()),
                        current.topicId(), replacedBy, Timestamp.from(now), String.join(",", changed))
                .update();
    }

    void update(UUID id, LocalDate takenOn, String title, String provider, UUID topicId) {
        RowCipher row = row(id);
        jdbc.sql("UPDATE qua_training SET taken_on = ?, title = ?, provider = ?, topic_id = ?, version = version + 1 "
                + "WHERE id = ?")
                .params(Date.valueOf(takenOn), row.seal("title", title), row.seal("provider", provider), topicId, id)
                .update();
    }

    /** An earlier version as stored, texts opened. */
    record VersionRow(int version, LocalDate takenOn, String title, String provider, UUID topicId, UUID replacedBy,
            Instant replacedAt, List<String> changed) {
    }

    /** The earlier versions of a training, newest first. */
    List<VersionRow> versions(UUID trainingId) {
        return jdbc.sql("SELECT id, version, taken_on, title, provider, topic_id, replaced_by, replaced_at, changed "
                + "FROM qua_training_version WHERE training_id = ? ORDER BY version DESC").param(trainingId)
                .query((rs, n) -> {
                    RowCipher row = secrets.cipher().row("qua_training_version", rs.getObject("id", UUID.class));
                    String changed = rs.getString("changed");
                    return new VersionRow(rs.getInt("version"), rs.getObject("taken_on", LocalDate.class),
                            row.open("title", rs.getBytes("title")), row.open("provider", rs.getBytes("provider")),
                            rs.getObject("topic_id", UUID.class), rs.getObject("replaced_by", UUID.class),
                            rs.getTimestamp("replaced_at").toInstant(),
                            changed.isEmpty() ? List.of() : List.of(changed.split(",")));
                }).list();
    }

    /** For each induction topic one staff member has covered: the date of the first training linked to it. */
    Map<UUID, LocalDate> firstTakenPerTopic(UUID org, UUID staffId) {
        Map<UUID, LocalDate> done = new HashMap<>();
        jdbc.sql("SELECT topic_id, MIN(taken_on) AS first_on FROM qua_training WHERE org_id = ? AND staff_id = ? "
                + "AND topic_id IS NOT NULL GROUP BY topic_id").params(org, staffId)
                .query(rs -> {
                    done.put(rs.getObject("topic_id", UUID.class), rs.getObject("first_on", LocalDate.class));
                });
        return done;
    }
}
