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
        // Only the ratings of this programme's outcomes, read in the order of prg_outcome_rating_scores
        // (an index-only scan): each client's first and latest score per outcome by their position among
        // that client's ratings of the outcome (one rating a day, so first and latest are single rows).
        return jdbc.sql("""
                SELECT o.id, o.name, o.scale_max, COUNT(x.client_id),
                       AVG(CAST(x.first_score AS DOUBLE PRECISION)), AVG(CAST(x.last_score AS DOUBLE PRECISION)),
                       COALESCE(SUM(CASE WHEN x.last_score > x.first_score THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN x.last_score < x.first_score THEN 1 ELSE 0 END), 0)
                FROM prg_outcome o
                JOIN prg_programme p ON p.id = o.programme_id
                LEFT JOIN (SELECT r.outcome_id, r.client_id,
                                  MAX(CASE WHEN r.nth = 1 THEN r.score END) AS first_score,
                                  MAX(CASE WHEN r.nth = r.ratings THEN r.score END) AS last_score
                           FROM (SELECT outcome_id, client_id, score,
                                        ROW_NUMBER() OVER (PARTITION BY outcome_id, client_id ORDER BY rated_on) AS nth,
                                        COUNT(*) OVER (PARTITION BY outcome_id, client_id) AS ratings
                                 FROM prg_outcome_rating
                                 WHERE org_id = ? AND rated_on <= ?
                                   AND outcome_id IN (SELECT id FROM prg_outcome WHERE programme_id = ?)) r
                           WHERE r.ratings > 1
                           GROUP BY r.outcome_id, r.client_id) x ON x.outcome_id = o.id
                WHERE p.org_id = ? AND o.programme_id = ?
                GROUP BY o.id, o.name, o.scale_max, o.position
                ORDER BY o.position""")
                .params(org, last, programmeId, org, programmeId)
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
