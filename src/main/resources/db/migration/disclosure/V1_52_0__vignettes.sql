-- Case vignettes for cross-evaluation groups (R16). The tandem writes a vignette for a group one of them
-- is a member of; a colleague of the organisation who is not its author reviews and releases it through
-- the gate (channel VIGNETTE_TO_PEERS, recorded in dis_disclosure with the group as recipient). Title,
-- narrative and feedback are ciphertext under the client's key (dis_vignette|row|field), so shredding
-- the key makes them unreadable, backups included; the rows go with the client's erasure. client_id is
-- the server's link to the key and the tandem: no page of the group shows it. code: random, per
-- organisation, never the pseudonym. No foreign key into other modules.
ALTER TABLE dis_disclosure ADD COLUMN peer_group_id UUID;

CREATE TABLE dis_vignette (
    id            UUID                     PRIMARY KEY,
    org_id        UUID                     NOT NULL,
    client_id     UUID                     NOT NULL,
    group_id      UUID                     NOT NULL,
    code          VARCHAR(12)              NOT NULL,
    title         BYTEA                    NOT NULL,
    narrative     BYTEA                    NOT NULL,
    status        VARCHAR(20)              NOT NULL,
    row_version   INT                      NOT NULL,
    written_by    UUID                     NOT NULL,
    written_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_by  UUID,
    submitted_at  TIMESTAMP WITH TIME ZONE,
    reviewed_by   UUID,
    released_at   TIMESTAMP WITH TIME ZONE,
    disclosure_id UUID,
    withdrawn_by  UUID,
    withdrawn_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT dis_vignette_code UNIQUE (org_id, code)
);
CREATE INDEX dis_vignette_client ON dis_vignette (client_id);
CREATE INDEX dis_vignette_group ON dis_vignette (group_id, status);
CREATE INDEX dis_vignette_review ON dis_vignette (org_id, status);

-- The group's thread on a released vignette: who (a member, own staff or peer), when, the principles the
-- feedback names (codes) and its text, sealed with the client's key.
CREATE TABLE dis_vignette_feedback (
    id          UUID                     PRIMARY KEY,
    vignette_id UUID                     NOT NULL REFERENCES dis_vignette (id) ON DELETE CASCADE,
    client_id   UUID                     NOT NULL,
    given_by    UUID                     NOT NULL,
    principles  VARCHAR(400)             NOT NULL,
    text        BYTEA                    NOT NULL,
    given_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX dis_vignette_feedback_vignette ON dis_vignette_feedback (vignette_id, given_at);
