-- Counts kept as sessions are written (issue 16, bench/README.md): the programme figures add these up
-- instead of counting a year's sessions, whose number grows with the sessions, not with the cases.
-- Plain counts and a date only: nothing of a note.

-- Per case and month (its first day): sessions held and sessions cancelled. The case was seen in the
-- month when held > 0. Kept by cases.internal.sessions.SessionCounts in the transaction that records,
-- corrects the date of or cancels a session (or writes an older note), as increments in SQL; erasing the
-- client deletes its rows with it.
CREATE TABLE cas_month_count (
    client_id   UUID    NOT NULL REFERENCES cas_client (id) ON DELETE CASCADE,
    month_start DATE    NOT NULL,
    held        INTEGER NOT NULL,
    cancelled   INTEGER NOT NULL,
    PRIMARY KEY (client_id, month_start)
);

INSERT INTO cas_month_count (client_id, month_start, held, cancelled)
SELECT s.client_id, s.month_start,
       SUM(CASE WHEN s.cancelled_at IS NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.cancelled_at IS NULL THEN 0 ELSE 1 END)
FROM (SELECT client_id, CAST(DATE_TRUNC('MONTH', session_date) AS DATE) AS month_start, cancelled_at
      FROM cas_session_note) s
GROUP BY s.client_id, s.month_start;

-- The day of the case's first session not cancelled (null before it has one): the median days to the
-- first session reads it from the case's row instead of looking up each case's sessions.
ALTER TABLE cas_client ADD COLUMN first_session_on DATE;

UPDATE cas_client SET first_session_on = (SELECT MIN(s.session_date) FROM cas_session_note s
                                          WHERE s.client_id = cas_client.id AND s.cancelled_at IS NULL);
