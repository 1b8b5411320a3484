package org.exitwork.cases.internal.agreement;

/** The audit actions of the work agreement. Details name version numbers, dates, counts and codes: never content. */
final class AgreementActions {
    static final String AGREEMENT_READ = "AGREEMENT_READ";
    static final String AGREEMENT_VERSION_WRITTEN = "AGREEMENT_VERSION_WRITTEN";
    static final String CLIENT_AGREEMENT_RECORDED = "AGREEMENT_CLIENT_AGREED";
    static final String AGREEMENT_PRINTED = "AGREEMENT_PDF_DOWNLOADED";
    static final String PROGRESS_RATED = "PROGRESS_RATED";

    private AgreementActions() {
    }
}
