package org.exitwork.accounts;

/** What a staff member does in the organisation. Administrators manage accounts, never cases. */
public enum Role {
    PRACTITIONER, MANAGER, DATA_PROTECTION_OFFICER, ADMIN;

    /** The Spring Security authority granted once both factors are verified. */
    public String authority() {
        return "ROLE_" + name();
    }
}
