-- Outcome change kept per outcome (issue 16, bench/README.md): the dashboard and the funder report add these
-- up instead of finding every client's first and latest rating among all ratings of the programme. Scores
-- only, summed: no client id, no comment. Kept by programme.internal.dashboard.OutcomeTallies in the
-- transaction that writes or erases a client's ratings (the outcome's row held meanwhile).
--
-- Every rating of a client but the first stands for "the latest rating, first against it" from its day
-- (rated_on) until the day of the client's next rating of the outcome (next_on; 9999-12-31: none yet):
-- a report up to a day U counts the rows rated in its period with next_on after U (or none). n: such
-- ratings; sum_first, sum_latest: their clients' first and these scores; better, worse: how many rose or fell.
CREATE TABLE prg_outcome_tally (
    outcome_id UUID   NOT NULL REFERENCES prg_outcome (id),
    rated_on   DATE   NOT NULL,
    next_on    DATE   NOT NULL,
    n          BIGINT NOT NULL,
    sum_first  BIGINT NOT NULL,
    sum_latest BIGINT NOT NULL,
    better     BIGINT NOT NULL,
    worse      BIGINT NOT NULL,
    CONSTRAINT prg_outcome_tally_pk PRIMARY KEY (outcome_id, rated_on, next_on)
);

INSERT INTO prg_outcome_tally (outcome_id, rated_on, next_on, n, sum_first, sum_latest, better, worse)
SELECT r.outcome_id, r.rated_on, COALESCE(r.next_on, DATE '9999-12-31'), COUNT(*), SUM(r.first_score), SUM(r.score),
       SUM(CASE WHEN r.score > r.first_score THEN 1 ELSE 0 END), SUM(CASE WHEN r.score < r.first_score THEN 1 ELSE 0 END)
FROM (SELECT outcome_id, rated_on, score,
             FIRST_VALUE(score) OVER (PARTITION BY outcome_id, client_id ORDER BY rated_on) AS first_score,
             LEAD(rated_on) OVER (PARTITION BY outcome_id, client_id ORDER BY rated_on) AS next_on,
             ROW_NUMBER() OVER (PARTITION BY outcome_id, client_id ORDER BY rated_on) AS nth
      FROM prg_outcome_rating) r
WHERE r.nth > 1
GROUP BY r.outcome_id, r.rated_on, COALESCE(r.next_on, DATE '9999-12-31');
