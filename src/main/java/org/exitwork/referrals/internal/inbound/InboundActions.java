package org.exitwork.referrals.internal.inbound;

/** Audit actions of referrals in. Details carry scopes, dates and key ids, never a secret or a person. */
public final class InboundActions {
    public static final String CREDENTIAL_CREATED = "REFERRAL_CREDENTIAL_CREATED";
    public static final String CREDENTIAL_REVOKED = "REFERRAL_CREDENTIAL_REVOKED";
    public static final String FORM_LINK_CREATED = "REFERRAL_FORM_LINK_CREATED";
    public static final String FORM_LINK_WITHDRAWN = "REFERRAL_FORM_LINK_WITHDRAWN";
    public static final String ACCESS_ENDED = "REFERRAL_ACCESS_ENDED";

    private InboundActions() {
    }
}
