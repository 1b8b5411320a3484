-- Overdue next steps (cases.internal.figures.JdbcCaseFigures): open next steps (not marked done, session
-- not cancelled) by due date form one range of this index. PostgreSQL's V1_53_2 is a partial index of the
-- open steps alone; H2 has none, so every row is in it.
CREATE INDEX cas_session_note_overdue ON cas_session_note (next_steps_done_on, cancelled_at, next_steps_due, client_id);
