-- Indexes for the programme figures (cases.internal.figures.JdbcCaseFigures) over large organisations,
-- chosen from the query plans of 10,000 clients with 1,000,000 sessions on PostgreSQL (bench/README.md,
-- issue 16). Indexes only: no table or value changes.

-- Every date of a case's sessions and whether it was cancelled: the sessions per month are counted, and
-- each case's first session found, from this index alone (PostgreSQL: an index-only scan), never from the
-- rows with their sealed notes. It starts like cas_session_note_client, which it replaces.
CREATE INDEX cas_session_note_day ON cas_session_note (client_id, session_date, cancelled_at);
DROP INDEX cas_session_note_client;

-- Next steps not marked done, by due date, per case: overdue next steps are one short range per case.
CREATE INDEX cas_session_note_open_steps ON cas_session_note (client_id, next_steps_done_on, next_steps_due, cancelled_at);
