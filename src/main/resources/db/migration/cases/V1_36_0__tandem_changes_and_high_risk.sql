-- A case changes hands (R2): every join and every leave of the tandem, with the reason as a code and
-- an optional note sealed with the client's key (cas_tandem_change|id|note). The client's report
-- shows who joined or left, when and the reason's code, never the note. Rows go with the client.
-- seq numbers a case's changes in order (several may share a moment); they are written while the
-- case's row is locked, so the numbers never collide.
CREATE TABLE cas_tandem_change (
    id         UUID                     PRIMARY KEY,
    client_id  UUID                     NOT NULL REFERENCES cas_client (id) ON DELETE CASCADE,
    seq        INT                      NOT NULL,
    staff_id   UUID                     NOT NULL,
    kind       VARCHAR(8)               NOT NULL,
    reason     VARCHAR(32)              NOT NULL,
    note       BYTEA,
    changed_by UUID                     NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX cas_tandem_change_client ON cas_tandem_change (client_id, seq);

-- High risk (R14, R15): the current mark on the case, for the overviews, and every setting and
-- clearing of it with the reason's code and an optional note sealed with the client's key
-- (cas_risk_mark|id|note), for the audit's reader and the client's report.
ALTER TABLE cas_client ADD COLUMN high_risk BOOLEAN DEFAULT FALSE NOT NULL;
CREATE TABLE cas_risk_mark (
    id        UUID                     PRIMARY KEY,
    client_id UUID                     NOT NULL REFERENCES cas_client (id) ON DELETE CASCADE,
    seq       INT                      NOT NULL,
    marked    BOOLEAN                  NOT NULL,
    reason    VARCHAR(32)              NOT NULL,
    note      BYTEA,
    marked_by UUID                     NOT NULL,
    marked_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX cas_risk_mark_client ON cas_risk_mark (client_id, seq);
