package org.exitwork.network.internal;

/** The audit actions of the partner registry. Details carry kinds, counts and dates, never a person. */
final class PartnerActions {
    static final String PARTNER_CREATED = "PARTNER_CREATED";
    static final String PARTNER_CHANGED = "PARTNER_CHANGED";
    static final String PARTNER_KIND_CHANGED = "PARTNER_KIND_CHANGED";
    static final String PARTNER_KIND_CHANGE_REFUSED = "PARTNER_KIND_CHANGE_REFUSED";
    static final String PARTNER_DEACTIVATED = "PARTNER_DEACTIVATED";
    static final String PARTNER_REACTIVATED = "PARTNER_REACTIVATED";
    static final String PARTNER_SERVICES_CHANGED = "PARTNER_SERVICES_CHANGED";
    static final String PARTNER_SERVICES_REFUSED = "PARTNER_SERVICES_REFUSED";

    private PartnerActions() {
    }
}
