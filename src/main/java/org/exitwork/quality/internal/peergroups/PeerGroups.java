package org.exitwork.quality.internal.peergroups;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.AccountAdministration.NewAccount;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.quality.PeerGroupMembership;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cross-evaluation groups (R16): a manager invites peers of other organisations, makes groups of own
 * staff and peers and records their meetings. A member sees their groups; the organisation's managers
 * see and keep all of them; anyone else, a peer or practitioner of the organisation included, finds no
 * such group (404).
 */
@Service
public class PeerGroups implements PeerGroupMembership {

    /** A group as its members see it. */
    public record Group(UUID id, String name, List<Member> members, List<LocalDate> meetings) {
    }

    /** A member: own staff (home organisation null) or a peer of another organisation. */
    public record Member(UUID staffId, String displayName, Role role, String homeOrganisation, boolean active) {
    }

    /** A peer the organisation invited. */
    public record Peer(UUID staffId, String username, String displayName, String homeOrganisation, boolean active) {
    }

    /** A group in a list. */
    public record Listed(UUID id, String name) {
    }

    /** Someone who may be added to a group now: an active practitioner, manager or peer of the organisation. */
    public record Candidate(UUID staffId, String displayName, Role role, String homeOrganisation) {
    }

    /** Why a member or meeting is refused: a message key for the form's field. */
    public static final class Refused extends RuntimeException {
        public final String reason;

        Refused(String reason) {
            super(reason);
            this.reason = reason;
        }
    }

    /** How far back and ahead a meeting may be dated. */
    static final int YEARS_BACK = 10;
    static final int YEARS_AHEAD = 2;

    private final PeerGroupRepository groups;
    private final StaffDirectory directory;
    private final AccountAdministration accounts;
    private final AuditLog audit;
    private final Clock clock;

