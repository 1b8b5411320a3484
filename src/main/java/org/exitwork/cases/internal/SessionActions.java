package org.exitwork.cases.internal;

/** The audit actions of sessions, note search and the case's context. Details never carry content. */
final class SessionActions {
    static final String SESSION_RECORDED = "SESSION_RECORDED";
    static final String SESSIONS_READ = "SESSIONS_READ";
    static final String SESSION_SUMMARY_READ = "SESSION_SUMMARY_READ";
    static final String NEXT_STEPS_DONE = "NEXT_STEPS_DONE";
    static final String NOTES_SEARCHED = "NOTES_SEARCHED";
    static final String CONTEXT_READ = "CONTEXT_READ";
    static final String CONTEXT_PERSON_ADDED = "CONTEXT_PERSON_ADDED";
    static final String CONTEXT_PERSON_CHANGED = "CONTEXT_PERSON_CHANGED";
    static final String CONTEXT_PERSON_REMOVED = "CONTEXT_PERSON_REMOVED";
    static final String INSTITUTION_RECORDED = "INSTITUTION_RECORDED";

    private SessionActions() {
    }
}
