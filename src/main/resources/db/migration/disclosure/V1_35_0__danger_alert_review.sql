-- Danger alerts (R8): the outcome of the review of an alert that could not wait (JUSTIFIED or
-- NOT_JUSTIFIED; who, when and the note are decided_by, decided_at and decision_note, the note sealed
-- with the client's key), when the reminder job noted that review as overdue (once), and whether the
-- alert was raised by a colleague who had broken the glass for the case rather than by its tandem.
ALTER TABLE dis_danger_alert ADD COLUMN review_outcome VARCHAR(20);
ALTER TABLE dis_danger_alert ADD COLUMN review_overdue_noted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE dis_danger_alert ADD COLUMN raised_after_breaking_glass BOOLEAN DEFAULT FALSE NOT NULL;
