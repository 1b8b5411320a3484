package org.exitwork.referrals.internal.inbound;

/** Audit actions of referrals in. Details carry scopes, dates and key ids, never a secret or a person. */
final class InboundActions {
    static final String CREDENTIAL_CREATED = "REFERRAL_CREDENTIAL_CREATED";
    static final String CREDENTIAL_REVOKED = "REFERRAL_CREDENTIAL_REVOKED";
    static final String FORM_LINK_CREATED = "REFERRAL_FORM_LINK_CREATED";
    static final String FORM_LINK_WITHDRAWN = "REFERRAL_FORM_LINK_WITHDRAWN";

    private InboundActions() {
    }
}
