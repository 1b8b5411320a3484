package org.exitwork.accounts.internal;

/** The audit actions of this module. */
final class AccountActions {
    static final String SIGN_IN = "SIGN_IN";
    static final String SIGN_IN_FAILED = "SIGN_IN_FAILED";
    static final String SIGN_IN_REFUSED_LOCKED = "SIGN_IN_REFUSED_LOCKED";
    static final String SECOND_FACTOR_FAILED = "SECOND_FACTOR_FAILED";
    static final String ACCOUNT_LOCKED = "ACCOUNT_LOCKED";
    static final String SIGN_OUT = "SIGN_OUT";
    static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";
    static final String SECOND_FACTOR_ENROLLED = "SECOND_FACTOR_ENROLLED";
    static final String RECOVERY_CODE_USED = "RECOVERY_CODE_USED";
    static final String ORGANISATION_CREATED = "ORGANISATION_CREATED";
    static final String ACCOUNT_CREATED = "ACCOUNT_CREATED";
    static final String ACCOUNT_DEACTIVATED = "ACCOUNT_DEACTIVATED";
    static final String ACCOUNT_REACTIVATED = "ACCOUNT_REACTIVATED";
    static final String ACCOUNT_UNLOCKED = "ACCOUNT_UNLOCKED";
    // Resets of another person's credentials take two people (R6); see ResetRequests.
    static final String RESET_REQUESTED = "RESET_REQUESTED";
    static final String RESET_APPROVED = "RESET_APPROVED";
    static final String RESET_REFUSED = "RESET_REFUSED";
    static final String RESET_APPROVAL_DENIED = "RESET_APPROVAL_DENIED";
    static final String TEMPORARY_PASSWORD_SHOWN = "TEMPORARY_PASSWORD_SHOWN";
    static final String RESET_NOTICE_ACKNOWLEDGED = "RESET_NOTICE_ACKNOWLEDGED";
    static final String PROFILE_UPDATED = "PROFILE_UPDATED";

    private AccountActions() {
    }
}
