package org.exitwork.cases.internal;

/** The audit actions of ending a case and erasing a client. */
final class EndingActions {
    static final String CASE_COMPLETED = "CASE_COMPLETED";
    static final String CASE_ENDED_BY_CLIENT = "CASE_ENDED_BY_CLIENT";
    static final String ENDING_READ = "ENDING_READ";
    static final String FOLLOW_UP_DONE = "FOLLOW_UP_DONE";
    /** The only trace an erased client leaves: that an erasure happened, under the pseudonym. */
    static final String CLIENT_ERASED = "CLIENT_ERASED";
    static final String RETENTION_CHANGED = "RETENTION_CHANGED";

    private EndingActions() {
    }
}
