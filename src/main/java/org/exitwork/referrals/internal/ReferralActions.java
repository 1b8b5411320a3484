package org.exitwork.referrals.internal;

/**
 * The audit actions of referrals in (R7). Details carry codes, dates and counts, never what a partner
 * shared; the subject is the case's pseudonym once there is one, before that the referral's id.
 */
final class ReferralActions {
    /** The matcher (no staff member acts). */
    static final String MATCHER = "exitwork (referral matcher)";
    static final String RETENTION = "exitwork (referral retention)";
    static final String RESTORE = "exitwork (restore)";

    static final String REFERRAL_RECEIVED = "REFERRAL_RECEIVED";
    static final String REFERRAL_JOINED = "REFERRAL_JOINED";
    static final String REFERRAL_INFORMATION_ADDED = "REFERRAL_INFORMATION_ADDED";
    static final String REFERRAL_UNMATCHED = "REFERRAL_UNMATCHED";
    static final String REFERRALS_LISTED = "REFERRALS_LISTED";
    static final String REFERRAL_READ = "REFERRAL_READ";
    static final String REFERRAL_ASSIGNED = "REFERRAL_ASSIGNED";
    static final String REFERRAL_READ_BEFORE_ASSIGNED = "REFERRAL_READ_BEFORE_ASSIGNED";
    static final String REFERRAL_DECLINED = "REFERRAL_DECLINED";
    static final String REFERRAL_EXPIRED = "REFERRAL_EXPIRED";
    /** Declined or expired after a backup was taken, and erased again when that backup was restored. */
    static final String REFERRAL_ERASED_AGAIN = "REFERRAL_ERASED_AGAIN";
    static final String REFERRALS_READ_IN_CASE = "REFERRALS_READ_IN_CASE";

    private ReferralActions() {
    }
}
