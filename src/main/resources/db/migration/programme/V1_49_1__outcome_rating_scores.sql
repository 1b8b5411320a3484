-- The outcome change of the programme dashboard (programme.internal.dashboard.OutcomeChanges) reads the
-- ratings of the programme's outcomes in this order, with their scores, from this index alone (PostgreSQL:
-- an index-only scan), measured with 120,000 ratings (bench/README.md, issue 16). Indexes only. It starts
-- like prg_outcome_rating_outcome, which it replaces.
CREATE INDEX prg_outcome_rating_scores ON prg_outcome_rating (outcome_id, client_id, rated_on, score, org_id);
DROP INDEX prg_outcome_rating_outcome;
