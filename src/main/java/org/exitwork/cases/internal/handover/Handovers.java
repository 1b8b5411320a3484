package org.exitwork.cases.internal.handover;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.accounts.CarriedWork;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.AccessRepository;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.figures.CaseTallies;
import org.exitwork.cases.internal.handover.HandoverRepository.Carrier;
import org.exitwork.cases.internal.handover.HandoverRepository.ChangeRow;
import org.exitwork.cases.internal.handover.HandoverRepository.Kind;
import org.exitwork.keys.FieldCipher;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A case changes hands (R2): a programme manager or a member of the tandem adds a practitioner,
 * puts one in another's place, or lets one go, always with a reason. Access follows the tandem as
 * it is now ({@link CaseAccess} reads {@code cas_tandem_member}), so a newcomer reads the whole
 * history at once and whoever left reads nothing from that moment. A case always keeps at least
 * one active member, and a case left with one carries the reason why, as at the take-on.
 */
@Service
public class Handovers implements CarriedWork {

    /** Bad input: the form is shown again (400) and nothing changed. */
    static class Refused extends RuntimeException {
        final String field;
        final String messageKey;

        Refused(String field, String messageKey) {
            super(messageKey);
            this.field = field;
            this.messageKey = messageKey;
        }
    }

    /** The tandem is no longer what the form was made from (someone else changed it meanwhile): 409. */
    static class Conflict extends RuntimeException {
        final String messageKey;

        Conflict(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }
    }

    public record Member(UUID id, String name, boolean active) {
    }

    record Change(Instant at, String who, Kind kind, HandoverReason reason, String note) {
    }

    record TandemView(UUID id, String pseudonym, Stage stage, boolean inTandem, boolean manager,
            List<Member> members, List<StaffMember> candidates, List<Change> changes) {

        public boolean full() {
            return members.size() >= 2;
        }
    }

    /** An open case with fewer than two active members, or with a member whose account was deactivated. */
    public record Gap(UUID clientId, String pseudonym, Stage stage, List<Member> members) {

        public long active() {
            return members.stream().filter(Member::active).count();
        }
    }

    /** Someone whose account was deactivated while they were still in tandems. */
    public record Departed(UUID staffId, String name, long cases) {
    }

    record PersonsCases(StaffMember person, List<Gap> cases) {
    }

    private final CaseAccess access;
    private final AccessRepository tandems;
    private final HandoverRepository changes;
    private final StaffDirectory staff;
    private final Clock clock;
    private final CaseTallies tallies;

    Handovers(CaseAccess access, AccessRepository tandems, HandoverRepository changes, StaffDirectory staff,
            Clock clock, CaseTallies tallies) {
        this.tallies = tallies;
        this.access = access;
        this.tandems = tandems;
        this.changes = changes;
        this.staff = staff;
        this.clock = clock;
    }

    @Transactional
    TandemView view(StaffPrincipal who, UUID clientId) {
        CaseRef ref = mayChange(who, clientId, "read tandem");
        boolean inTandem = access.access(who, ref) == Access.TANDEM;
        List<UUID> ids = tandems.tandem(ref.id());
        List<ChangeRow> rows = changes.changes(ref.id());
        Set<UUID> everyone = new HashSet<>(ids);
        rows.forEach(r -> {
            everyone.add(r.staffId());
            everyone.add(r.changedBy());
        });
        Map<UUID, String> names = staff.displayNames(ref.organisationId(), everyone);
        Set<UUID> active = activePractitioners(ref.organisationId());
        FieldCipher cipher = access.cipher(ref);
        // The notes are the tandem's: a manager arranges who carries the case but does not read it.
        List<Change> history = rows.stream()
                .map(r -> new Change(r.changedAt(), names.get(r.staffId()), r.kind(), r.reason(),
                        inTandem ? cipher.row("cas_tandem_change", r.id()).open("note", r.note()) : null))
                .toList();
        List<StaffMember> candidates = staff.practitioners(ref.organisationId()).stream()
                .filter(p -> !ids.contains(p.id())).toList();
        access.record(who, HandoverActions.TANDEM_READ, ref, AuditDetail.of("tandem.read", rows.size()));
        return new TandemView(ref.id(), ref.pseudonym(), ref.stage(), inTandem, who.is(Role.MANAGER),
                ids.stream().map(id -> new Member(id, names.get(id), active.contains(id))).toList(), candidates,
                history);
    }

