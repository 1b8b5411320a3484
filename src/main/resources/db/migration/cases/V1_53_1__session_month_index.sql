-- The dashboard's sessions per month and a funder report's sessions read the counts of a range of months
-- (cas_session_month, V1_53_0) from this index alone (PostgreSQL: an index-only scan of those months),
-- instead of every month of every case.
CREATE INDEX cas_session_month_by_month ON cas_session_month (month_start, client_id, held);
