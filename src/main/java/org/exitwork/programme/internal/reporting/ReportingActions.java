package org.exitwork.programme.internal.reporting;

/** The audit actions of reporting agreements. Details: ids, versions and codes only. */
final class ReportingActions {
    static final String AGREEMENT_MADE = "REPORTING_AGREEMENT_MADE";
    static final String AGREEMENT_CHANGED = "REPORTING_AGREEMENT_CHANGED";
    static final String AGREEMENT_REFUSED = "REPORTING_AGREEMENT_REFUSED";
    static final String THRESHOLD_CHANGED = "REPORT_THRESHOLD_CHANGED";

    private ReportingActions() {
    }
}
