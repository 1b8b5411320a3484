package org.exitwork.quality.internal;

/** What kind of reflection on the work took place. Never carries case content. */
enum SupervisionKind {
    SUPERVISION, INTERVISION, TEAM_CASE_REVIEW, OTHER
}
