-- Quality among peers (R16), first part: practitioners of other organisations invited as peers, and
-- cross-evaluation groups of own staff and peers with their meetings. No case content: a group has a
-- name and members, a meeting only its date. Staff ids point into the accounts module by value only.

-- A peer's account lives in acc_staff with the role PEER, in the inviting organisation; this row
-- says which organisation the peer works for.
CREATE TABLE qua_peer (
    staff_id          UUID                     PRIMARY KEY,
    org_id            UUID                     NOT NULL,
    peer_organisation VARCHAR(200)             NOT NULL,
    invited_by        UUID                     NOT NULL,
    invited_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX qua_peer_org ON qua_peer (org_id);

CREATE TABLE qua_peer_group (
    id         UUID                     PRIMARY KEY,
    org_id     UUID                     NOT NULL,
    name       VARCHAR(200)             NOT NULL,
    created_by UUID                     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX qua_peer_group_org ON qua_peer_group (org_id);

CREATE TABLE qua_peer_group_member (
    group_id UUID                     NOT NULL REFERENCES qua_peer_group (id) ON DELETE CASCADE,
    staff_id UUID                     NOT NULL,
    added_by UUID                     NOT NULL,
    added_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (group_id, staff_id)
);
CREATE INDEX qua_peer_group_member_staff ON qua_peer_group_member (staff_id);

CREATE TABLE qua_peer_group_meeting (
    id          UUID                     PRIMARY KEY,
    group_id    UUID                     NOT NULL REFERENCES qua_peer_group (id) ON DELETE CASCADE,
    held_on     DATE                     NOT NULL,
    recorded_by UUID                     NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX qua_peer_group_meeting_group ON qua_peer_group_meeting (group_id, held_on);
