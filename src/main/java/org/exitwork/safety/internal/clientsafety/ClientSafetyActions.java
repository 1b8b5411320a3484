package org.exitwork.safety.internal.clientsafety;

/** The audit actions of client safety (R15). Details carry counts, dates and codes only, never content. */
public final class ClientSafetyActions {
    public static final String THREATS_READ = "THREATS_READ";
    public static final String THREAT_RECORDED = "THREAT_RECORDED";
    public static final String THREAT_CORRECTED = "THREAT_CORRECTED";
    public static final String SHIELD_PLAN_READ = "SHIELD_PLAN_READ";
    public static final String SHIELD_PLAN_SAVED = "SHIELD_PLAN_SAVED";
    public static final String COMPARTMENT_READ = "COMPARTMENT_READ";
    public static final String COMPARTMENT_SAVED = "COMPARTMENT_SAVED";
    public static final String COMPARTMENT_REFUSED = "COMPARTMENT_REFUSED";
    public static final String COMPARTMENT_ACCESS_REQUESTED = "COMPARTMENT_ACCESS_REQUESTED";
    public static final String COMPARTMENT_ACCESS_APPROVED = "COMPARTMENT_ACCESS_APPROVED";
    public static final String COMPARTMENT_REQUESTS_READ = "COMPARTMENT_REQUESTS_READ";
    public static final String EMERGENCY_PLAN_READ = "EMERGENCY_PLAN_READ";
    public static final String EMERGENCY_PLAN_SAVED = "EMERGENCY_PLAN_SAVED";

    private ClientSafetyActions() {
    }
}
