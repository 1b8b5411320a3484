-- Figures kept per programme (issue 16, bench/README.md): the programme dashboard and the funder report add
-- these up instead of reading a row per case, so that their work does not grow with the cases. Plain counts
-- only: nothing of a note, no case id. Kept by cases.internal.figures.CaseTallies in the transaction of
-- every write that changes a case's contribution (its row held meanwhile): the case's contribution before
-- the first write is taken away and its contribution at the commit added, as increments in SQL.
--
-- programme_id: the case's programme, 00000000-0000-0000-0000-000000000000 for none. kind and what
-- tag, on_day and since_month say (1900-01-01 where a column says nothing):
--   STAGE          tag the stage                                         1 per case
--   AREA           tag the phenomenon area                               1 per case and area
--   PATHWAY        tag the pathway                                       1 per case
--   TAKEN_ON       tag the area group, on_day became_client_on           1 per client
--   ENDED          tag the area group, on_day closed_on (taken on)       1 per client
--   ENDED_EARLY    on_day closed_on of a prospect never taken on         1 per case
--   CONSENT        tag the days from first contact to consent            1 per client (a histogram)
--   FIRST_SESSION  tag the days from first contact to the first session  1 per case (a histogram)
--   HELD           tag the area group, on_day a month                    the sessions held in it
--   ACTIVE         tag the area group, on_day a month with a session held, since_month the case's month
--                  with a session before it (1900-01-01: none)           1 per case and such month
--   OVERDUE        on_day the due day of open next steps of a client     the sessions with them
--   SINGLE         a case open with one practitioner                     1 per case
--   CASELOAD       tag the staff id of a practitioner of an open case    1 per case and practitioner
-- A client's area group: its one area, SEVERAL or NONE.
CREATE TABLE cas_tally (
    org_id       UUID        NOT NULL,
    programme_id UUID        NOT NULL,
    kind         VARCHAR(16) NOT NULL,
    tag          VARCHAR(40) NOT NULL,
    on_day       DATE        NOT NULL,
    since_month  DATE        NOT NULL,
    n            BIGINT      NOT NULL,
    CONSTRAINT cas_tally_pk PRIMARY KEY (org_id, programme_id, kind, tag, on_day, since_month)
);
-- The days and months of a period, whatever their tag (TAKEN_ON, ENDED, HELD, ACTIVE, OVERDUE).
CREATE INDEX cas_tally_by_day ON cas_tally (org_id, programme_id, kind, on_day);

-- The cases as they are (the same contribution CaseTallies computes per case).
CREATE TABLE cas_tally_case AS
SELECT c.id, c.org_id, COALESCE(c.programme_id, CAST('00000000-0000-0000-0000-000000000000' AS UUID)) AS pid,
       c.stage, c.pathway, c.became_client_on, c.closed_on, c.created_at, c.first_session_on,
       CASE WHEN a.n IS NULL THEN 'NONE' WHEN a.n > 1 THEN 'SEVERAL' ELSE a.first_area END AS grp
FROM cas_client c
LEFT JOIN (SELECT client_id, COUNT(*) AS n, MIN(area) AS first_area FROM cas_phenomenon GROUP BY client_id) a
       ON a.client_id = c.id;

INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)
SELECT org_id, pid, 'STAGE', stage, DATE '1900-01-01', DATE '1900-01-01', COUNT(*)
FROM cas_tally_case GROUP BY org_id, pid, stage;

INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)
SELECT k.org_id, k.pid, 'AREA', p.area, DATE '1900-01-01', DATE '1900-01-01', COUNT(*)
FROM cas_tally_case k JOIN cas_phenomenon p ON p.client_id = k.id GROUP BY k.org_id, k.pid, p.area;

INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)
SELECT org_id, pid, 'PATHWAY', pathway, DATE '1900-01-01', DATE '1900-01-01', COUNT(*)
FROM cas_tally_case GROUP BY org_id, pid, pathway;

INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)
SELECT org_id, pid, 'TAKEN_ON', grp, became_client_on, DATE '1900-01-01', COUNT(*)
FROM cas_tally_case WHERE became_client_on IS NOT NULL GROUP BY org_id, pid, grp, became_client_on;

INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)
SELECT org_id, pid, 'ENDED', grp, closed_on, DATE '1900-01-01', COUNT(*)
FROM cas_tally_case WHERE closed_on IS NOT NULL AND became_client_on IS NOT NULL GROUP BY org_id, pid, grp, closed_on;

INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)
SELECT org_id, pid, 'ENDED_EARLY', '', closed_on, DATE '1900-01-01', COUNT(*)
FROM cas_tally_case WHERE closed_on IS NOT NULL AND became_client_on IS NULL GROUP BY org_id, pid, closed_on;

INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)
SELECT d.org_id, d.pid, 'CONSENT', CAST(d.days AS VARCHAR(40)), DATE '1900-01-01', DATE '1900-01-01', COUNT(*)
FROM (SELECT k.org_id, k.pid, CAST((EXTRACT(EPOCH FROM CAST(CAST(p.given_on AS DATE) AS TIMESTAMP))
             - EXTRACT(EPOCH FROM CAST(CAST(k.created_at AS DATE) AS TIMESTAMP))) / 86400 AS BIGINT) AS days
      FROM cas_tally_case k JOIN cas_participation_consent p ON p.client_id = k.id) d
GROUP BY d.org_id, d.pid, d.days;

INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)
SELECT d.org_id, d.pid, 'FIRST_SESSION', CAST(d.days AS VARCHAR(40)), DATE '1900-01-01', DATE '1900-01-01', COUNT(*)
FROM (SELECT k.org_id, k.pid, CAST((EXTRACT(EPOCH FROM CAST(CAST(k.first_session_on AS DATE) AS TIMESTAMP))
             - EXTRACT(EPOCH FROM CAST(CAST(k.created_at AS DATE) AS TIMESTAMP))) / 86400 AS BIGINT) AS days
      FROM cas_tally_case k WHERE k.first_session_on IS NOT NULL) d
GROUP BY d.org_id, d.pid, d.days;

INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)
SELECT k.org_id, k.pid, 'HELD', k.grp, m.month_start, DATE '1900-01-01', SUM(m.held)
FROM cas_tally_case k JOIN cas_month_count m ON m.client_id = k.id WHERE m.held > 0
GROUP BY k.org_id, k.pid, k.grp, m.month_start;

INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)
SELECT k.org_id, k.pid, 'ACTIVE', k.grp, a.month_start, COALESCE(a.before_month, DATE '1900-01-01'), COUNT(*)
FROM cas_tally_case k
JOIN (SELECT m.client_id, m.month_start,
             LAG(m.month_start) OVER (PARTITION BY m.client_id ORDER BY m.month_start) AS before_month
      FROM cas_month_count m WHERE m.held > 0) a ON a.client_id = k.id
GROUP BY k.org_id, k.pid, k.grp, a.month_start, COALESCE(a.before_month, DATE '1900-01-01');

INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)
SELECT k.org_id, k.pid, 'OVERDUE', '', s.next_steps_due, DATE '1900-01-01', COUNT(*)
FROM cas_tally_case k JOIN cas_session_note s ON s.client_id = k.id
WHERE k.stage = 'CLIENT' AND s.cancelled_at IS NULL AND s.next_steps_done_on IS NULL AND s.next_steps_due IS NOT NULL
GROUP BY k.org_id, k.pid, s.next_steps_due;

INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)
SELECT k.org_id, k.pid, 'SINGLE', '', DATE '1900-01-01', DATE '1900-01-01', COUNT(*)
FROM cas_tally_case k
WHERE k.stage IN ('PROSPECT', 'CLIENT') AND (SELECT COUNT(*) FROM cas_tandem_member t WHERE t.client_id = k.id) = 1
GROUP BY k.org_id, k.pid;

INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)
SELECT k.org_id, k.pid, 'CASELOAD', CAST(t.staff_id AS VARCHAR(40)), DATE '1900-01-01', DATE '1900-01-01', COUNT(*)
FROM cas_tally_case k JOIN cas_tandem_member t ON t.client_id = k.id
WHERE k.stage IN ('PROSPECT', 'CLIENT')
GROUP BY k.org_id, k.pid, t.staff_id;

DROP TABLE cas_tally_case;