    PeerGroups(PeerGroupRepository groups, StaffDirectory directory, AccountAdministration accounts, AuditLog audit,
            Clock clock) {
        this.groups = groups;
        this.directory = directory;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    /** The groups one sees: a manager the organisation's, everyone else those they are a member of. */
    @Transactional(readOnly = true)
    public List<Listed> visibleTo(StaffPrincipal who) {
        List<PeerGroupRepository.GroupRow> rows = who.is(Role.MANAGER) ? groups.groups(who.organisationId())
                : groups.groupsOf(who.organisationId(), who.id());
        return rows.stream().map(g -> new Listed(g.id(), g.name())).toList();
    }

    /** One group, for its members and the organisation's managers; 404 for everyone else. */
    @Transactional(readOnly = true)
    public Group open(StaffPrincipal who, UUID groupId) {
        PeerGroupRepository.GroupRow row = visible(who, groupId);
        Map<UUID, Peer> peers = peersById(who.organisationId());
        List<Member> members = new ArrayList<>();
        for (UUID staffId : groups.members(row.id())) {
            Optional<StaffMember> member = directory.find(who.organisationId(), staffId);
            if (member.isEmpty()) {
                continue;
            }
            StaffMember m = member.get();
            Peer peer = peers.get(staffId);
            members.add(new Member(staffId, m.displayName(), m.role(), peer == null ? null : peer.homeOrganisation(),
                    m.active()));
        }
        members.sort(Comparator.comparing(Member::displayName, String.CASE_INSENSITIVE_ORDER));
        List<LocalDate> meetings = groups.meetings(row.id()).stream().map(PeerGroupRepository.MeetingRow::heldOn)
                .toList();
        return new Group(row.id(), row.name(), List.copyOf(members), meetings);
    }

    /** Whether {@code who} is a member of the group (a manager who only keeps it is not). */
    @Transactional(readOnly = true)
    public boolean isMember(StaffPrincipal who, UUID groupId) {
        return asMember(who, groupId).isPresent();
    }

    @Override
    @Transactional(readOnly = true)
    public List<GroupRef> groupsOf(StaffPrincipal who) {
        return groups.groupsOf(who.organisationId(), who.id()).stream().map(g -> new GroupRef(g.id(), g.name()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<GroupRef> asMember(StaffPrincipal who, UUID groupId) {
        return groups.group(who.organisationId(), groupId).filter(g -> groups.isMember(g.id(), who.id()))
                .map(g -> new GroupRef(g.id(), g.name()));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<GroupRef> find(UUID organisationId, UUID groupId) {
        return groups.group(organisationId, groupId).map(g -> new GroupRef(g.id(), g.name()));
    }

    private PeerGroupRepository.GroupRow visible(StaffPrincipal who, UUID groupId) {
        PeerGroupRepository.GroupRow row = groups.group(who.organisationId(), groupId)
                .orElseThrow(NotFoundException::new);
        if (!who.is(Role.MANAGER) && !groups.isMember(row.id(), who.id())) {
            throw new NotFoundException();
        }
        return row;
    }

    private PeerGroupRepository.GroupRow kept(StaffPrincipal manager, UUID groupId) {
        requireManager(manager);
        return groups.group(manager.organisationId(), groupId).orElseThrow(NotFoundException::new);
    }

    @Transactional
    public UUID create(StaffPrincipal manager, String name) {
        requireManager(manager);
        UUID id = UUID.randomUUID();
        groups.insertGroup(id, manager.organisationId(), name, manager.id(), clock.instant());
        record(manager, PeerGroupActions.PEER_GROUP_CREATED, null, AuditDetail.of("peer-group", id));
        return id;
    }

    /** Who may be added to the group: active own practitioners and managers and active peers, not yet in it. */
    @Transactional(readOnly = true)
    public List<Candidate> candidates(StaffPrincipal manager, UUID groupId) {
        PeerGroupRepository.GroupRow row = kept(manager, groupId);
        Set<UUID> already = new HashSet<>(groups.members(row.id()));
        List<Candidate> candidates = new ArrayList<>();
        for (StaffMember m : directory.team(manager.organisationId())) {
            if (!already.contains(m.id())) {
                candidates.add(new Candidate(m.id(), m.displayName(), m.role(), null));
            }
        }
        for (Peer p : peers(manager)) {
            if (p.active() && !already.contains(p.staffId())) {
                candidates.add(new Candidate(p.staffId(), p.displayName(), Role.PEER, p.homeOrganisation()));
            }
        }
        candidates.sort(Comparator.comparing(Candidate::displayName, String.CASE_INSENSITIVE_ORDER));
        return candidates;
    }

    @Transactional
    public void addMember(StaffPrincipal manager, UUID groupId, UUID staffId) {
        PeerGroupRepository.GroupRow row = kept(manager, groupId);
        boolean candidate = candidates(manager, groupId).stream().anyMatch(c -> c.staffId().equals(staffId));
        if (!candidate) {
            throw new Refused(groups.isMember(row.id(), staffId) ? "peergroups.member.already"
                    : "peergroups.member.unknown");
        }
        groups.addMember(row.id(), staffId, manager.id(), clock.instant());
        record(manager, PeerGroupActions.PEER_GROUP_MEMBER_ADDED, username(manager, staffId),
                AuditDetail.of("peer-group", row.id()));
    }

    @Transactional
    public void removeMember(StaffPrincipal manager, UUID groupId, UUID staffId) {
        PeerGroupRepository.GroupRow row = kept(manager, groupId);
        if (!groups.removeMember(row.id(), staffId)) {
            throw new NotFoundException();
        }
        record(manager, PeerGroupActions.PEER_GROUP_MEMBER_REMOVED, username(manager, staffId),
                AuditDetail.of("peer-group", row.id()));
    }

    @Transactional
    public void recordMeeting(StaffPrincipal manager, UUID groupId, LocalDate heldOn) {
        PeerGroupRepository.GroupRow row = kept(manager, groupId);
        LocalDate today = LocalDate.now(clock);
        if (heldOn.isBefore(today.minusYears(YEARS_BACK)) || heldOn.isAfter(today.plusYears(YEARS_AHEAD))) {
            throw new Refused("peergroups.meeting.out-of-range");
        }
        groups.insertMeeting(UUID.randomUUID(), row.id(), heldOn, manager.id(), clock.instant());
        record(manager, PeerGroupActions.PEER_GROUP_MEETING_RECORDED, null,
                AuditDetail.of("peer-group.meeting", row.id(), heldOn));
    }

    /** The peers the organisation invited, in the order they were invited. */
    @Transactional(readOnly = true)
    public List<Peer> peers(StaffPrincipal manager) {
        requireManager(manager);
        return List.copyOf(peersById(manager.organisationId()).values());
    }

    private Map<UUID, Peer> peersById(UUID org) {
        Map<UUID, Peer> peers = new LinkedHashMap<>();
        for (PeerGroupRepository.PeerRow row : groups.peers(org)) {
            directory.find(org, row.staffId()).ifPresent(m -> peers.put(row.staffId(),
                    new Peer(row.staffId(), m.username(), m.displayName(), row.homeOrganisation(), m.active())));
        }
        return peers;
    }

    /**
     * Invites a practitioner of another organisation: an account with the role PEER and a temporary
     * password, shown once to the manager.
     *
     * @throws AccountAdministration.UsernameTaken if the user name is in use
     */
    @Transactional
    public NewAccount invite(StaffPrincipal manager, String username, String displayName, String homeOrganisation) {
        requireManager(manager);
        NewAccount created = accounts.invitePeer(manager, username, displayName);
        groups.insertPeer(created.member().id(), manager.organisationId(), homeOrganisation, manager.id(),
                clock.instant());
        record(manager, PeerGroupActions.PEER_INVITED, username, null);
        return created;
    }

    private String username(StaffPrincipal manager, UUID staffId) {
        return directory.find(manager.organisationId(), staffId).map(StaffMember::username).orElse(null);
    }

    private static void requireManager(StaffPrincipal who) {
        if (!who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
    }

    private void record(StaffPrincipal who, String action, String subject, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, subject, detail));
    }
}
