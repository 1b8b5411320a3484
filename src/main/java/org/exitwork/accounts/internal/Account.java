package org.exitwork.accounts.internal;

import java.time.Instant;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;

/** A staff account with its sign-in state, as stored in acc_staff. */
record Account(UUID id, UUID organisationId, String username, String displayName, Role role, String passwordHash,
        boolean mustChangePassword, byte[] totpSecret, boolean totpEnrolled, Long totpLastStep, int failedAttempts,
        Instant lockedUntil, boolean active) {

    StaffPrincipal principal() {
        return new StaffPrincipal(id, organisationId, username, displayName, role);
    }

    StaffMember member() {
        return new StaffMember(id, organisationId, username, displayName, role, active);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
