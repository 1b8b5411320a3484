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
    /** A private label given or changed; the detail says which, never the text. */
    static final String GROUP_PARTICIPANT_LABELLED = "GROUP_PARTICIPANT_LABELLED";
    static final String GROUP_PARTICIPANT_LABEL_REMOVED = "GROUP_PARTICIPANT_LABEL_REMOVED";
    /** A case opened for a participant from the group; the case's own entries name the group by its short id. */
    static final String GROUP_PARTICIPANT_CASE_OPENED = "GROUP_PARTICIPANT_CASE_OPENED";
    static final String GROUP_ACCESS_REFUSED = "GROUP_ACCESS_REFUSED";
    public static final String GROUP_ERASED = "GROUP_ERASED";

    private GroupActions() {
    }
}
