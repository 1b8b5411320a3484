package org.exitwork.cases.internal.groups;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.ClientErased;
import org.exitwork.cases.NewProspect;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.identity.PseudonymGenerator;
import org.exitwork.cases.internal.intake.IntakeService;
import org.exitwork.platform.NotFoundException;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A group's participants (R13): known by a pseudonym of their own, and linked to an individual case
 * only by a practitioner of that case's tandem, who alone may remove the link again.
 *
 * <p>The leaders may give a participant a private label so that they can tell people apart; it is
 * sealed with the group's key and opened only for the group's leaders (never for a report, an export,
 * a partner or an audit detail). A leader may also open a case for a participant: an ordinary
 * prospect of the cases module, carried by that leader, under a pseudonym of its own; nothing of the
 * group (pseudonym, label, name) goes into the case. The link it makes is case information, so only
 * the case's tandem sees it on the group page.
 */
@Service
public class GroupParticipants {

    /** The longest private label: enough to tell people apart, too short for a description. */
    static final int LABEL_MAX = 100;

    /** One participant and their label, for the label form and the open-a-case page. */
    record ParticipantView(UUID groupId, String groupName, UUID participantId, String pseudonym, String label,
            Pathway suggestedPathway) {
    }

    private final GroupRepository groups;
    private final GroupAccess access;
    private final CaseAccess cases;
    private final PseudonymGenerator pseudonyms;
    private final IntakeService intake;
    private final Clock clock;

    GroupParticipants(GroupRepository groups, GroupAccess access, CaseAccess cases, PseudonymGenerator pseudonyms,
            IntakeService intake, Clock clock) {
        this.groups = groups;
        this.access = access;
        this.cases = cases;
        this.pseudonyms = pseudonyms;
        this.intake = intake;
        this.clock = clock;
    }

    /** A new participant, known by a fresh pseudonym only. */
    @Transactional
    public String addParticipant(StaffPrincipal who, UUID groupId) {
        GroupRef group = access.forLeaders(who, groupId, "add participant");
        String pseudonym = freshPseudonym(group.organisationId());
        groups.insertParticipant(UUID.randomUUID(), group.id(), group.organisationId(), pseudonym, clock.instant());
        access.record(who, GroupActions.GROUP_PARTICIPANT_ADDED, group,
                AuditDetail.of("group.participants", groups.participants(group.id()).size()));
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

    /** One participant with their label, for the group's leaders; audited as a read. */
    @Transactional
    public ParticipantView participant(StaffPrincipal who, UUID groupId, UUID participantId) {
        GroupRef group = access.forLeaders(who, groupId, "read a participant");
        GroupRepository.ParticipantRow participant = groups.participant(group.id(), participantId)
                .orElseThrow(NotFoundException::new);
        GroupRepository.GroupRow row = groups.group(group.id()).orElseThrow(NotFoundException::new);
        var cipher = access.cipher(group);
        access.record(who, GroupActions.GROUP_READ, group, AuditDetail.of("group.one-participant"));
        return new ParticipantView(group.id(), cipher.row("cas_group", group.id()).open("name", row.name()),
                participant.id(), participant.pseudonym(), openLabel(group, participant),
                suggestedPathway(GroupSetting.valueOf(row.setting())));
    }

    /** Gives, changes or ({@code null} or blank) removes the private label; the audit says which, never the text. */
    @Transactional
    public void label(StaffPrincipal who, UUID groupId, UUID participantId, String label) {
        GroupRef group = access.forLeaders(who, groupId, "label a participant");
        GroupRepository.ParticipantRow participant = groups.participant(group.id(), participantId)
                .orElseThrow(NotFoundException::new);
        String text = label == null ? null : label.strip();
        if (text != null && text.isEmpty()) {
            text = null;
        }
        if (text != null && text.length() > LABEL_MAX) {
            throw new IllegalArgumentException("label longer than " + LABEL_MAX);
        }
        if (text == null && participant.label() == null) {
            return;
        }
        groups.setLabel(group.id(), participant.id(),
                access.cipher(group).row("cas_group_participant", participant.id()).seal("label", text));
        if (text == null) {
            access.record(who, GroupActions.GROUP_PARTICIPANT_LABEL_REMOVED, group, null);
        } else {
            access.record(who, GroupActions.GROUP_PARTICIPANT_LABELLED, group,
                    AuditDetail.of(participant.label() == null ? "group.label-given" : "group.label-changed"));
        }
    }

    /**
     * Opens a case for a participant (R13, R1): the usual prospect of the intake, carried by the leader
     * who opens it, under a fresh pseudonym of its own, with only what the leader enters; then links
     * the participant to it. Refused when the participant is linked to a case already (whoever's):
     * one person, one case.
     */
    @Transactional
    public RegisteredClient openCase(StaffPrincipal who, UUID groupId, UUID participantId, NewProspect prospect) {
        GroupRef group = access.forLeaders(who, groupId, "open a case for a participant");
        GroupRepository.ParticipantRow participant = groups.participant(group.id(), participantId)
                .orElseThrow(NotFoundException::new);
        if (participant.clientId() != null) {
            throw new CannotOpenCaseException();
        }
        RegisteredClient client = intake.openProspect(who, prospect);
        groups.linkCase(participant.id(), client.id());
        access.record(who, GroupActions.GROUP_PARTICIPANT_CASE_OPENED, group, null);
        cases.record(who, GroupActions.GROUP_PARTICIPANT_LINKED, cases.forTandem(who, client.id(), "link group participant"),
                group.subject());
        return client;
    }

    /**
     * A client is being erased (R20): the participants linked to them lose their private label now,
     * before the link itself goes with the client's row. The group keeps pseudonym and attendance.
     */
    @EventListener
    void clientErased(ClientErased erased) {
        groups.forgetLabelsOfClient(erased.clientId());
    }

    String openLabel(GroupRef group, GroupRepository.ParticipantRow participant) {
        return access.cipher(group).row("cas_group_participant", participant.id()).open("label", participant.label());
    }

    /** How a person met through group work came to us, as far as the group's setting tells. */
    static Pathway suggestedPathway(GroupSetting setting) {
        return switch (setting) {
            case SCHOOL -> Pathway.SCHOOL;
            case PRISON -> Pathway.PRISON;
            case YOUTH_WORK -> Pathway.YOUTH_SERVICE;
            case OTHER -> Pathway.OTHER;
        };
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

    /** The participant is linked to a case already. */
    static class CannotOpenCaseException extends RuntimeException {
    }
}
