package org.exitwork.programme.internal.ratings;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.exitwork.cases.CaseProgrammes.OutcomeProgress;
import org.exitwork.programme.internal.dashboard.OutcomeTallies;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of outcome ratings: scores and dates plain, the comment as the caller sealed it. */
@Repository
class RatingRepository {

    record Row(UUID id, UUID outcomeId, LocalDate ratedOn, int score, byte[] comment, UUID recordedBy) {
    }

    private final JdbcClient jdbc;
    private final OutcomeTallies tallies;

    RatingRepository(JdbcClient jdbc, OutcomeTallies tallies) {
        this.jdbc = jdbc;
        this.tallies = tallies;
    }

    void insert(UUID org, UUID clientId, UUID id, UUID outcomeId, LocalDate ratedOn, int score, byte[] comment,
            UUID by, Timestamp at) {
        tallies.change(clientId, outcomeId, () -> jdbc.sql("""
                INSERT INTO prg_outcome_rating (id, org_id, client_id, outcome_id, rated_on, score, comment,
                    recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, org, clientId, outcomeId, Date.valueOf(ratedOn), score, comment, by, at).update());
    }

    boolean rated(UUID clientId, UUID outcomeId, LocalDate on) {
        return jdbc.sql("SELECT COUNT(*) FROM prg_outcome_rating WHERE client_id = ? AND outcome_id = ? AND rated_on = ?")
                .params(clientId, outcomeId, Date.valueOf(on)).query(Long.class).single() > 0;
    }

    /** The client's ratings of the programme's outcomes, newest first. */
    List<Row> ofClient(UUID org, UUID clientId, UUID programmeId) {
        return jdbc.sql("""
                SELECT r.id, r.outcome_id, r.rated_on, r.score, r.comment, r.recorded_by
                FROM prg_outcome_rating r JOIN prg_outcome o ON o.id = r.outcome_id
                WHERE r.org_id = ? AND r.client_id = ? AND o.programme_id = ?
                ORDER BY r.rated_on DESC, o.position""")
                .params(org, clientId, programmeId)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getDate(3).toLocalDate(), rs.getInt(4), rs.getBytes(5), rs.getObject(6, UUID.class)))
                .list();
    }

    /** Every outcome of the programme with the client's first and latest score (plain columns only). */
    List<OutcomeProgress> progress(UUID org, UUID programmeId, UUID clientId) {
        return jdbc.sql("""
                SELECT o.name, o.scale_max, f.score, x.first_on, l.score, x.last_on
                FROM prg_outcome o
                JOIN prg_programme p ON p.id = o.programme_id
                LEFT JOIN (SELECT outcome_id, MIN(rated_on) AS first_on, MAX(rated_on) AS last_on
                           FROM prg_outcome_rating WHERE client_id = ? GROUP BY outcome_id) x ON x.outcome_id = o.id
                LEFT JOIN prg_outcome_rating f ON f.client_id = ? AND f.outcome_id = o.id AND f.rated_on = x.first_on
                LEFT JOIN prg_outcome_rating l ON l.client_id = ? AND l.outcome_id = o.id AND l.rated_on = x.last_on
                WHERE p.org_id = ? AND o.programme_id = ?
                ORDER BY o.position""")
                .params(clientId, clientId, clientId, org, programmeId)
                .query((rs, n) -> {
                    Date first = rs.getDate(4);
                    Date last = rs.getDate(6);
                    return new OutcomeProgress(rs.getString(1), rs.getInt(2), (Integer) rs.getObject(3, Integer.class),
                            first == null ? null : first.toLocalDate(), (Integer) rs.getObject(5, Integer.class),
                            last == null ? null : last.toLocalDate());
                })
                .list();
    }

    /** Every rating of the client, and what they contributed to the outcome tallies. */
    void deleteOfClient(UUID clientId) {
        for (UUID outcome : tallies.ratedOutcomes(clientId)) {
            tallies.change(clientId, outcome, () -> jdbc.sql("DELETE FROM prg_outcome_rating WHERE client_id = ?"
                    + " AND outcome_id = ?").params(clientId, outcome).update());
        }
    }
}
