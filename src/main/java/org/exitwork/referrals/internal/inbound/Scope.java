package org.exitwork.referrals.internal.inbound;

/** What one API credential allows: exactly one thing (R7). */
public enum Scope {
    /** Refer a person. */
    SUBMIT_REFERRAL,
    /** Add information about a person the partner referred earlier, by its own reference. */
    ADD_INFORMATION;

    public String authority() {
        return "SCOPE_" + name();
    }
}
