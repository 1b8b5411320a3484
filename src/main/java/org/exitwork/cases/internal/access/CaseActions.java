package org.exitwork.cases.internal.access;

/** The audit actions of this module. */
public final class CaseActions {
    public static final String CASE_READ = "CASE_READ";
    public static final String IDENTITY_READ = "IDENTITY_READ";
    public static final String NOTE_WRITTEN = "NOTE_WRITTEN";
    public static final String BREAK_THE_GLASS = "BREAK_THE_GLASS";
    public static final String ACCESS_REFUSED = "CASE_ACCESS_REFUSED";

    private CaseActions() {
    }
}
