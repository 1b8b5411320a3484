package org.exitwork.programme.internal;

/** The audit actions of programmes. Details carry ids, counts and codes, never a person. */
public final class ProgrammeActions {
    public static final String PROGRAMME_CREATED = "PROGRAMME_CREATED";
    public static final String PROGRAMME_CHANGED = "PROGRAMME_CHANGED";
    public static final String OUTCOME_ADDED = "PROGRAMME_OUTCOME_ADDED";
    public static final String OUTCOME_CHANGED = "PROGRAMME_OUTCOME_CHANGED";
    public static final String OUTCOMES_RATED = "OUTCOMES_RATED";
    public static final String OUTCOMES_READ = "OUTCOMES_READ";
    public static final String DASHBOARD_OPENED = "PROGRAMME_DASHBOARD_OPENED";
    public static final String FIGURES_DOWNLOADED = "PROGRAMME_FIGURES_DOWNLOADED";

    private ProgrammeActions() {
    }
}
