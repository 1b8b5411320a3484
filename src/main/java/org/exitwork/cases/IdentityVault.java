package org.exitwork.cases;

import java.util.Optional;
import java.util.UUID;

/**
 * The identity vault for the disclosure gate's danger-in-default alert (R8), which may disclose
 * chosen identity fields. No access check and no audit entry here: the gate checks that the tandem
 * asks and records what it reads and what goes out. Empty for a prospect or another organisation.
 */
public interface IdentityVault {

    Optional<ClientIdentity> identity(UUID organisationId, UUID clientId);
}
