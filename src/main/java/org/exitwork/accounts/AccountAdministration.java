package org.exitwork.accounts;

import java.util.UUID;

/** Creating organisations and accounts outside the web UI (demo data, command line). */
public interface AccountAdministration {

    record NewAccount(StaffMember member, String temporaryPassword) {
    }

    /** Creates an organisation with its first administrator; the password must be changed at first sign-in. */
    NewAccount createOrganisation(String organisationName, String adminUsername, String adminDisplayName);

    /**
     * Creates an account with a generated password. A temporary one must be changed at first
     * sign-in; demo accounts keep theirs. Either way the second factor is enrolled at first sign-in.
     */
    NewAccount createStaff(UUID organisationId, String username, String displayName, Role role, boolean temporary);

    /** Sets the organisation's name and contact (as a manager does at /organisation); audited as the command line's. */
    void describeOrganisation(UUID organisationId, OrganisationContact contact);

    /** Whether any account exists yet (the first-run page is gone once one does). */
    boolean installationSetUp();
}
