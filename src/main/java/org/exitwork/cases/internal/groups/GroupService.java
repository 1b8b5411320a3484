package org.exitwork.cases.internal.groups;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.sessions.Theme;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.KeysetPage;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Group work (R13): groups in schools, youth work and prisons, their sessions and attendance by
 * pseudonym. Only the leaders read and write a group; its texts are encrypted with the group's own
 * key. A participant who needs more can get an individual case and stays in the group; that link is
 * case information, so only the case's tandem sees it.
 */
@Service
class GroupService {

    record GroupDetails(String name, GroupSetting setting, String institution, Set<UUID> leaders) {
    }

    record NewSession(LocalDate heldOn, int minutes, Set<Theme> themes, String note, Set<UUID> present) {
    }

    record GroupSummary(UUID id, String name, List<String> leaders, boolean mine) {
    }

    /** The case a participant is linked to; shown only to that case's tandem. */
    record LinkedCase(UUID id, String pseudonym) {
    }

    /** {@code label}: the leaders' private label, or null; {@code linkedCase}: only for that case's tandem. */
    record Participant(UUID id, String pseudonym, String label, int attended, LinkedCase linkedCase) {
    }

    record Session(UUID id, LocalDate heldOn, int minutes, List<Theme> themes, String note, List<String> present,
            String recordedBy) {
    }

    record GroupView(UUID id, String name, GroupSetting setting, String institution, List<String> leaders,
            List<Participant> participants, List<Session> sessions, List<GroupRepository.OwnCase> ownCases) {
    }

    record RestrictedGroup(UUID id, String name, List<String> leaders) {
    }

    private final GroupRepository groups;
    private final GroupAccess access;
    private final ClientKeys keys;
    private final StaffDirectory staff;
    private final Clock clock;

    GroupService(GroupRepository groups, GroupAccess access, ClientKeys keys, StaffDirectory staff, Clock clock) {
        this.groups = groups;
        this.access = access;
        this.keys = keys;
        this.staff = staff;
        this.clock = clock;
    }

    /** Every group of the organisation, by name and leaders only: that much every colleague may know. */
    @Transactional(readOnly = true)
    public KeysetPage<GroupSummary> list(StaffPrincipal who, GroupFilter filter) {
        CaseAccess.requireCaseRole(who);
        List<GroupRepository.GroupRow> rows = groups.groups(who.organisationId(),
                filter.setting() == null ? null : filter.setting().name(), filter.mineOnly() ? who.id() : null,
                filter.after(), filter.before(), KeysetPage.SIZE + 1);
        // The page's leaders and their names in one query each, not one per group.
        Map<UUID, List<UUID>> leaders = groups.leadersOf(rows.stream().map(GroupRepository.GroupRow::id).toList());
        Set<UUID> staffIds = new HashSet<>();
        leaders.values().forEach(staffIds::addAll);
        Map<UUID, String> names = staff.displayNames(who.organisationId(), staffIds);
        // The groups' keys in one query too.
        Map<UUID, FieldCipher> ciphers = keys.ciphersFor(rows.stream().map(GroupRepository.GroupRow::id).toList());
        return KeysetPage.of(rows.stream()
                .map(g -> {
                    List<UUID> led = leaders.getOrDefault(g.id(), List.of());
                    return new GroupSummary(g.id(), name(g, ciphers), names(led, names), led.contains(who.id()));
                })
                .toList(), KeysetPage.SIZE, filter.after(), filter.before(), GroupSummary::id);
    }

    /** A practitioner starts a group and leads it, with the colleagues chosen as co-leaders. */
    @Transactional
    public UUID create(StaffPrincipal who, GroupDetails details) {
        if (!who.is(Role.PRACTITIONER)) {
            throw new ForbiddenException();
        }
        Set<UUID> leaders = new LinkedHashSet<>();
        leaders.add(who.id());
        leaders.addAll(details.leaders());
        requirePractitioners(who, leaders);
        GroupRef group = new GroupRef(UUID.randomUUID(), who.organisationId());
        keys.createKey(group.id(), group.organisationId());
        FieldCipher cipher = keys.cipherFor(group.id());
        groups.insertGroup(new GroupRepository.GroupRow(group.id(), group.organisationId(),
                cipher.row("cas_group", group.id()).seal("name", details.name()), details.setting().name(),
                cipher.row("cas_group", group.id()).seal("institution", details.institution()), clock.instant()), who.id());
        groups.replaceLeaders(group.id(), leaders);
        access.record(who, GroupActions.GROUP_CREATED, group,
                AuditDetail.of("group.setting", details.setting(), leaders.size()));
        return group.id();
    }

