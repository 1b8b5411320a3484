package org.exitwork.cases.internal.risk;

/**
 * Why a case is marked high-risk, or why the mark is cleared (R14); the words are
 * {@code risk.reason.<NAME>}. {@code OTHER} fits both ways.
 */
public enum RiskReason {
    THREATS(true),
    RETALIATION(true),
    SAFETY_INCIDENT(true),
    DANGER_PASSED(false),
    MARKED_IN_ERROR(false),
    OTHER(null);

    private final Boolean marks;

    RiskReason(Boolean marks) {
        this.marks = marks;
    }

    /** Whether this reason can go with setting ({@code true}) or clearing ({@code false}) the mark. */
    public boolean fits(boolean marking) {
        return marks == null || marks == marking;
    }
}
