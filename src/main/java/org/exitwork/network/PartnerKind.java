package org.exitwork.network;

/** What kind of body a partner is. Its group decides what may ever reach it: see {@link OutboundPolicy}. */
public enum PartnerKind {
    POLICE(Group.SECURITY), INTELLIGENCE(Group.SECURITY), JUDICIARY(Group.SECURITY), PROSECUTION(Group.SECURITY),
    YOUTH_AND_FAMILY(Group.SOCIAL_SERVICE), PROBATION(Group.SOCIAL_SERVICE), EMPLOYMENT(Group.SOCIAL_SERVICE),
    HOUSING(Group.SOCIAL_SERVICE), HEALTH(Group.SOCIAL_SERVICE), SCHOOL(Group.SOCIAL_SERVICE),
    RELIGIOUS_COMMUNITY(Group.COMMUNITY), GRASS_ROOTS(Group.COMMUNITY), FAMILY_SUPPORT(Group.COMMUNITY),
    FUNDER(Group.FUNDER), PEER_NGO(Group.PEER);

    /**
     * The groups the seeds and the outbound policy speak of: social services receive shares, case
     * conferences and service requests; security partners danger alerts; funders aggregate reports;
     * peers vignettes; community partners nothing about a client.
     */
    public enum Group {
        SECURITY, SOCIAL_SERVICE, COMMUNITY, FUNDER, PEER
    }

    private final Group group;

    PartnerKind(Group group) {
        this.group = group;
    }

    public Group group() {
        return group;
    }

    /** Police, intelligence, judiciary, prosecution: one-way street, danger alerts only (R7, R8). */
    public boolean isSecurity() {
        return group == Group.SECURITY;
    }
}
