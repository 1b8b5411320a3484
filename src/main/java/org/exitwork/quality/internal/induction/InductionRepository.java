package org.exitwork.quality.internal.induction;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.exitwork.keys.SystemSecrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code qua_induction_topic}: the organisation's topics in order, titles encrypted with the system key. */
@Repository
class InductionRepository {

    private static final String TABLE = "qua_induction_topic";

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;

    InductionRepository(JdbcClient jdbc, SystemSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    List<InductionTopic> topics(UUID org) {
        record TopicRow(UUID id, int position, byte[] title) {
        }
        List<TopicRow> rows = jdbc.sql("SELECT id, position, title FROM qua_induction_topic WHERE org_id = ? "
                + "ORDER BY position, created_at").param(org)
                .query((rs, n) -> new TopicRow(rs.getObject("id", UUID.class), rs.getInt("position"),
                        rs.getBytes("title")))
                .list();
        return rows.stream().map(r -> new InductionTopic(r.id(), r.position(),
                secrets.cipher().row(TABLE, r.id()).open("title", r.title()))).toList();
    }

    /** @return the position the new topic took: after the last one */
    int append(UUID id, UUID org, String title, Instant now) {
        Integer last = jdbc.sql("SELECT MAX(position) FROM qua_induction_topic WHERE org_id = ?")
                .param(org).query(Integer.class).optional().orElse(null);
        int position = last == null ? 1 : last + 1;
        jdbc.sql("INSERT INTO qua_induction_topic (id, org_id, position, title, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, org, position, secrets.cipher().row(TABLE, id).seal("title", title), Timestamp.from(now))
                .update();
        return position;
    }

    boolean delete(UUID org, UUID id) {
        return jdbc.sql("DELETE FROM qua_induction_topic WHERE id = ? AND org_id = ?").params(id, org).update() > 0;
    }

    void setPosition(UUID org, UUID id, int position) {
        jdbc.sql("UPDATE qua_induction_topic SET position = ? WHERE id = ? AND org_id = ?")
                .params(position, id, org).update();
    }
}
