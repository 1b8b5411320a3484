package org.exitwork.accounts;

/**
 * What an account holder does in the organisation. Administrators manage accounts, never cases. A
 * peer is a practitioner of another organisation, invited by a manager into cross-evaluation groups:
 * a peer reaches those groups and nothing else (no case, list, partner, programme or figure).
 */
public enum Role {
    PRACTITIONER, MANAGER, DATA_PROTECTION_OFFICER, ADMIN, PEER;

    /** The Spring Security authority granted once both factors are verified. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Staff of the organisation itself: every role but {@link #PEER}. */
    public boolean isStaff() {
        return this != PEER;
    }
}
