package org.exitwork.quality.internal.supervision;

/** What kind of reflection on the work took place. Never carries case content. */
public enum SupervisionKind {
    SUPERVISION, INTERVISION, TEAM_CASE_REVIEW, OTHER
}