    /**
     * @param leaving who leaves the tandem, or null to add {@code joining}
     * @param joining who joins, or null to let {@code leaving} go and run the case with the rest
     * @param note    optional, but required when the case is left with one practitioner: it is the
     *                recorded reason for that (R2), as at the take-on
     */
    @Transactional
    public void change(StaffPrincipal who, UUID clientId, UUID leaving, UUID joining, HandoverReason reason,
            String note) {
        CaseRef ref = mayChange(who, clientId, "change tandem");
        access.requireStage(ref, Stage.PROSPECT, Stage.CLIENT);
        String text = note == null || note.isBlank() ? null : note.strip();
        if (leaving == null && joining == null) {
            throw new Refused("joining", "handover.error.nothing");
        }
        if (reason == null) {
            throw new Refused("reason", "handover.error.reason");
        }
        if (joining != null && staff.find(ref.organisationId(), joining)
                .filter(m -> m.active() && m.role() == Role.PRACTITIONER).isEmpty()) {
            throw new Refused("joining", "handover.error.joining");
        }
        if (joining == null && text == null) {
            throw new Refused("note", "handover.error.single-reason");
        }
        tandems.lockTandem(ref.id());
        List<UUID> members = tandems.tandem(ref.id());
        if (joining != null && members.contains(joining)) {
            throw new Conflict("handover.conflict.already-in");
        }
        if (leaving != null && !members.contains(leaving)) {
            throw new Conflict("handover.conflict.gone");
        }
        if (leaving == null && members.size() >= 2) {
            throw new Conflict("handover.conflict.full");
        }
        List<UUID> after = new ArrayList<>(members);
        if (leaving != null) {
            after.remove(leaving);
        }
        if (joining != null) {
            after.add(joining);
        }
        Set<UUID> active = activePractitioners(ref.organisationId());
        if (after.stream().noneMatch(active::contains)) {
            throw new Conflict("handover.conflict.last");
        }
        if (leaving != null && joining != null) {
            tandems.replaceTandemMember(ref.id(), leaving, joining);
        } else if (joining != null) {
            tandems.insertTandemMember(ref.id(), joining, tandems.nextTandemPosition(ref.id()));
        } else {
            tandems.removeTandemMember(ref.id(), leaving);
        }
        FieldCipher cipher = access.cipher(ref);
        Instant now = clock.instant();
        if (leaving != null) {
            record(who, ref, cipher, leaving, Kind.LEFT, reason, text, now);
        }
        if (joining != null) {
            record(who, ref, cipher, joining, Kind.JOINED, reason, text, now);
        }
        if (after.size() >= 2) {
            changes.singlePractitionerReason(ref.id(), null);
        } else if (joining == null) {
            changes.singlePractitionerReason(ref.id(),
                    cipher.row("cas_client", ref.id()).seal("single_practitioner_reason", text));
        }
    }

    private void record(StaffPrincipal who, CaseRef ref, FieldCipher cipher, UUID member, Kind kind,
            HandoverReason reason, String note, Instant now) {
        UUID id = UUID.randomUUID();
        changes.insert(ref.id(), new ChangeRow(id, member, kind, reason,
                cipher.row("cas_tandem_change", id).seal("note", note), who.id(), now));
        access.record(who, kind == Kind.JOINED ? HandoverActions.TANDEM_MEMBER_JOINED : HandoverActions.TANDEM_MEMBER_LEFT,
                ref, AuditDetail.of("tandem.member", member, reason));
    }

    /** Whether the signed-in person is still in the tandem (after letting themselves go they are not). */
    @Transactional(readOnly = true)
    boolean inTandem(StaffPrincipal who, UUID clientId) {
        return access.accessOf(who, clientId) == Access.TANDEM;
    }

    /** A programme manager arranges who carries a case without reading it; otherwise only the tandem. */
    private CaseRef mayChange(StaffPrincipal who, UUID clientId, String what) {
        if (who.is(Role.MANAGER)) {
            return access.find(who, clientId);
        }
        return access.forTandem(who, clientId, what);
    }

    /** For the manager's overview: plaintext columns and account states only, nothing decrypted. */
    @Transactional(readOnly = true)
    public List<Gap> gaps(UUID org) {
        return gaps(org, tallies.openCases(org));
    }

