package org.exitwork.accounts.internal.account;

import java.time.Instant;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;

/** A staff account with its sign-in state, as stored in acc_staff. */
public record Account(UUID id, UUID organisationId, String username, String displayName, Role role, String passwordHash,
        boolean mustChangePassword, byte[] totpSecret, boolean totpEnrolled, Long totpLastStep, int failedAttempts,
        Instant lockedUntil, boolean active) {

    public StaffPrincipal principal() {
        return new StaffPrincipal(id, organisationId, username, displayName, role);
    }

    public StaffMember member() {
        return new StaffMember(id, organisationId, username, displayName, role, active);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
