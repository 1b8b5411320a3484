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
    /**
     * At most {@code limit} of the {@link #team}, the first by name: a bounded read however large the
     * organisation (a caller asking for one more than it shows learns whether there are more).
     */
    List<StaffMember> team(UUID organisationId, int limit);

    /** The active practitioners and managers among these ids; ids from another organisation are left out. */
    List<StaffMember> teamMembers(UUID organisationId, Collection<UUID> staffIds);

    /**
     * At most {@code limit} active practitioners and managers whose display name contains {@code text} (letter
     * case ignored), by name.
     */
    List<StaffMember> teamNamed(UUID organisationId, String text, int limit);

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
