package org.exitwork.disclosure.internal.vignette;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientErased;
import org.exitwork.cases.IdentityFlag;
import org.exitwork.cases.IdentityMentions;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.DisclosureLog;
import org.exitwork.disclosure.internal.gate.OutboundGate;
import org.exitwork.disclosure.internal.Refusal;
import org.exitwork.disclosure.internal.gate.Refused;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.quality.PeerGroupMembership;
import org.exitwork.quality.PeerGroupMembership.GroupRef;
import org.exitwork.quality.Principle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Case vignettes for cross-evaluation groups (R16). The case's tandem, and nobody else (no colleague who
 * broke the glass, no manager), writes a vignette for a group one of them is a member of: fresh text under
 * a random code, never the pseudonym and never notes. Everything that may identify is flagged
 * ({@link IdentityMentions#flags}); a draft with a flag cannot be submitted. A colleague of the organisation
 * who is no author (a practitioner or manager, neither the writer nor in the case's tandem) reviews it and
 * releases it through the gate as {@link Channel#VIGNETTE_TO_PEERS} to the group, the one recipient the
 * policy allows; released, it is read-only. The group's members read it and give feedback along the
 * principles, a thread that is the group's; nobody outside the group sees either, and nothing is counted.
 */
@Service
public class Vignettes {

    /** Longest title and narrative, and feedback. */
    static final int TITLE_MAX = 200;
    static final int NARRATIVE_MAX = 20_000;
    static final int FEEDBACK_MAX = 5_000;
    /** Letters and digits that cannot be mistaken for one another. */
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A vignette on the case side: the tandem sees where it went and where it stands. */
    public record OnCase(UUID id, String code, String title, String group, VignetteStatus status, Instant changedAt) {
    }

    /** The case's vignettes, for its tandem, and the groups one of them may write for. */
    public record CaseVignettes(CaseReference ref, List<OnCase> vignettes, List<GroupRef> groups) {
    }

    /**
     * One feedback as the group reads it; {@code own}: the reader gave it and may correct it (on the group's
     * page only); {@code correctedAt}: when it was last corrected, or null.
     */
    public record Feedback(UUID id, String by, List<Principle> principles, String text, Instant givenAt,
            Instant correctedAt, boolean own) {
    }

    /** A vignette with what was flagged in it and, once released, the group's feedback. */
    public record Opened(UUID id, String code, String title, String narrative, String group, VignetteStatus status,
            int version, List<IdentityFlag> flags, List<Feedback> feedback, Instant releasedAt) {

        public boolean editable() {
            return status == VignetteStatus.DRAFT;
        }
    }

    /** A vignette in a list of a group or of those awaiting review: code and title, nothing of the case. */
    public record Listed(UUID id, String code, String title, String group) {
    }

    /** The texts a draft is written with. */
    public record Draft(String title, String narrative) {
    }

    private final VignetteRepository vignettes;
    private final CaseDirectory cases;
    private final IdentityMentions identity;
    private final PeerGroupMembership membership;
    private final StaffDirectory staff;
    private final DisclosureLog log;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Vignettes(VignetteRepository vignettes, CaseDirectory cases, IdentityMentions identity,
            PeerGroupMembership membership, StaffDirectory staff, DisclosureLog log, AuditLog audit, Clock clock) {
        this.vignettes = vignettes;
        this.cases = cases;
        this.identity = identity;
        this.membership = membership;
        this.staff = staff;
        this.log = log;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- the case side: the tandem only ----

    @Transactional(readOnly = true)
    public CaseVignettes ofCase(StaffPrincipal who, UUID clientId) {
        CaseReference ref = cases.requireTandem(who, clientId, "read vignettes");
        List<OnCase> list = vignettes.ofClient(who.organisationId(), clientId).stream()
                .map(v -> new OnCase(v.id(), v.code(), v.title(), groupName(v), v.status(), v.changedAt())).toList();
        return new CaseVignettes(ref, list, membership.groupsOf(who));
    }

    /** The case, if {@code who} is in its tandem, and the groups {@code who} may write for. */
    @Transactional(readOnly = true)
    public CaseVignettes forNew(StaffPrincipal who, UUID clientId) {
        CaseReference ref = cases.requireTandem(who, clientId, "write a vignette");
        return new CaseVignettes(ref, List.of(), membership.groupsOf(who));
    }

    /** A new draft for a group {@code who} is a member of; empty when it is none of theirs. */
    @Transactional
    public Optional<UUID> write(StaffPrincipal who, UUID clientId, UUID groupId, Draft draft) {
        CaseReference ref = cases.requireTandem(who, clientId, "write a vignette");
        Optional<GroupRef> group = membership.asMember(who, groupId);
        if (group.isEmpty()) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        vignettes.insert(id, ref.organisationId(), ref.id(), group.get().id(), newCode(ref), draft.title().strip(),
                draft.narrative().strip(), who.id(), clock.instant());
        record(who, VignetteActions.VIGNETTE_WRITTEN, ref.pseudonym(), AuditDetail.of("vignette", id));
        return Optional.of(id);
    }

    /** A vignette of the case for its tandem, with what is flagged in it now and the group's feedback. */
    @Transactional(readOnly = true)
    public Opened open(StaffPrincipal who, UUID clientId, UUID vignetteId) {
        CaseReference ref = cases.requireTandem(who, clientId, "read a vignette");
        return opened(ofCase(ref, vignetteId));
    }

    /** Changes a draft read at {@code version}; false when it changed meanwhile. Anything not a draft: 409. */
    @Transactional
    public boolean change(StaffPrincipal who, UUID clientId, UUID vignetteId, int version, Draft draft) {
        CaseReference ref = cases.requireTandem(who, clientId, "change a vignette");
        VignetteRepository.Row row = ofCase(ref, vignetteId);
        if (row.status() != VignetteStatus.DRAFT) {
            throw new NotADraft();
        }
        if (!vignettes.change(row, version, draft.title().strip(), draft.narrative().strip(), clock.instant())) {
            return false;
        }
        record(who, VignetteActions.VIGNETTE_CHANGED, ref.pseudonym(), AuditDetail.of("vignette", vignetteId));
        return true;
    }

    /**
     * Submits a draft for review: refused while anything in it is flagged (the flags, for the page);
     * false when it changed meanwhile.
     */
    @Transactional
    public boolean submit(StaffPrincipal who, UUID clientId, UUID vignetteId, int version) {
        CaseReference ref = cases.requireTandem(who, clientId, "submit a vignette");
        VignetteRepository.Row row = ofCase(ref, vignetteId);
        if (row.status() != VignetteStatus.DRAFT) {
            throw new NotADraft();
        }
        List<IdentityFlag> flags = flags(row);
        if (!flags.isEmpty()) {
            throw new Flagged(flags);
        }
        if (!vignettes.submit(row.id(), version, who.id(), clock.instant())) {
            return false;
        }
        record(who, VignetteActions.VIGNETTE_SUBMITTED, ref.pseudonym(), AuditDetail.of("vignette", vignetteId));
        return true;
    }

    /** The authors withdraw a released vignette: the group no longer sees it or its feedback. */
    @Transactional
    public void withdraw(StaffPrincipal who, UUID clientId, UUID vignetteId) {
        CaseReference ref = cases.requireTandem(who, clientId, "withdraw a vignette");
        VignetteRepository.Row row = ofCase(ref, vignetteId);
        if (!vignettes.withdraw(row.id(), who.id(), clock.instant())) {
            throw new NotReleased();
        }
        record(who, VignetteActions.VIGNETTE_WITHDRAWN, ref.pseudonym(), AuditDetail.of("vignette", vignetteId));
    }

    /** The authors' own vignette with its feedback, for their portfolio. */
    @Transactional
    public Opened print(StaffPrincipal who, UUID clientId, UUID vignetteId) {
        CaseReference ref = cases.requireTandem(who, clientId, "print a vignette");
        Opened opened = opened(ofCase(ref, vignetteId));
        record(who, VignetteActions.VIGNETTE_PRINTED, ref.pseudonym(), AuditDetail.of("vignette", vignetteId));
        return opened;
    }

    // ---- review: a colleague of the organisation who is no author ----

    /** Vignettes of the organisation awaiting review that {@code who} may review. */
    @Transactional(readOnly = true)
    public List<Listed> awaitingReview(StaffPrincipal who) {
        requireReviewerRole(who);
        List<Listed> list = new ArrayList<>();
        for (VignetteRepository.Row row : vignettes.inStatus(who.organisationId(), VignetteStatus.IN_REVIEW)) {
            if (!isAuthor(who, row)) {
                list.add(new Listed(row.id(), row.code(), row.title(), groupName(row)));
            }
        }
        return list;
    }

    /** A vignette awaiting review, for a reviewer: never its case. Not found once decided. */
    @Transactional(readOnly = true)
    public Opened inReview(StaffPrincipal who, UUID vignetteId) {
        return opened(reviewable(who, vignetteId));
    }

    /**
     * Releases a vignette read at {@code version} to its group through the gate: nothing in it flagged,
     * the policy's answer for a peer group, the disclosure recorded in the same transaction. False when
     * it changed meanwhile.
     */
    @Transactional
    public boolean release(StaffPrincipal who, UUID vignetteId, int version) {
        VignetteRepository.Row row = reviewable(who, vignetteId);
        CaseReference ref = cases.find(row.orgId(), row.clientId()).orElseThrow(NotFoundException::new);
        GroupRef group = membership.find(row.orgId(), row.groupId()).orElseThrow(NotFoundException::new);
        DisclosureLog.Recipient to = DisclosureLog.Recipient.peerGroup(group.id(), group.name());
        DisclosureLog.Ground ground = DisclosureLog.Ground.vignette(row.id());
        List<String> what = List.of("VIGNETTE");
        Optional<org.exitwork.network.OutboundPolicy.Refusal> policy = OutboundGate.toPeerGroup(Channel.VIGNETTE_TO_PEERS);
        if (policy.isPresent()) {
            Refusal refusal = Refusal.byPolicy(policy.get(), "vignettes.refused.policy");
            log.refused(who, ref, Channel.VIGNETTE_TO_PEERS, to, what, ground, refusal);
            throw new Refused(refusal);
        }
        List<IdentityFlag> flags = flags(row);
        if (!flags.isEmpty()) {
            log.refused(who, ref, Channel.VIGNETTE_TO_PEERS, to, what, ground,
                    Refusal.of("MAY_IDENTIFY", "vignettes.refused.flagged"));
            throw new Flagged(flags);
        }
        UUID disclosure = log.granted(who, ref, new DisclosureLog.Outgoing(Channel.VIGNETTE_TO_PEERS, to, what, ground,
                null, payload(row, group)));
        if (!vignettes.release(row.id(), version, who.id(), disclosure, clock.instant())) {
            throw new ChangedMeanwhile();
        }
        return true;
    }

    /** Sends a vignette awaiting review back to its authors as a draft. False when it changed meanwhile. */
    @Transactional
    public boolean sendBack(StaffPrincipal who, UUID vignetteId, int version) {
        VignetteRepository.Row row = reviewable(who, vignetteId);
        if (!vignettes.returnToDraft(row.id(), version, who.id(), clock.instant())) {
            return false;
        }
        record(who, VignetteActions.VIGNETTE_RETURNED, null, AuditDetail.of("vignette", vignetteId));
        return true;
    }

    // ---- the group: its members only ----

    @Transactional(readOnly = true)
    public GroupRef group(StaffPrincipal who, UUID groupId) {
        return membership.asMember(who, groupId).orElseThrow(NotFoundException::new);
    }

    /** The group's released vignettes, for its members; 404 for everyone else. */
    @Transactional(readOnly = true)
    public List<Listed> inGroup(StaffPrincipal who, UUID groupId) {
        GroupRef group = group(who, groupId);
        return vignettes.releasedIn(who.organisationId(), group.id()).stream()
                .map(v -> new Listed(v.id(), v.code(), v.title(), group.name())).toList();
    }

    /** A released vignette of the group with the group's thread, for its members; 404 for everyone else. */
    @Transactional
    public Opened readInGroup(StaffPrincipal who, UUID groupId, UUID vignetteId) {
        VignetteRepository.Row row = releasedInGroup(who, groupId, vignetteId);
        record(who, VignetteActions.VIGNETTE_READ, null, AuditDetail.of("vignette", vignetteId));
        return new Opened(row.id(), row.code(), row.title(), row.narrative(), groupName(row), row.status(),
                row.version(), List.of(), feedback(row, who), row.releasedAt());
    }

    /** The reader's own feedback on a vignette of the group, to correct it; 404 for anyone else's. */
    @Transactional(readOnly = true)
    public Feedback ownFeedback(StaffPrincipal who, UUID groupId, UUID vignetteId, UUID feedbackId) {
        VignetteRepository.Row row = releasedInGroup(who, groupId, vignetteId);
        return feedback(row, who).stream().filter(f -> f.id().equals(feedbackId) && f.own()).findFirst()
                .orElseThrow(NotFoundException::new);
    }

    /** Whether the vignette is released in the group and {@code who} a member (404 otherwise); nothing audited. */
    @Transactional(readOnly = true)
    public void requireReadable(StaffPrincipal who, UUID groupId, UUID vignetteId) {
        releasedInGroup(who, groupId, vignetteId);
    }

    /** A member's feedback along one or more of the principles. */
    @Transactional
    public void giveFeedback(StaffPrincipal who, UUID groupId, UUID vignetteId, Set<Principle> principles,
            String text) {
        VignetteRepository.Row row = releasedInGroup(who, groupId, vignetteId);
        if (principles.isEmpty() || text == null || text.isBlank() || text.length() > FEEDBACK_MAX) {
            throw new IllegalArgumentException("feedback needs a principle and a text");
        }
        vignettes.insertFeedback(UUID.randomUUID(), row, who.id(),
                principles.stream().sorted().map(Principle::name).toList(), text.strip(), clock.instant());
        record(who, VignetteActions.VIGNETTE_FEEDBACK_GIVEN, null, AuditDetail.of("vignette", vignetteId));
    }

    /**
     * The member who gave a feedback corrects it while the vignette is in the group: principles and text
     * replaced, the thread says when. Anyone else's feedback, or one on a vignette withdrawn since: 404.
     */
    @Transactional
    public void correctFeedback(StaffPrincipal who, UUID groupId, UUID vignetteId, UUID feedbackId,
            Set<Principle> principles, String text) {
        VignetteRepository.Row row = releasedInGroup(who, groupId, vignetteId);
        if (principles.isEmpty() || text == null || text.isBlank() || text.length() > FEEDBACK_MAX) {
            throw new IllegalArgumentException("feedback needs a principle and a text");
        }
        if (!vignettes.correctFeedback(feedbackId, row, who.id(),
                principles.stream().sorted().map(Principle::name).toList(), text.strip(), clock.instant())) {
            throw new NotFoundException();
        }
        record(who, VignetteActions.VIGNETTE_FEEDBACK_CORRECTED, null, AuditDetail.of("vignette", vignetteId));
    }

    @EventListener
    void on(ClientErased erased) {
        vignettes.deleteClient(erased.clientId());
    }

    // ---- inside ----

    private VignetteRepository.Row releasedInGroup(StaffPrincipal who, UUID groupId, UUID vignetteId) {
        GroupRef group = group(who, groupId);
        return vignettes.find(who.organisationId(), vignetteId)
                .filter(v -> v.groupId().equals(group.id()) && v.status() == VignetteStatus.RELEASED)
                .orElseThrow(NotFoundException::new);
    }

    private VignetteRepository.Row ofCase(CaseReference ref, UUID vignetteId) {
        return vignettes.find(ref.organisationId(), vignetteId).filter(v -> v.clientId().equals(ref.id()))
                .orElseThrow(NotFoundException::new);
    }

    private VignetteRepository.Row reviewable(StaffPrincipal who, UUID vignetteId) {
        requireReviewerRole(who);
        VignetteRepository.Row row = vignettes.find(who.organisationId(), vignetteId)
                .filter(v -> v.status() == VignetteStatus.IN_REVIEW).orElseThrow(NotFoundException::new);
        if (isAuthor(who, row)) {
            // A second colleague reviews: neither who wrote it nor anyone of the case's tandem.
            throw new ForbiddenException();
        }
        return row;
    }

    private static void requireReviewerRole(StaffPrincipal who) {
        if (!who.is(Role.PRACTITIONER) && !who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
    }

    private boolean isAuthor(StaffPrincipal who, VignetteRepository.Row row) {
        if (who.id().equals(row.writtenBy())) {
            return true;
        }
        return cases.find(row.orgId(), row.clientId()).map(ref -> ref.tandem().contains(who.id())).orElse(true);
    }

    private Opened opened(VignetteRepository.Row row) {
        List<IdentityFlag> flags = row.status() == VignetteStatus.DRAFT || row.status() == VignetteStatus.IN_REVIEW
                ? flags(row) : List.of();
        List<Feedback> feedback = row.status() == VignetteStatus.DRAFT || row.status() == VignetteStatus.IN_REVIEW
                ? List.of() : feedback(row, null);
        return new Opened(row.id(), row.code(), row.title(), row.narrative(), groupName(row), row.status(),
                row.version(), flags, feedback, row.releasedAt());
    }

    /** The title and the narrative checked as one text, title first. */
    private List<IdentityFlag> flags(VignetteRepository.Row row) {
        return identity.flags(row.clientId(), row.title() + "\n\n" + row.narrative());
    }

    /** The thread; {@code reader} (or null) marks the feedback the reader gave. */
    private List<Feedback> feedback(VignetteRepository.Row row, StaffPrincipal reader) {
        List<VignetteRepository.FeedbackRow> rows = vignettes.feedback(row);
        Map<UUID, String> names = rows.isEmpty() ? Map.of()
                : staff.displayNames(row.orgId(), rows.stream().map(VignetteRepository.FeedbackRow::givenBy).toList());
        return rows.stream().map(f -> new Feedback(f.id(), names.getOrDefault(f.givenBy(), ""),
                f.principles().stream().map(Principle::valueOf).toList(), f.text(), f.givenAt(), f.correctedAt(),
                reader != null && reader.id().equals(f.givenBy()))).toList();
    }

    private String groupName(VignetteRepository.Row row) {
        return membership.find(row.orgId(), row.groupId()).map(GroupRef::name).orElse("");
    }

    /** {@code V-} and four characters drawn at random: says nothing about the case, never the pseudonym. */
    private String newCode(CaseReference ref) {
        while (true) {
            StringBuilder code = new StringBuilder("V-");
            for (int i = 0; i < 4; i++) {
                code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
            }
            if (!code.toString().equalsIgnoreCase(ref.pseudonym())
                    && !vignettes.codeTaken(ref.organisationId(), code.toString())) {
                return code.toString();
            }
        }
    }

    /** Exactly what the group receives: code, title and narrative; no pseudonym, no author. */
    private static String payload(VignetteRepository.Row row, GroupRef group) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("format", "exitwork-vignette/1");
        payload.put("code", row.code());
        payload.put("group", group.name());
        payload.put("title", row.title());
        payload.put("narrative", row.narrative());
        return JSON.writeValueAsString(payload);
    }

    private void record(StaffPrincipal who, String action, String subject, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, subject, detail));
    }

    /** Something in the text may identify: the flags, for the page. */
    public static final class Flagged extends RuntimeException {
        private final transient List<IdentityFlag> flags;

        Flagged(List<IdentityFlag> flags) {
            super("flagged", null, false, false);
            this.flags = List.copyOf(flags);
        }

        public List<IdentityFlag> flags() {
            return flags;
        }
    }

    /** Only a draft changes or is submitted; a released vignette is read-only. */
    public static final class NotADraft extends RuntimeException {
        NotADraft() {
            super("not a draft", null, false, false);
        }
    }

    /** Only a released vignette is withdrawn. */
    public static final class NotReleased extends RuntimeException {
        NotReleased() {
            super("not released", null, false, false);
        }
    }

    /** Decided by someone else meanwhile. */
    public static final class ChangedMeanwhile extends RuntimeException {
        ChangedMeanwhile() {
            super("changed meanwhile", null, false, false);
        }
    }
}
