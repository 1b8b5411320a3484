package org.exitwork.quality.internal;

/** The audit actions of care for the team: what was recorded, for whom, and when; never a text. */
final class CareActions {
    static final String SUPERVISION_RECORDED = "SUPERVISION_RECORDED";
    static final String CHECKUP_DONE = "CHECKUP_DONE";
    static final String CHECKUP_DUE_SET = "CHECKUP_DUE_SET";
    static final String TRAINING_RECORDED = "TRAINING_RECORDED";
    static final String INDUCTION_TOPIC_ADDED = "INDUCTION_TOPIC_ADDED";
    static final String INDUCTION_TOPIC_REMOVED = "INDUCTION_TOPIC_REMOVED";
    static final String INDUCTION_TOPIC_MOVED = "INDUCTION_TOPIC_MOVED";

    private CareActions() {
    }
}
