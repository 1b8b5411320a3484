package org.exitwork.programme.internal.dashboard;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Outcome change over the programme's clients: per outcome, the clients rated at least twice, the
 * mean of their first and of their latest score, and how many moved up or down. One query over the
 * tallies kept per outcome ({@link OutcomeTallies}); no comment is opened.
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
        return of(org, programmeId, java.time.LocalDate.of(1900, 1, 1), java.time.LocalDate.of(9999, 12, 31));
    }

    /**
     * What a funder report for the period {@code from} to {@code until} counts: the clients whose latest
     * rating up to {@code until} falls in the period, rated at least twice by then (first rating against
     * that latest one). Not everyone rated up to the period's end: those counts only grow from period to
     * period, so two reports subtracted would show the few people rated in between and how they fared.
     */
    public List<Change> of(UUID org, UUID programmeId, java.time.LocalDate from, java.time.LocalDate until) {
        java.sql.Date start = java.sql.Date.valueOf(from);
        java.sql.Date last = java.sql.Date.valueOf(until);
        // Added up from the tallies kept per outcome (prg_outcome_tally, by OutcomeTallies): the rows of the
        // latest ratings up to the period's end that fall in the period, a few per outcome and day.
        return jdbc.sql("""
                SELECT o.id, o.name, o.scale_max, COALESCE(SUM(t.n), 0),
                       CASE WHEN SUM(t.n) > 0 THEN CAST(SUM(t.sum_first) AS DOUBLE PRECISION) / SUM(t.n) END,
                       CASE WHEN SUM(t.n) > 0 THEN CAST(SUM(t.sum_latest) AS DOUBLE PRECISION) / SUM(t.n) END,
                       COALESCE(SUM(t.better), 0), COALESCE(SUM(t.worse), 0)
                FROM prg_outcome o
                JOIN prg_programme p ON p.id = o.programme_id
                LEFT JOIN prg_outcome_tally t ON t.outcome_id = o.id AND t.rated_on BETWEEN ? AND ?
                      AND (t.next_on > ? OR t.next_on = ?)
                WHERE p.org_id = ? AND o.programme_id = ?
                GROUP BY o.id, o.name, o.scale_max, o.position
                ORDER BY o.position""")
                .params(start, last, last, java.sql.Date.valueOf(OutcomeTallies.OPEN), org, programmeId)
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
