package org.exitwork.cases.internal.sessions;

/** The audit actions of sessions and note search. Details never carry content. */
public final class SessionActions {
    static final String SESSION_RECORDED = "SESSION_RECORDED";
    static final String SESSIONS_READ = "SESSIONS_READ";
    static final String SESSION_SUMMARY_READ = "SESSION_SUMMARY_READ";
    static final String NEXT_STEPS_DONE = "NEXT_STEPS_DONE";
    static final String NOTES_SEARCHED = "NOTES_SEARCHED";
    /** A correction: the detail names the new version and which fields changed, never what they say. */
    static final String SESSION_CORRECTED = "SESSION_CORRECTED";
    static final String SESSION_CANCELLED = "SESSION_CANCELLED";
    static final String SESSION_HISTORY_READ = "SESSION_HISTORY_READ";
    /** The new-session form's participants for a setting: context persons' names were opened. */
    static final String SESSION_PARTICIPANTS_READ = "SESSION_PARTICIPANTS_READ";

    private SessionActions() {
    }
}
