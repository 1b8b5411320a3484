package org.exitwork.quality.internal.peergroups;

/** The audit actions of the cross-evaluation groups (R16): who was invited or added where, and when; never a text. */
public final class PeerGroupActions {
    public static final String PEER_INVITED = "PEER_INVITED";
    public static final String PEER_GROUP_CREATED = "PEER_GROUP_CREATED";
    public static final String PEER_GROUP_MEMBER_ADDED = "PEER_GROUP_MEMBER_ADDED";
    public static final String PEER_GROUP_MEMBER_REMOVED = "PEER_GROUP_MEMBER_REMOVED";
    public static final String PEER_GROUP_MEETING_RECORDED = "PEER_GROUP_MEETING_RECORDED";

    private PeerGroupActions() {
    }
}
