package org.exitwork.quality;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;

/**
 * Who belongs to which cross-evaluation group (R16), for the vignettes the disclosure gate releases to a
 * group: only members read a group's vignettes and give feedback, and an author writes only for a group
 * they are a member of. A manager who keeps a group but is no member of it is no reader.
 */
public interface PeerGroupMembership {

    /** A group by id and name; nothing else about it. */
    record GroupRef(UUID id, String name) {
    }

    /** The groups of {@code who}'s organisation that {@code who} is a member of, by name. */
    List<GroupRef> groupsOf(StaffPrincipal who);

    /** The group, if it is of {@code who}'s organisation and {@code who} is a member of it. */
    Optional<GroupRef> asMember(StaffPrincipal who, UUID groupId);

    /** The group of the organisation, whoever asks; for the record of where a vignette went. */
    Optional<GroupRef> find(UUID organisationId, UUID groupId);
}
