package org.exitwork.cases.internal.programmes;

/** The audit actions of choosing a case's programme. */
final class CaseProgrammeActions {
    static final String CASE_PROGRAMME_CHOSEN = "CASE_PROGRAMME_CHOSEN";

    private CaseProgrammeActions() {
    }
}
