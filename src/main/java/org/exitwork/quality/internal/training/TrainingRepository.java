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

    /** One staff member's trainings, newest first. */
    List<Training> of(UUID org, UUID staffId) {
        record TrainingRow(UUID id, LocalDate takenOn, byte[] title, byte[] provider, UUID topicId) {
        }
        List<TrainingRow> rows = jdbc.sql("SELECT id, taken_on, title, provider, topic_id FROM qua_training "
                + "WHERE org_id = ? AND staff_id = ? ORDER BY taken_on DESC, recorded_at DESC")
                .params(org, staffId)
                .query((rs, n) -> new TrainingRow(rs.getObject("id", UUID.class),
                        rs.getObject("taken_on", LocalDate.class), rs.getBytes("title"), rs.getBytes("provider"),
                        rs.getObject("topic_id", UUID.class)))
                .list();
        return rows.stream().map(r -> {
            RowCipher row = row(r.id());
            return new Training(r.id(), r.takenOn(), row.open("title", r.title()), row.open("provider", r.provider()),
                    r.topicId());
        }).toList();
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
