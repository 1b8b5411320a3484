package org.exitwork.disclosure.internal.funder;

/** The audit actions of funder reports; details are ids, dates and codes, never a figure. */
final class FunderReportActions {
    static final String RELEASED = "FUNDER_REPORT_RELEASED";
    static final String REFUSED = "FUNDER_REPORT_REFUSED";
    static final String PREVIEWED = "FUNDER_REPORT_PREVIEWED";
    static final String DOWNLOADED = "FUNDER_REPORT_DOWNLOADED";
    static final String FETCHED = "FUNDER_REPORT_FETCHED";

    private FunderReportActions() {
    }
}
