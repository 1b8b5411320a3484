package org.exitwork.cases.internal;

/** The audit actions of this module. */
final class CaseActions {
    static final String CASE_READ = "CASE_READ";
    static final String IDENTITY_READ = "IDENTITY_READ";
    static final String NOTE_WRITTEN = "NOTE_WRITTEN";
    static final String BREAK_THE_GLASS = "BREAK_THE_GLASS";
    static final String ACCESS_REFUSED = "CASE_ACCESS_REFUSED";

    private CaseActions() {
    }
}
