package org.exitwork.cases.internal.sessions;

/** The audit actions of sessions and note search. Details never carry content. */
public final class SessionActions {
    static final String SESSION_RECORDED = "SESSION_RECORDED";
    static final String SESSIONS_READ = "SESSIONS_READ";
    static final String SESSION_SUMMARY_READ = "SESSION_SUMMARY_READ";
    static final String NEXT_STEPS_DONE = "NEXT_STEPS_DONE";
    static final String NOTES_SEARCHED = "NOTES_SEARCHED";

    private SessionActions() {
    }
}
