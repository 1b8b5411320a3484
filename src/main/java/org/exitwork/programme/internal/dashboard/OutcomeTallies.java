package org.exitwork.programme.internal.dashboard;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outcome change kept per outcome ({@code prg_outcome_tally}, V1_57_0: what a row stands for is written
 * there), so that {@link OutcomeChanges} adds up rows per outcome and day instead of reading every rating of
 * the programme (issue 16). {@link #change} wraps every write of a client's ratings of one outcome: the
 * outcome's row is held until the transaction ends, the client's contribution before and after the write
 * are computed from the client's ratings and the difference added, as increments in SQL.
 */
@Repository
public class OutcomeTallies {

    /** The next day of the latest rating: none yet. */
    static final LocalDate OPEN = LocalDate.of(9999, 12, 31);

    private record Key(LocalDate ratedOn, LocalDate nextOn) implements Comparable<Key> {

        @Override
        public int compareTo(Key o) {
            int c = ratedOn.compareTo(o.ratedOn);
            return c != 0 ? c : nextOn.compareTo(o.nextOn);
        }
    }

    private final JdbcClient jdbc;

    OutcomeTallies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs {@code write}, which changes the client's ratings of the outcome, and keeps the tallies with it. */
    public void change(UUID clientId, UUID outcomeId, Runnable write) {
        jdbc.sql("SELECT id FROM prg_outcome WHERE id = ? FOR UPDATE").param(outcomeId).query(UUID.class).list();
        Map<Key, long[]> change = new TreeMap<>();
        contribution(clientId, outcomeId).forEach((k, v) -> change.merge(k, negate(v), OutcomeTallies::add));
        write.run();
        contribution(clientId, outcomeId).forEach((k, v) -> change.merge(k, v, OutcomeTallies::add));
        change.forEach((k, v) -> {
            if (v[0] == 0 && v[1] == 0 && v[2] == 0 && v[3] == 0 && v[4] == 0) {
                return;
            }
            jdbc.sql("INSERT INTO prg_outcome_tally (outcome_id, rated_on, next_on, n, sum_first, sum_latest, better, worse)"
                    + " VALUES (?, ?, ?, 0, 0, 0, 0, 0) ON CONFLICT DO NOTHING")
                    .params(outcomeId, Date.valueOf(k.ratedOn()), Date.valueOf(k.nextOn())).update();
            jdbc.sql("UPDATE prg_outcome_tally SET n = n + ?, sum_first = sum_first + ?, sum_latest = sum_latest + ?,"
                    + " better = better + ?, worse = worse + ? WHERE outcome_id = ? AND rated_on = ? AND next_on = ?")
                    .params(v[0], v[1], v[2], v[3], v[4], outcomeId, Date.valueOf(k.ratedOn()), Date.valueOf(k.nextOn()))
                    .update();
        });
    }

    /**
     * The tallies of the programme's outcomes counted anew from the ratings (for ratings written in bulk, not
     * by the services), by the same statement as V1_57_0.
     */
    public void recount(UUID programmeId) {
        jdbc.sql("DELETE FROM prg_outcome_tally WHERE outcome_id IN (SELECT id FROM prg_outcome WHERE programme_id = ?)")
                .param(programmeId).update();
        jdbc.sql("""
                INSERT INTO prg_outcome_tally (outcome_id, rated_on, next_on, n, sum_first, sum_latest, better, worse)
                SELECT r.outcome_id, r.rated_on, COALESCE(r.next_on, DATE '9999-12-31'), COUNT(*), SUM(r.first_score),
                       SUM(r.score), SUM(CASE WHEN r.score > r.first_score THEN 1 ELSE 0 END),
                       SUM(CASE WHEN r.score < r.first_score THEN 1 ELSE 0 END)
                FROM (SELECT outcome_id, rated_on, score,
                             FIRST_VALUE(score) OVER (PARTITION BY outcome_id, client_id ORDER BY rated_on) AS first_score,
                             LEAD(rated_on) OVER (PARTITION BY outcome_id, client_id ORDER BY rated_on) AS next_on,
                             ROW_NUMBER() OVER (PARTITION BY outcome_id, client_id ORDER BY rated_on) AS nth
                      FROM prg_outcome_rating
                      WHERE outcome_id IN (SELECT id FROM prg_outcome WHERE programme_id = ?)) r
                WHERE r.nth > 1
                GROUP BY r.outcome_id, r.rated_on, COALESCE(r.next_on, DATE '9999-12-31')""")
                .param(programmeId).update();
    }

    /** The outcomes the client has ratings of. */
    public List<UUID> ratedOutcomes(UUID clientId) {
        return jdbc.sql("SELECT DISTINCT outcome_id FROM prg_outcome_rating WHERE client_id = ? ORDER BY outcome_id")
                .param(clientId).query(UUID.class).list();
    }

    /** The rows the client's ratings of the outcome stand for: n, first, latest, better, worse. */
    private Map<Key, long[]> contribution(UUID clientId, UUID outcomeId) {
        List<Object[]> ratings = jdbc.sql("SELECT rated_on, score FROM prg_outcome_rating WHERE client_id = ?"
                        + " AND outcome_id = ? ORDER BY rated_on").params(clientId, outcomeId)
                .query((rs, n) -> new Object[] {rs.getDate(1).toLocalDate(), (long) rs.getInt(2)}).list();
        Map<Key, long[]> rows = new TreeMap<>();
        for (int i = 1; i < ratings.size(); i++) {
            long first = (Long) ratings.get(0)[1];
            long latest = (Long) ratings.get(i)[1];
            LocalDate next = i + 1 < ratings.size() ? (LocalDate) ratings.get(i + 1)[0] : OPEN;
            rows.put(new Key((LocalDate) ratings.get(i)[0], next),
                    new long[] {1, first, latest, latest > first ? 1 : 0, latest < first ? 1 : 0});
        }
        return rows;
    }

    private static long[] negate(long[] v) {
        long[] n = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            n[i] = -v[i];
        }
        return n;
    }

    private static long[] add(long[] a, long[] b) {
        long[] s = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i] + b[i];
        }
        return s;
    }
}
