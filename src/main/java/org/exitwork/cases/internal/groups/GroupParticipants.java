package org.exitwork.cases.internal.groups;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.identity.PseudonymGenerator;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A group's participants (R13): known by a pseudonym of their own, and linked to an individual case
 * only by a practitioner of that case's tandem, who alone may remove the link again.
 */
@Service
public class GroupParticipants {

    private final GroupRepository groups;
    private final GroupAccess access;
    private final CaseAccess cases;
    private final PseudonymGenerator pseudonyms;
    private final Clock clock;

    GroupParticipants(GroupRepository groups, GroupAccess access, CaseAccess cases, PseudonymGenerator pseudonyms,
            Clock clock) {
        this.groups = groups;
        this.access = access;
        this.cases = cases;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /** A new participant, known by a fresh pseudonym only. */
    @Transactional
    public String addParticipant(StaffPrincipal who, UUID groupId) {
        GroupRef group = access.forLeaders(who, groupId, "add participant");
        String pseudonym = freshPseudonym(group.organisationId());
        groups.insertParticipant(UUID.randomUUID(), group.id(), group.organisationId(), pseudonym, clock.instant());
        access.record(who, GroupActions.GROUP_PARTICIPANT_ADDED, group,
                "participants=" + groups.participants(group.id()).size());
        return pseudonym;
    }

    /**
     * Links a participant to an individual case of the linking practitioner's own tandem (R13). A
     * participant already linked to a case outside that tandem stays as it is.
     */
    @Transactional
    public void linkCase(StaffPrincipal who, UUID groupId, UUID participantId, UUID clientId) {
        GroupRef group = access.forLeaders(who, groupId, "link participant to a case");
        GroupRepository.ParticipantRow participant = groups.participant(group.id(), participantId)
                .orElseThrow(NotFoundException::new);
        CaseRef client = cases.forTandem(who, clientId, "link group participant");
        cases.requireStage(client, Stage.CLIENT);
        if (client.id().equals(participant.clientId())) {
            return;
        }
        boolean linkedElsewhere = participant.clientId() != null
                && groups.casesInTandemOf(who.id(), List.of(participant.clientId())).isEmpty();
        if (linkedElsewhere || groups.caseLinkedInGroup(group.id(), client.id())) {
            throw new CannotLinkException();
        }
        groups.linkCase(participant.id(), client.id());
        access.record(who, GroupActions.GROUP_PARTICIPANT_LINKED, group, null);
        cases.record(who, GroupActions.GROUP_PARTICIPANT_LINKED, client, group.subject());
    }

    /** Removes the link; only the tandem of the linked case may, since only it knows of the link. */
    @Transactional
    public void unlinkCase(StaffPrincipal who, UUID groupId, UUID participantId) {
        GroupRef group = access.forLeaders(who, groupId, "unlink participant from a case");
        GroupRepository.ParticipantRow participant = groups.participant(group.id(), participantId)
                .orElseThrow(NotFoundException::new);
        if (participant.clientId() == null) {
            return;
        }
        CaseRef client = cases.forTandem(who, participant.clientId(), "unlink group participant");
        groups.linkCase(participant.id(), null);
        access.record(who, GroupActions.GROUP_PARTICIPANT_UNLINKED, group, null);
        cases.record(who, GroupActions.GROUP_PARTICIPANT_UNLINKED, client, group.subject());
    }

    private String freshPseudonym(UUID org) {
        for (int attempt = 0; attempt < 50; attempt++) {
            String candidate = pseudonyms.next();
            if (!groups.pseudonymTaken(org, candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free pseudonym found");
    }

    /** The participant is linked to another case already, or the case to another participant. */
    static class CannotLinkException extends RuntimeException {
    }
}
