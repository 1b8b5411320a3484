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

    /**
     * A manager invites a practitioner of another organisation as a peer (role {@link Role#PEER}) into
     * the manager's organisation, with a temporary password to hand over; the peer changes it and
     * enrols the second factor at first sign-in, like staff. Audited as the manager's.
     *
     * @throws UsernameTaken if the user name is in use
     * @throws org.exitwork.platform.ForbiddenException if {@code manager} is no manager
     */
    NewAccount invitePeer(StaffPrincipal manager, String username, String displayName);

    /** The user name asked for is in use already. */
    class UsernameTaken extends RuntimeException {
    }

    /** Sets the organisation's name and contact (as a manager does at /organisation); audited as the command line's. */
    void describeOrganisation(UUID organisationId, OrganisationContact contact);

    /** Whether any account exists yet (the first-run page is gone once one does). */
    boolean installationSetUp();
}
