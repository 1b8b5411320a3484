package org.exitwork.safety;

import java.util.Optional;
import java.util.UUID;

/**
 * The work e-mail address a staff member keeps for alarms ({@code /safety/settings}), for other
 * modules that must reach a colleague with a reminder that carries no client data (the overdue review
 * of a danger alert). Never a home address: none is stored anywhere.
 */
public interface StaffWorkAddresses {

    /** The staff member's work address, if they gave one and belong to {@code organisationId}. */
    Optional<String> workAddress(UUID organisationId, UUID staffId);
}
