package org.exitwork.programme.internal.dashboard;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Outcome change over the programme's clients: per outcome, the clients rated at least twice, the
 * mean of their first and of their latest score, and how many moved up or down. One query over the
 * plain scores; no comment is opened.
 */
@Repository
public class OutcomeChanges {

    public record Change(UUID outcomeId, String outcome, int scaleMax, long clients, Double meanFirst, Double meanLatest,
            long better, long worse) {
    }

    private final JdbcClient jdbc;

    OutcomeChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Change> of(UUID org, UUID programmeId) {
        return of(org, programmeId, java.time.LocalDate.of(9999, 12, 31));
    }

    /** As rated up to and including {@code until}: what a report for a period ending then counts. */
    public List<Change> of(UUID org, UUID programmeId, java.time.LocalDate until) {
        java.sql.Date last = java.sql.Date.valueOf(until);
        return jdbc.sql("""
                SELECT o.id, o.name, o.scale_max, COUNT(f.id),
                       AVG(CAST(f.score AS DOUBLE PRECISION)), AVG(CAST(l.score AS DOUBLE PRECISION)),
                       COALESCE(SUM(CASE WHEN l.score > f.score THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN l.score < f.score THEN 1 ELSE 0 END), 0)
                FROM prg_outcome o
                JOIN prg_programme p ON p.id = o.programme_id
                LEFT JOIN (SELECT client_id, outcome_id, MIN(rated_on) AS first_on, MAX(rated_on) AS last_on
                           FROM prg_outcome_rating WHERE org_id = ? AND rated_on <= ?
                           GROUP BY client_id, outcome_id HAVING COUNT(*) > 1) x ON x.outcome_id = o.id
                LEFT JOIN prg_outcome_rating f
                       ON f.client_id = x.client_id AND f.outcome_id = o.id AND f.rated_on = x.first_on
                LEFT JOIN prg_outcome_rating l
                       ON l.client_id = x.client_id AND l.outcome_id = o.id AND l.rated_on = x.last_on
                WHERE p.org_id = ? AND o.programme_id = ?
                GROUP BY o.id, o.name, o.scale_max, o.position
                ORDER BY o.position""")
                .params(org, last, org, programmeId)
                .query((rs, n) -> {
                    double first = rs.getDouble(5);
                    Double meanFirst = rs.wasNull() ? null : first;
                    double latest = rs.getDouble(6);
                    Double meanLatest = rs.wasNull() ? null : latest;
                    return new Change(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getLong(4),
                            meanFirst, meanLatest, rs.getLong(7), rs.getLong(8));
                })
                .list();
    }
}