    /** The group's details for its edit form. */
    @Transactional
    public GroupDetails details(StaffPrincipal who, UUID groupId) {
        GroupRef group = access.forLeaders(who, groupId, "read group details");
        GroupRepository.GroupRow row = groups.group(group.id()).orElseThrow(NotFoundException::new);
        FieldCipher cipher = access.cipher(group);
        access.record(who, GroupActions.GROUP_READ, group, AuditDetail.of("group.details"));
        return new GroupDetails(cipher.row("cas_group", group.id()).open("name", row.name()), GroupSetting.valueOf(row.setting()),
                cipher.row("cas_group", group.id()).open("institution", row.institution()),
                new LinkedHashSet<>(groups.leaders(group.id())));
    }

    /** Name, setting, institution and leaders; at least one leader stays, so the group never becomes unreadable. */
    @Transactional
    public void change(StaffPrincipal who, UUID groupId, GroupDetails details) {
        GroupRef group = access.forLeaders(who, groupId, "change group");
        if (details.leaders().isEmpty()) {
            throw new InvalidLeadersException();
        }
        requirePractitioners(who, details.leaders());
        FieldCipher cipher = access.cipher(group);
        groups.updateGroup(group.id(), cipher.row("cas_group", group.id()).seal("name", details.name()), details.setting().name(),
                cipher.row("cas_group", group.id()).seal("institution", details.institution()));
        groups.replaceLeaders(group.id(), details.leaders());
        access.record(who, GroupActions.GROUP_CHANGED, group,
                AuditDetail.of("group.setting", details.setting(), details.leaders().size()));
    }

    @Transactional(readOnly = true)
    public boolean leads(StaffPrincipal who, UUID groupId) {
        return access.leads(who, access.find(who, groupId));
    }

    /** Refuses (audited) anyone but a leader, before a form is even looked at. */
    @Transactional(readOnly = true)
    public void requireLeader(StaffPrincipal who, UUID groupId, String what) {
        access.forLeaders(who, groupId, what);
    }

    /** What the session form needs: the group's name and its participants, for the attendance list. */
    @Transactional
    public GroupView forSessionForm(StaffPrincipal who, UUID groupId) {
        GroupRef group = access.forLeaders(who, groupId, "read participants");
        GroupRepository.GroupRow row = groups.group(group.id()).orElseThrow(NotFoundException::new);
        FieldCipher cipher = access.cipher(group);
        List<Participant> participants = groups.participants(group.id()).stream()
                .map(p -> new Participant(p.id(), p.pseudonym(), label(cipher, p), p.attended(), null)).toList();
        access.record(who, GroupActions.GROUP_READ, group, AuditDetail.of("group.participants", participants.size()));
        return new GroupView(group.id(), name(row), GroupSetting.valueOf(row.setting()), null, List.of(),
                participants, List.of(), List.of());
    }

    /** The whole group, for its leaders; audited as a read. */
    @Transactional
    public GroupView open(StaffPrincipal who, UUID groupId) {
        GroupRef group = access.forLeaders(who, groupId, "read");
        GroupRepository.GroupRow row = groups.group(group.id()).orElseThrow(NotFoundException::new);
        FieldCipher cipher = access.cipher(group);
        List<UUID> leaderIds = groups.leaders(group.id());
        List<GroupRepository.ParticipantRow> participantRows = groups.participants(group.id());
        List<GroupRepository.SessionRow> sessionRows = groups.sessions(group.id());

        Set<UUID> linked = new HashSet<>();
        participantRows.stream().map(GroupRepository.ParticipantRow::clientId).filter(Objects::nonNull)
                .forEach(linked::add);
        Map<UUID, String> myLinkedCases = groups.casesInTandemOf(who.id(), linked);
        List<Participant> participants = participantRows.stream()
                .map(p -> new Participant(p.id(), p.pseudonym(), label(cipher, p), p.attended(),
                        p.clientId() != null && myLinkedCases.containsKey(p.clientId())
                                ? new LinkedCase(p.clientId(), myLinkedCases.get(p.clientId())) : null))
                .toList();

        Set<UUID> staffIds = new HashSet<>(leaderIds);
        sessionRows.forEach(s -> staffIds.add(s.recordedBy()));
        Map<UUID, String> names = staff.displayNames(who.organisationId(), staffIds);
        Map<UUID, String> pseudonymOf = new java.util.HashMap<>();
        participantRows.forEach(p -> pseudonymOf.put(p.id(), p.pseudonym()));
        Map<UUID, Set<Theme>> themes = groups.sessionThemes(group.id());
        Map<UUID, Set<UUID>> attendance = groups.attendance(group.id());
        List<Session> sessions = new ArrayList<>();
        for (GroupRepository.SessionRow s : sessionRows) {
            sessions.add(new Session(s.id(), s.heldOn(), s.minutes(),
                    List.copyOf(themes.getOrDefault(s.id(), Set.of())),
                    cipher.row("cas_group_session", s.id()).open("note", s.note()),
                    attendance.getOrDefault(s.id(), Set.of()).stream().map(pseudonymOf::get).sorted().toList(),
                    names.get(s.recordedBy())));
        }
        access.record(who, GroupActions.GROUP_READ, group,
                AuditDetail.of("group.participants-sessions", participants.size(), sessions.size()));
        return new GroupView(group.id(), cipher.row("cas_group", group.id()).open("name", row.name()),
                GroupSetting.valueOf(row.setting()), cipher.row("cas_group", group.id()).open("institution", row.institution()),
                names(leaderIds, names), participants, sessions,
                groups.ownCases(who.organisationId(), who.id()).stream().filter(c -> !linked.contains(c.id())).toList());
    }

