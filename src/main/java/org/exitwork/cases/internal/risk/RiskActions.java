package org.exitwork.cases.internal.risk;

/** The audit actions of the high-risk mark; details carry the reason's code only. */
public final class RiskActions {
    public static final String CASE_MARKED_HIGH_RISK = "CASE_MARKED_HIGH_RISK";
    public static final String CASE_HIGH_RISK_CLEARED = "CASE_HIGH_RISK_CLEARED";

    private RiskActions() {
    }
}
