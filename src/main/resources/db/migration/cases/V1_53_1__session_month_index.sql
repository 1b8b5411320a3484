-- The dashboard's sessions per month and a funder report's sessions read the counts of a range of months
-- (cas_month_count, V1_53_0) from this index alone (PostgreSQL: an index-only scan of those months),
-- instead of every month of every case.
CREATE INDEX cas_month_count_by_month ON cas_month_count (month_start, client_id, held);
