package org.exitwork.programme.internal.dashboard;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The oracle of the outcome tallies ({@link OutcomeTallies}): {@link OutcomeChanges} as it was before them,
 * finding every client's first and latest rating among all ratings of the programme. Not a bean.
 */
public class CountedOutcomeChanges {

    private final JdbcClient jdbc;

    public CountedOutcomeChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<OutcomeChanges.Change> of(UUID org, UUID programmeId) {
        return of(org, programmeId, java.time.LocalDate.of(1900, 1, 1), java.time.LocalDate.of(9999, 12, 31));
    }

    /**
     * What a funder report for the period {@code from} to {@code until} counts: the clients whose latest
     * rating up to {@code until} falls in the period, rated at least twice by then (first rating against
     * that latest one). Not everyone rated up to the period's end: those counts only grow from period to
     * period, so two reports subtracted would show the few people rated in between and how they fared.
     */
    public List<OutcomeChanges.Change> of(UUID org, UUID programmeId, java.time.LocalDate from, java.time.LocalDate until) {
        java.sql.Date start = java.sql.Date.valueOf(from);
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
                           FROM (SELECT outcome_id, client_id, score, rated_on,
                                        ROW_NUMBER() OVER (PARTITION BY outcome_id, client_id ORDER BY rated_on) AS nth,
                                        COUNT(*) OVER (PARTITION BY outcome_id, client_id) AS ratings
                                 FROM prg_outcome_rating
                                 WHERE org_id = ? AND rated_on <= ?
                                   AND outcome_id IN (SELECT id FROM prg_outcome WHERE programme_id = ?)) r
                           WHERE r.ratings > 1
                           GROUP BY r.outcome_id, r.client_id
                           HAVING MAX(r.rated_on) >= ?) x ON x.outcome_id = o.id
                WHERE p.org_id = ? AND o.programme_id = ?
                GROUP BY o.id, o.name, o.scale_max, o.position
                ORDER BY o.position""")
                .params(org, last, programmeId, start, org, programmeId)
                .query((rs, n) -> {
                    double first = rs.getDouble(5);
                    Double meanFirst = rs.wasNull() ? null : first;
                    double latest = rs.getDouble(6);
                    Double meanLatest = rs.wasNull() ? null : latest;
                    return new OutcomeChanges.Change(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getLong(4),
                            meanFirst, meanLatest, rs.getLong(7), rs.getLong(8));
                })
                .list();
    }
}
