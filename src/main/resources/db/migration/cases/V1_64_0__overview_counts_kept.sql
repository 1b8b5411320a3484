-- The managers' overview without a row per case (issue 19, bench/README.md "50,000 clients"): what it counts
-- is kept as the cases are written, so that its work grows with the practitioners, not with the cases.
--
-- cas_client.tandem_size: how many practitioners the case's tandem has, kept by the cases module in the
-- transaction that adds or removes one (AccessRepository). With the index below the clients with fewer than
-- two (the overview's "single practitioner" count and the tandem gaps) are an index range as long as the
-- answer.
ALTER TABLE cas_client ADD COLUMN tandem_size INT DEFAULT 0 NOT NULL;
UPDATE cas_client SET tandem_size = (SELECT COUNT(*) FROM cas_tandem_member t WHERE t.client_id = cas_client.id);
CREATE INDEX cas_client_tandem_size ON cas_client (org_id, stage, tandem_size);

-- Three more kinds of cas_tally (V1_56_0 lists the others; kept by CaseTallies like them):
--   LOAD_CLIENT    tag the staff id of a practitioner of a client          1 per client and practitioner
--   LOAD_PROSPECT  tag the staff id of a practitioner of a prospect        1 per prospect and practitioner
--   NO_AGREEMENT   a client without any agreed work agreement              1 per client
INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)
SELECT c.org_id, COALESCE(c.programme_id, CAST('00000000-0000-0000-0000-000000000000' AS UUID)),
       CASE WHEN c.stage = 'CLIENT' THEN 'LOAD_CLIENT' ELSE 'LOAD_PROSPECT' END, CAST(t.staff_id AS VARCHAR(40)),
       DATE '1900-01-01', DATE '1900-01-01', COUNT(*)
FROM cas_client c JOIN cas_tandem_member t ON t.client_id = c.id
WHERE c.stage IN ('PROSPECT', 'CLIENT')
GROUP BY c.org_id, COALESCE(c.programme_id, CAST('00000000-0000-0000-0000-000000000000' AS UUID)), c.stage, t.staff_id;

INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)
SELECT c.org_id, COALESCE(c.programme_id, CAST('00000000-0000-0000-0000-000000000000' AS UUID)), 'NO_AGREEMENT', '',
       DATE '1900-01-01', DATE '1900-01-01', COUNT(*)
FROM cas_client c
WHERE c.stage = 'CLIENT' AND NOT EXISTS (SELECT 1 FROM cas_client_agreement a WHERE a.client_id = c.id)
GROUP BY c.org_id, COALESCE(c.programme_id, CAST('00000000-0000-0000-0000-000000000000' AS UUID));

-- The overview's kinds of one organisation over all its programmes.
CREATE INDEX cas_tally_by_kind ON cas_tally (org_id, kind);

-- The high-risk cases still waiting for their emergency plan (the overview): as many rows as are marked.
CREATE INDEX cas_client_high_risk ON cas_client (org_id, high_risk);
