-- How many failed sign-ins were recorded in the audit log one by one today, in the whole installation. Every
-- failure was audited, and the audit log keeps everything: strangers trying names from many addresses could
-- fill it. At most exitwork.sign-in.failures-recorded-per-day are recorded a day
-- (accounts.internal.signin.FailureRecords); each account's own count (told at its next sign-in) counts all.
-- One count for all names, known or not, so that whether a failure is recorded never tells whether its name
-- is an account.
CREATE TABLE acc_failure_record (
    recorded_on DATE PRIMARY KEY,
    recorded    INT  NOT NULL
);
