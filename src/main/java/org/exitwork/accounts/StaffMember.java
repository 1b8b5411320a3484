package org.exitwork.accounts;

import java.util.UUID;

/** A staff account as other modules may see it: no secrets, no sign-in state. */
public record StaffMember(UUID id, UUID organisationId, String username, String displayName, Role role,
        boolean active) {
}