    /** What a colleague who does not lead the group may see: its name and who leads it. */
    @Transactional(readOnly = true)
    public RestrictedGroup restricted(StaffPrincipal who, UUID groupId) {
        GroupRef group = access.find(who, groupId);
        GroupRepository.GroupRow row = groups.group(group.id()).orElseThrow(NotFoundException::new);
        List<UUID> leaderIds = groups.leaders(group.id());
        return new RestrictedGroup(group.id(), name(row),
                names(leaderIds, staff.displayNames(who.organisationId(), leaderIds)));
    }

    @Transactional
    public void recordSession(StaffPrincipal who, UUID groupId, NewSession session) {
        GroupRef group = access.forLeaders(who, groupId, "record session");
        Set<UUID> members = new HashSet<>();
        groups.participants(group.id()).forEach(p -> members.add(p.id()));
        if (!members.containsAll(session.present())) {
            throw new InvalidAttendanceException();
        }
        UUID id = UUID.randomUUID();
        String note = session.note() == null || session.note().isBlank() ? null : session.note().strip();
        groups.insertSession(group.id(), new GroupRepository.SessionRow(id, session.heldOn(), session.minutes(),
                access.cipher(group).row("cas_group_session", id).seal("note", note), who.id(), clock.instant()),
                session.themes(), session.present());
        access.record(who, GroupActions.GROUP_SESSION_RECORDED, group, AuditDetail.of("group.session-recorded",
                session.heldOn(), session.present().size(), members.size()));
    }

    /** Active practitioners of the organisation for the leader choice. */
    @Transactional(readOnly = true)
    public List<org.exitwork.accounts.StaffMember> practitioners(StaffPrincipal who) {
        CaseAccess.requireCaseRole(who);
        return staff.practitioners(who.organisationId());
    }

    private void requirePractitioners(StaffPrincipal who, Set<UUID> leaders) {
        for (UUID leader : leaders) {
            boolean ok = staff.find(who.organisationId(), leader)
                    .filter(m -> m.active() && m.role() == Role.PRACTITIONER).isPresent();
            if (!ok) {
                throw new InvalidLeadersException();
            }
        }
    }

    private static String label(FieldCipher cipher, GroupRepository.ParticipantRow p) {
        return cipher.row("cas_group_participant", p.id()).open("label", p.label());
    }

    private String name(GroupRepository.GroupRow row) {
        return keys.cipherFor(row.id()).row("cas_group", row.id()).open("name", row.name());
    }

    private static String name(GroupRepository.GroupRow row, Map<UUID, FieldCipher> ciphers) {
        FieldCipher cipher = ciphers.get(row.id());
        if (cipher == null) {
            throw new org.exitwork.keys.UnreadableException("no data key for this group (erased meanwhile?)", null);
        }
        return cipher.row("cas_group", row.id()).open("name", row.name());
    }

    private static List<String> names(List<UUID> ids, Map<UUID, String> names) {
        return ids.stream().map(names::get).filter(Objects::nonNull).sorted().toList();
    }

    /** A leader who is not an active practitioner of the organisation, or no leader at all. */
    static class InvalidLeadersException extends RuntimeException {
    }

    /** Someone marked present who is not a participant of the group. */
    static class InvalidAttendanceException extends RuntimeException {
    }
}
