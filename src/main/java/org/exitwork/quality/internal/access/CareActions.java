package org.exitwork.quality.internal.access;

/** The audit actions of care for the team: what was recorded, for whom, and when; never a text. */
public final class CareActions {
    public static final String SUPERVISION_RECORDED = "SUPERVISION_RECORDED";
    public static final String SUPERVISION_CORRECTED = "SUPERVISION_CORRECTED";
    public static final String CHECKUP_DONE = "CHECKUP_DONE";
    public static final String CHECKUP_CORRECTED = "CHECKUP_CORRECTED";
    public static final String CHECKUP_DUE_SET = "CHECKUP_DUE_SET";
    public static final String TRAINING_RECORDED = "TRAINING_RECORDED";
    public static final String TRAINING_CORRECTED = "TRAINING_CORRECTED";
    public static final String INDUCTION_TOPIC_ADDED = "INDUCTION_TOPIC_ADDED";
    public static final String INDUCTION_TOPIC_REMOVED = "INDUCTION_TOPIC_REMOVED";
    public static final String INDUCTION_TOPIC_MOVED = "INDUCTION_TOPIC_MOVED";

    private CareActions() {
    }
}
