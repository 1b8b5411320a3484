package org.exitwork.consent.internal;

/** The audit actions of consents to share (R9). Details carry ids, codes and dates, never the purpose. */
final class ConsentActions {
    static final String CONSENTS_READ = "CONSENTS_READ";
    static final String CONSENT_READ = "CONSENT_READ";
    static final String CONSENT_RECORDED = "CONSENT_RECORDED";
    static final String CONSENT_REVOKED = "CONSENT_REVOKED";
    static final String CONSENT_PARTNER_REFUSED = "CONSENT_PARTNER_REFUSED";

    private ConsentActions() {
    }
}
