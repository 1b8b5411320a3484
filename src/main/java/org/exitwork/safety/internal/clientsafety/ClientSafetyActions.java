package org.exitwork.safety.internal.clientsafety;

/** The audit actions of client safety (R15). Details carry counts, dates and codes only, never content. */
final class ClientSafetyActions {
    static final String THREATS_READ = "THREATS_READ";
    static final String THREAT_RECORDED = "THREAT_RECORDED";
    static final String THREAT_CORRECTED = "THREAT_CORRECTED";
    static final String SHIELD_PLAN_READ = "SHIELD_PLAN_READ";
    static final String SHIELD_PLAN_SAVED = "SHIELD_PLAN_SAVED";
    static final String COMPARTMENT_READ = "COMPARTMENT_READ";
    static final String COMPARTMENT_SAVED = "COMPARTMENT_SAVED";
    static final String COMPARTMENT_REFUSED = "COMPARTMENT_REFUSED";
    static final String COMPARTMENT_ACCESS_REQUESTED = "COMPARTMENT_ACCESS_REQUESTED";
    static final String COMPARTMENT_ACCESS_APPROVED = "COMPARTMENT_ACCESS_APPROVED";
    static final String COMPARTMENT_REQUESTS_READ = "COMPARTMENT_REQUESTS_READ";
    static final String EMERGENCY_PLAN_READ = "EMERGENCY_PLAN_READ";
    static final String EMERGENCY_PLAN_SAVED = "EMERGENCY_PLAN_SAVED";

    private ClientSafetyActions() {
    }
}
