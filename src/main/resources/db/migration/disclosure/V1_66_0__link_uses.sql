-- How often each link handed out by the gate (a share, a service request, a funder report) was used on a
-- day. Every use is audited, so a link opened without end would fill the append-only audit log: a link
-- is used at most exitwork.disclosure.link-uses-per-day times a day (disclosure.internal.LinkUses). The
-- id is the link's row (dis_share, dis_service_request, dis_funder_report), nothing of the client's.
CREATE TABLE dis_link_use (
    link_id UUID NOT NULL,
    used_on DATE NOT NULL,
    uses    INT  NOT NULL,
    PRIMARY KEY (link_id, used_on)
);
CREATE INDEX dis_link_use_used_on ON dis_link_use (used_on);
