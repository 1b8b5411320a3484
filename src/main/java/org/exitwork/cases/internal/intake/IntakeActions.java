package org.exitwork.cases.internal.intake;

/** The audit actions of the intake: from first contact to taking a client on. */
final class IntakeActions {
    static final String PROSPECT_OPENED = "PROSPECT_OPENED";
    static final String PROSPECT_READ = "PROSPECT_READ";
    static final String CONTACT_RECORDED = "CONTACT_RECORDED";
    static final String AREAS_CHANGED = "PHENOMENON_AREAS_CHANGED";
    static final String SAFETY_DISCUSSION_RECORDED = "SAFETY_DISCUSSION_RECORDED";
    static final String CLIENT_TAKEN_ON = "CLIENT_TAKEN_ON";
    static final String INFORMATION_TEXT_PUBLISHED = "INFORMATION_TEXT_PUBLISHED";

    private IntakeActions() {
    }
}
