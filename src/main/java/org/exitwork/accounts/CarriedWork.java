package org.exitwork.accounts;

import java.util.UUID;

/**
 * What a staff member still carries in the modules that give people work (today: the open cases
 * whose tandem they are in), asked by the staff administration so that deactivating an account
 * says how much must be handed over. Modules implement it; accounts only asks, so accounts needs
 * no dependency on them (cases depends on accounts, never the other way round). A count and
 * nothing else: the administrator manages accounts and sees no case, not even a pseudonym; a
 * programme manager hands each case over.
 */
public interface CarriedWork {

    /** How many open cases (prospects and clients) the staff member is in the tandem of. */
    long openCases(UUID organisationId, UUID staffId);

    /** The same for several staff members at once (one page of the staff list); absent means none. */
    default java.util.Map<UUID, Long> openCases(UUID organisationId, java.util.Collection<UUID> staffIds) {
        java.util.Map<UUID, Long> counts = new java.util.HashMap<>();
        staffIds.forEach(id -> counts.put(id, openCases(organisationId, id)));
        return counts;
    }
}
