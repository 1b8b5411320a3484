-- The matcher's lock is now in the platform's job-lock table (plf_shedlock, V1_24_0).
DROP TABLE ref_shedlock;
