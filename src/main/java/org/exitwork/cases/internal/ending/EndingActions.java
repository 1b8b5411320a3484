package org.exitwork.cases.internal.ending;

/** The audit actions of ending a case. */
final class EndingActions {
    static final String CASE_COMPLETED = "CASE_COMPLETED";
    static final String CASE_ENDED_BY_CLIENT = "CASE_ENDED_BY_CLIENT";
    static final String ENDING_READ = "ENDING_READ";
    static final String FOLLOW_UP_DONE = "FOLLOW_UP_DONE";

    private EndingActions() {
    }
}
