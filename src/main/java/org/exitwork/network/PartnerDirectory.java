package org.exitwork.network;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Read-only look-ups of an organisation's partners; another organisation's ids are not found. */
public interface PartnerDirectory {

    Optional<Partner> find(UUID organisationId, UUID partnerId);

    /**
     * Several partners of the organisation in one query, by id (for one page of a list that names the
     * partner of each row); ids of another organisation or unknown ones are left out.
     */
    Map<UUID, Partner> find(UUID organisationId, Collection<UUID> partnerIds);

    /** All partners of the organisation, active ones first, by name. */
    List<Partner> partners(UUID organisationId);

    /**
     * The contact persons of a partner, in the registry's order, decrypted; empty for another
     * organisation's partner. No audit entry: the caller records what it shows or sends.
     */
    List<PartnerContact> contacts(UUID organisationId, UUID partnerId);
}