    /** The same, with the organisation's open cases as the kept figures have them, read already. */
    @Transactional(readOnly = true)
    public List<Gap> gaps(UUID org, CaseTallies.OpenCases open) {
        Set<UUID> active = activePractitioners(org);
        // Who carries open cases is kept with the case figures (a row per practitioner); those no longer
        // active practitioners and the thin tandems narrow the cases, the rule below decides, as it always did.
        Set<UUID> departed = open.carriers();
        departed.removeAll(active);
        Map<UUID, List<Carrier>> byCase = changes.carriersOf(org, changes.possibleGaps(org, departed)).stream()
                .collect(Collectors.groupingBy(Carrier::clientId, LinkedHashMap::new, Collectors.toList()));
        Set<UUID> ids = byCase.values().stream().flatMap(List::stream).map(Carrier::staffId)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Map<UUID, String> names = staff.displayNames(org, ids);
        List<Gap> gaps = new ArrayList<>();
        for (List<Carrier> rows : byCase.values()) {
            Carrier first = rows.get(0);
            List<Member> members = rows.stream().filter(r -> r.staffId() != null)
                    .map(r -> new Member(r.staffId(), names.get(r.staffId()), active.contains(r.staffId()))).toList();
            Gap gap = new Gap(first.clientId(), first.pseudonym(), Stage.valueOf(first.stage()), members);
            boolean someoneLeft = members.stream().anyMatch(m -> !m.active());
            // A prospect starts with one practitioner (the second comes at the take-on): only a
            // deactivated member makes it a gap; a client needs two active members.
            if (someoneLeft || (gap.stage() == Stage.CLIENT && gap.active() < 2)) {
                gaps.add(gap);
            }
        }
        return gaps;
    }

    /** The deactivated staff who are still in tandems, from {@link #gaps}, most cases first. */
    public static List<Departed> departed(List<Gap> gaps) {
        Map<UUID, Member> who = new LinkedHashMap<>();
        Map<UUID, Long> count = new LinkedHashMap<>();
        gaps.forEach(g -> g.members().stream().filter(m -> !m.active()).forEach(m -> {
            who.put(m.id(), m);
            count.merge(m.id(), 1L, Long::sum);
        }));
        return who.values().stream().map(m -> new Departed(m.id(), m.name(), count.get(m.id())))
                .sorted((a, b) -> Long.compare(b.cases(), a.cases())).toList();
    }

    /** One person's open cases, for handing each over (deactivated or about to leave). */
    @Transactional(readOnly = true)
    PersonsCases casesOf(StaffPrincipal manager, UUID staffId) {
        if (!manager.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
        StaffMember person = staff.find(manager.organisationId(), staffId).orElseThrow(NotFoundException::new);
        Set<UUID> active = activePractitioners(manager.organisationId());
        List<UUID> carried = tandems.carriedBy(manager.organisationId(), staffId);
        List<Carrier> rows = changes.carriersOf(manager.organisationId(), carried);
        Set<UUID> ids = rows.stream().map(Carrier::staffId).collect(Collectors.toSet());
        Map<UUID, String> names = staff.displayNames(manager.organisationId(), ids);
        Map<UUID, List<Carrier>> byCase = rows.stream()
                .collect(Collectors.groupingBy(Carrier::clientId, LinkedHashMap::new, Collectors.toList()));
        List<Gap> cases = byCase.values().stream().map(r -> new Gap(r.get(0).clientId(), r.get(0).pseudonym(),
                Stage.valueOf(r.get(0).stage()), r.stream().map(c -> new Member(c.staffId(), names.get(c.staffId()),
                        active.contains(c.staffId()))).toList()))
                .toList();
        return new PersonsCases(person, cases);
    }

    @Override
    @Transactional(readOnly = true)
    public long openCases(UUID organisationId, UUID staffId) {
        return tandems.carriedBy(organisationId, staffId).size();
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<UUID, Long> openCases(UUID organisationId, java.util.Collection<UUID> staffIds) {
        return tandems.openCasesOf(organisationId, staffIds);
    }

    private Set<UUID> activePractitioners(UUID org) {
        return staff.practitioners(org).stream().map(StaffMember::id).collect(Collectors.toSet());
    }
}
