package org.exitwork.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.platform.KeysetPage;

/** Read-only look-ups of staff, always within one organisation. */
public interface StaffDirectory {

    Optional<StaffMember> find(UUID organisationId, UUID staffId);

    /** Active practitioners of the organisation, by name. */
    List<StaffMember> practitioners(UUID organisationId);

    /**
     * One page of the active practitioners by name ({@link KeysetPage#SIZE} a page, keyset on the staff list's
     * index): after the practitioner {@code after}, or before {@code before} read backwards.
     */
    KeysetPage<StaffMember> practitioners(UUID organisationId, UUID after, UUID before);

    /** Active practitioners and managers of the organisation (the people who do the work), by name. */
    List<StaffMember> team(UUID organisationId);
    /** Active managers of the organisation, by name. */
    List<StaffMember> managers(UUID organisationId);

    /** Display names by id; ids from another organisation are left out. */
    Map<UUID, String> displayNames(UUID organisationId, Collection<UUID> staffIds);

    /**
     * The diversity profiles (R2) by id; ids from another organisation are left out, and a staff
     * member who recorded nothing gets an {@link StaffProfile#empty} profile.
     */
    Map<UUID, StaffProfile> profiles(UUID organisationId, Collection<UUID> staffIds);
}
