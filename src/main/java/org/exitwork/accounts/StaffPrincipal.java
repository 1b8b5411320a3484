package org.exitwork.accounts;

import java.io.Serializable;
import java.util.UUID;

import org.springframework.security.core.AuthenticatedPrincipal;

/** The signed-in staff member, as every module sees them. */
public record StaffPrincipal(UUID id, UUID organisationId, String username, String displayName, Role role)
        implements AuthenticatedPrincipal, Serializable {

    @Override
    public String getName() {
        return username;
    }

    public boolean is(Role other) {
        return role == other;
    }
}
