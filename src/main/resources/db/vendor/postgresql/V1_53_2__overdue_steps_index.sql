-- Overdue next steps (cases.internal.figures.JdbcCaseFigures): the open next steps only (not marked done,
-- session not cancelled), by due date. The figure reads the few due before today from this small index
-- instead of looking into each case's steps (cas_session_note_open_steps, one probe per case).
-- H2 has no partial index: its V1_53_2 indexes every row in the same order.
CREATE INDEX cas_session_note_overdue ON cas_session_note (next_steps_due, client_id)
    WHERE next_steps_done_on IS NULL AND cancelled_at IS NULL AND next_steps_due IS NOT NULL;
