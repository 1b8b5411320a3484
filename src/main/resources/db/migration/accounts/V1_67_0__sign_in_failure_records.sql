-- How many failed sign-ins were recorded in the audit log one by one today, per account (and, under the id
-- of no account, 00000000-0000-0000-0000-000000000000, for all names that are no account together). Every
-- failure was audited, and the audit log keeps everything: strangers trying names from many addresses could
-- fill it. At most exitwork.sign-in.failures-recorded-per-day are recorded a day per row
-- (accounts.internal.signin.FailureRecords); the account's own count (told at its next sign-in) counts all.
CREATE TABLE acc_failure_record (
    subject     UUID NOT NULL,
    recorded_on DATE NOT NULL,
    recorded    INT  NOT NULL,
    PRIMARY KEY (subject, recorded_on)
);
CREATE INDEX acc_failure_record_recorded_on ON acc_failure_record (recorded_on);
