package org.exitwork.cases.internal.assessment;

/** The audit actions of the resources and safety assessment. Details carry version numbers and dates only. */
final class AssessmentActions {
    static final String ASSESSMENT_READ = "ASSESSMENT_READ";
    static final String ASSESSMENT_RECORDED = "ASSESSMENT_RECORDED";

    private AssessmentActions() {
    }
}
