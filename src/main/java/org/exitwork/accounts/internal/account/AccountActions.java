package org.exitwork.accounts.internal.account;

/** The audit actions of this module. */
public final class AccountActions {
    public static final String SIGN_IN = "SIGN_IN";
    public static final String SIGN_IN_FAILED = "SIGN_IN_FAILED";
    /** No longer written (a name is now slowed per client address, never locked); kept so old entries read. */
    public static final String SIGN_IN_REFUSED_LOCKED = "SIGN_IN_REFUSED_LOCKED";
    /** The day's budget of failed sign-ins recorded one by one (the whole installation's) is used up. */
    public static final String SIGN_IN_FAILURES_UNRECORDED = "SIGN_IN_FAILURES_UNRECORDED";
    public static final String SECOND_FACTOR_FAILED = "SECOND_FACTOR_FAILED";
    /** Too many wrong second-factor codes: the code step is locked for a while. */
    public static final String ACCOUNT_LOCKED = "ACCOUNT_LOCKED";
    /** The holder was shown the failed attempts on their account since their last sign-in. */
    public static final String FAILED_ATTEMPTS_SHOWN = "FAILED_ATTEMPTS_SHOWN";
    public static final String SIGN_OUT = "SIGN_OUT";
    public static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";
    public static final String SECOND_FACTOR_ENROLLED = "SECOND_FACTOR_ENROLLED";
    public static final String RECOVERY_CODE_USED = "RECOVERY_CODE_USED";
    public static final String ORGANISATION_CREATED = "ORGANISATION_CREATED";
    public static final String ORGANISATION_CONTACT_CHANGED = "ORGANISATION_CONTACT_CHANGED";
    public static final String ACCOUNT_CREATED = "ACCOUNT_CREATED";
    public static final String ACCOUNT_DEACTIVATED = "ACCOUNT_DEACTIVATED";
    public static final String ACCOUNT_REACTIVATED = "ACCOUNT_REACTIVATED";
    public static final String ACCOUNT_UNLOCKED = "ACCOUNT_UNLOCKED";
    // Resets of another person's credentials take two people (R6); see ResetRequests.
    public static final String RESET_REQUESTED = "RESET_REQUESTED";
    public static final String RESET_APPROVED = "RESET_APPROVED";
    public static final String RESET_REFUSED = "RESET_REFUSED";
    public static final String RESET_APPROVAL_DENIED = "RESET_APPROVAL_DENIED";
    public static final String TEMPORARY_PASSWORD_SHOWN = "TEMPORARY_PASSWORD_SHOWN";
    public static final String RESET_NOTICE_ACKNOWLEDGED = "RESET_NOTICE_ACKNOWLEDGED";
    public static final String PROFILE_UPDATED = "PROFILE_UPDATED";

    private AccountActions() {
    }
}
