package org.exitwork.safety.internal.staffsafety;

import java.util.Optional;
import java.util.UUID;

import org.exitwork.safety.StaffWorkAddresses;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link StaffWorkAddresses} on the addresses staff safety keeps for alarms. */
@Component
class WorkAddresses implements StaffWorkAddresses {

    private final StaffSafetyRepository repository;

    WorkAddresses(StaffSafetyRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> workAddress(UUID organisationId, UUID staffId) {
        return repository.workEmail(organisationId, staffId);
    }
}
