package org.exitwork.cases.internal.groups;

/** The audit actions of group work (R13). The subject is always {@link GroupRef#subject()}, never the name. */
public final class GroupActions {
    static final String GROUP_CREATED = "GROUP_CREATED";
    static final String GROUP_CHANGED = "GROUP_CHANGED";
    static final String GROUP_READ = "GROUP_READ";
    static final String GROUP_PARTICIPANT_ADDED = "GROUP_PARTICIPANT_ADDED";
    static final String GROUP_SESSION_RECORDED = "GROUP_SESSION_RECORDED";
    static final String GROUP_PARTICIPANT_LINKED = "GROUP_PARTICIPANT_LINKED";
    static final String GROUP_PARTICIPANT_UNLINKED = "GROUP_PARTICIPANT_UNLINKED";
    static final String GROUP_ACCESS_REFUSED = "GROUP_ACCESS_REFUSED";
    public static final String GROUP_ERASED = "GROUP_ERASED";

    private GroupActions() {
    }
}
