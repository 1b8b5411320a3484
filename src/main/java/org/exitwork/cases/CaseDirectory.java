package org.exitwork.cases;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;

/**
 * The access rules of cases (R6) for other modules that keep data about a client, such as the
 * threat logbook: they ask here instead of deciding for themselves. Refusals are audited; another
 * organisation's ids are not found.
 */
public interface CaseDirectory {

    /** For changes: the case if {@code who} is in its tandem; {@code ForbiddenException} otherwise. */
    CaseReference requireTandem(StaffPrincipal who, UUID clientId, String what);

    /** For reading: the tandem, or a colleague who broke the glass with a recorded reason. */
    CaseReference requireReader(StaffPrincipal who, UUID clientId, String what);

    /** Whether {@code who} is in the case's tandem; no audit entry, no exception for other cases of the organisation. */
    boolean inTandem(StaffPrincipal who, UUID clientId);

    /**
     * The pseudonyms of those of {@code clientIds} whose tandem {@code who} is in (of any stage), in one
     * query, for a page of a list that names a row's case only to its tandem; no audit entry.
     */
    java.util.Map<UUID, String> pseudonymsInTandem(StaffPrincipal who, java.util.Collection<UUID> clientIds);

    /** The prospects and clients {@code who} carries, by pseudonym, for choosing one in a form. */
    List<CaseReference> casesCarriedBy(StaffPrincipal who);

    /** The case for work done on behalf of the organisation (e.g. an escalating alarm); no access check. */
    Optional<CaseReference> find(UUID organisationId, UUID clientId);
}
