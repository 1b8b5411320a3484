package org.exitwork.safety.internal.clientsafety.shield;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.keys.ClientKeys;
import org.exitwork.safety.internal.clientsafety.ClientSafetyAccess.Texts;
import org.exitwork.safety.internal.clientsafety.ClientSafetyAccess;
import org.exitwork.safety.internal.clientsafety.shield.ShieldPlans.Analysis;
import org.exitwork.safety.internal.clientsafety.shield.ShieldPlans.Measure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The threat analysis and shield plan ({@code saf_shield_plan}, one row per client) and its measures
 * ({@code saf_shield_measure}); every text encrypted with the client's key, bound to table, row and column.
 */
@Repository
public class ShieldRepository {

    static final String PLAN = "saf_shield_plan";
    static final String MEASURE = "saf_shield_measure";

    /** The stored analysis with who saved it last and when, and the version the saves have reached. */
    record StoredPlan(Analysis analysis, UUID updatedBy, Instant updatedAt, int version) {
    }

    private final JdbcClient jdbc;
    private final ClientKeys keys;

    ShieldRepository(JdbcClient jdbc, ClientKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    Optional<StoredPlan> plan(UUID id) {
        Texts plans = Texts.of(keys, id, PLAN);
        return jdbc.sql("SELECT * FROM " + PLAN + " WHERE client_id = ?").param(id)
                .query((rs, n) -> new StoredPlan(new Analysis(plans.open(id, "involved", rs.getBytes("involved")),
                        plans.open(id, "knowledge", rs.getBytes("knowledge")),
                        plans.open(id, "history", rs.getBytes("history")),
                        plans.open(id, "information_plan", rs.getBytes("information_plan")),
                        plans.open(id, "public_statement", rs.getBytes("public_statement"))),
                        rs.getObject("updated_by", UUID.class),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getInt("version")))
                .optional();
    }

    /** The measures in the order they were saved. */
    public List<Measure> measures(UUID id) {
        Texts measures = Texts.of(keys, id, MEASURE);
        return jdbc.sql("SELECT * FROM " + MEASURE + " WHERE client_id = ? ORDER BY position").param(id)
                .query((rs, n) -> {
                    UUID m = rs.getObject("id", UUID.class);
                    return new Measure(ShieldMeasureKind.valueOf(rs.getString("kind")),
                            measures.open(m, "description", rs.getBytes("description")),
                            measures.open(m, "owner_text", rs.getBytes("owner_text")),
                            ShieldMeasureStatus.valueOf(rs.getString("status")));
                }).list();
    }

    /**
     * Replaces the client's analysis and every measure, if the plan is still at {@code basedOn} (0: no plan
     * yet). The first save inserts the row, so two first saves at once leave one with a duplicate key
     * ({@link org.springframework.dao.DuplicateKeyException}); later saves update only the version they were
     * based on, which also locks the row, so the measures are replaced by one save after the other.
     * @return false when the plan has moved on from {@code basedOn}; nothing is changed then
     */
    boolean replace(UUID id, int basedOn, Analysis analysis, List<Measure> measures, UUID by, Instant at) {
        Texts plans = Texts.of(keys, id, PLAN);
        Timestamp now = Timestamp.from(at);
        byte[] involved = plans.seal(id, "involved", analysis.involved());
        byte[] knowledge = plans.seal(id, "knowledge", analysis.knowledge());
        byte[] history = plans.seal(id, "history", analysis.history());
        byte[] informationPlan = plans.seal(id, "information_plan", analysis.informationPlan());
        byte[] publicStatement = plans.seal(id, "public_statement", analysis.publicStatement());
        if (basedOn == 0) {
            jdbc.sql("INSERT INTO " + PLAN + " (client_id, involved, knowledge, history, information_plan, "
                    + "public_statement, updated_by, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)")
                    .params(id, involved, knowledge, history, informationPlan, publicStatement, by, now).update();
        } else if (jdbc.sql("UPDATE " + PLAN + " SET involved = ?, knowledge = ?, history = ?, information_plan = ?, "
                + "public_statement = ?, updated_by = ?, updated_at = ?, version = version + 1 "
                + "WHERE client_id = ? AND version = ?")
                .params(involved, knowledge, history, informationPlan, publicStatement, by, now, id, basedOn)
                .update() == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM " + MEASURE + " WHERE client_id = ?").param(id).update();
        Texts texts = Texts.of(keys, id, MEASURE);
        int position = 0;
        for (Measure m : measures) {
            UUID row = UUID.randomUUID();
            jdbc.sql("INSERT INTO " + MEASURE + " (id, client_id, position, kind, status, description, owner_text) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(row, id, position++, m.kind().name(), m.status().name(),
                            texts.seal(row, "description", m.description()), texts.seal(row, "owner_text", m.owner()))
                    .update();
        }
        return true;
    }
}
