-- Failed sign-ins of one user name from one client address (whether the name exists or not), so that
-- guessing slows down and then stops for that name from that address only, on every node alike. The
-- key is an HMAC of name and address: neither a typed name (perhaps a password typed in the wrong
-- field) nor an address is stored.
CREATE TABLE acc_sign_in_attempt (
    attempt_key    VARCHAR(64) PRIMARY KEY,
    failures       INTEGER NOT NULL,
    last_failed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    refused_until  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX acc_sign_in_attempt_last ON acc_sign_in_attempt (last_failed_at);

-- What the holder is told at the next sign-in: failed attempts on the account since the last one.
ALTER TABLE acc_staff ADD COLUMN failed_since_sign_in INTEGER NOT NULL DEFAULT 0;
ALTER TABLE acc_staff ADD COLUMN last_failed_at TIMESTAMP WITH TIME ZONE;
