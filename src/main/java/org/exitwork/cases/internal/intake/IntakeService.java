package org.exitwork.cases.internal.intake;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.InformedHow;
import org.exitwork.cases.NewProspect;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.SafetyDiscussion;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.AccessRepository;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.identity.PseudonymGenerator;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.platform.ForbiddenException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * From first contact to taking a client on (R1, R2). A prospect carries nothing but a pseudonym,
 * how they came, the phenomenon areas and the contacts made; only their recorded consent makes
 * them a client, and only after the manager has recorded the safety discussion.
 */
@Service
public class IntakeService {

    static final Set<String> LANGUAGES = Set.of("en", "de");

    record Contact(UUID id, LocalDate contactedOn, ContactKind kind, boolean reached, String note, String by) {
    }

    record Discussion(LocalDate heldOn, String risks, List<String> participants, String recordedBy) {
    }

    public record Consent(LocalDate givenOn, InformedHow informedHow, int textVersion, UUID textId, String language,
            String recordedBy) {
    }

    /** Everything the intake knows. {@code risks} of discussions are shown only to those who may read the case. */
    record IntakeView(UUID id, String pseudonym, Stage stage, Access access, Pathway pathway,
            Set<PhenomenonArea> areas, boolean contextCase, String personAtRisk, LocalDate openedOn,
            List<String> tandem, List<Contact> contacts, List<Discussion> discussions, Optional<Consent> consent,
            String singlePractitionerReason) {

        public boolean safetyDiscussed() {
            return !discussions.isEmpty();
        }
    }

    private final CaseAccess access;
    private final AccessRepository tandems;
    private final IntakeRepository intake;
    private final ClientKeys keys;
    private final StaffDirectory staff;
    private final PseudonymGenerator pseudonyms;
    private final Clock clock;
    private final AuditLog audit;

    IntakeService(CaseAccess access, AccessRepository tandems, IntakeRepository intake, ClientKeys keys,
            StaffDirectory staff, PseudonymGenerator pseudonyms, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.access = access;
        this.tandems = tandems;
        this.intake = intake;
        this.keys = keys;
        this.staff = staff;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    @Transactional
    public RegisteredClient openProspect(StaffPrincipal practitioner, NewProspect prospect) {
        if (!practitioner.is(Role.PRACTITIONER)) {
            throw new ForbiddenException();
        }
        if (prospect.pathway() == null || prospect.areas().isEmpty()) {
            throw new IllegalArgumentException("a prospect needs a pathway and at least one phenomenon area");
        }
        UUID org = practitioner.organisationId();
        UUID id = UUID.randomUUID();
        String pseudonym = freshPseudonym(org);
        intake.insertProspect(id, org, pseudonym, prospect.pathway(), prospect.contextCase(), clock.instant(),
                practitioner.id());
        keys.createKey(id, org);
        tandems.insertTandemMember(id, practitioner.id(), 1);
        intake.replaceAreas(id, prospect.areas());
        access.record(practitioner, IntakeActions.PROSPECT_OPENED,
                new CaseRef(id, org, pseudonym, Stage.PROSPECT, "en"), AuditDetail.of("intake.pathway", prospect.pathway()));
        return new RegisteredClient(id, pseudonym);
    }

    private String freshPseudonym(UUID org) {
        for (int attempt = 0; attempt < 50; attempt++) {
            String candidate = pseudonyms.next();
            // An erased client's pseudonym stays in the audit chain: given again, the new client's
            // report would list the earlier person's record being opened (R19).
            if (!intake.pseudonymTaken(org, candidate) && !audit.mentions(org, candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free pseudonym found");
    }

    /** The intake record, for the tandem (or a colleague who broke the glass); audited. */
    @Transactional
    public IntakeView view(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forReading(who, clientId, "read intake");
        FieldCipher cipher = access.cipher(ref);
        IntakeRepository.Facts facts = intake.facts(ref.id());
        List<IntakeRepository.ContactRow> contactRows = intake.contacts(ref.id());
        List<IntakeRepository.DiscussionRow> discussionRows = intake.discussions(ref.id());
        Optional<IntakeRepository.ConsentRow> consentRow = intake.consent(ref.id());
        List<UUID> tandem = tandems.tandem(ref.id());

        Set<UUID> ids = new HashSet<>(tandem);
        contactRows.forEach(c -> ids.add(c.recordedBy()));
        discussionRows.forEach(d -> {
            ids.add(d.recordedBy());
            ids.addAll(d.participants());
        });
        consentRow.ifPresent(c -> ids.add(c.recordedBy()));
        Map<UUID, String> names = staff.displayNames(who.organisationId(), ids);

        List<Contact> contacts = contactRows.stream()
                .map(c -> new Contact(c.id(), c.contactedOn(), c.kind(), c.reached(),
                        cipher.row("cas_contact", c.id()).open("note", c.note()),
                        names.get(c.recordedBy())))
                .toList();
        List<Discussion> discussions = discussionRows.stream()
                .map(d -> new Discussion(d.heldOn(),
                        cipher.row("cas_safety_discussion", d.id()).open("risks", d.risks()),
                        d.participants().stream().map(names::get).sorted().toList(), names.get(d.recordedBy())))
                .toList();
        Optional<Consent> consent = consentRow.map(c -> new Consent(c.givenOn(), InformedHow.valueOf(c.informedHow()),
                intake.informationText(ref.organisationId(), c.textId()).map(IntakeRepository.InformationText::version)
                        .orElse(0),
                c.textId(), c.language(), names.get(c.recordedBy())));
        access.record(who, IntakeActions.PROSPECT_READ, ref, null);
        return new IntakeView(ref.id(), ref.pseudonym(), ref.stage(), access.access(who, ref), facts.pathway(),
                intake.areas(ref.id()), facts.contextCase(),
                cipher.row("cas_client", ref.id()).open("person_at_risk", facts.personAtRisk()),
                facts.openedAt().atZone(clock.getZone()).toLocalDate(), tandem.stream().map(names::get).toList(),
                contacts, discussions, consent,
                cipher.row("cas_client", ref.id()).open("single_practitioner_reason",
                        facts.singleReason()));
    }

    public record Summary(Pathway pathway, Set<PhenomenonArea> areas, boolean contextCase, Optional<Consent> consent,
            boolean singlePractitioner) {
    }

    /** The intake facts for the case overview; the caller has checked access and audited the read. */
    @Transactional(readOnly = true)
    public Summary summary(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forReading(who, clientId, "read intake");
        IntakeRepository.Facts facts = intake.facts(ref.id());
        Optional<Consent> consent = intake.consent(ref.id()).map(c -> new Consent(c.givenOn(),
                InformedHow.valueOf(c.informedHow()),
                intake.informationText(ref.organisationId(), c.textId()).map(IntakeRepository.InformationText::version)
                        .orElse(0),
                c.textId(), c.language(), null));
        return new Summary(facts.pathway(), intake.areas(ref.id()), facts.contextCase(), consent,
                tandems.tandem(ref.id()).size() < 2);
    }

    @Transactional
    public void recordContact(StaffPrincipal who, UUID clientId, LocalDate on, ContactKind kind, boolean reached,
            String note) {
        CaseRef ref = access.forTandem(who, clientId, "record contact");
        access.requireStage(ref, Stage.PROSPECT);
        UUID id = UUID.randomUUID();
        intake.insertContact(ref.id(), new IntakeRepository.ContactRow(id, on, kind, reached,
                access.cipher(ref).row("cas_contact", id).seal("note", blankToNull(note)), who.id()),
                clock.instant());
        access.record(who, IntakeActions.CONTACT_RECORDED, ref, AuditDetail.of("kind-on", kind, on));
    }

    /** Phenomenon areas and the context-case facts (R12, R18), while the case is open. */
    @Transactional
    public void describe(StaffPrincipal who, UUID clientId, Set<PhenomenonArea> areas, boolean contextCase,
            String personAtRisk) {
        CaseRef ref = access.forTandem(who, clientId, "change phenomenon areas");
        access.requireStage(ref, Stage.PROSPECT, Stage.CLIENT);
        if (areas.isEmpty()) {
            throw new IllegalArgumentException("at least one phenomenon area (or 'not yet clear')");
        }
        intake.replaceAreas(ref.id(), EnumSet.copyOf(areas));
        intake.updateContextCase(ref.id(), contextCase, contextCase
                ? access.cipher(ref).row("cas_client", ref.id()).seal("person_at_risk",
                        blankToNull(personAtRisk))
                : null);
        access.record(who, IntakeActions.AREAS_CHANGED, ref, AuditDetail.of(contextCase ? "intake.areas-context-case" : "intake.areas", areas.size()));
    }

    /** The manager's safety discussion (R2, R14). Managers record it without reading the case. */
    @Transactional
    public void recordSafetyDiscussion(StaffPrincipal manager, UUID clientId, SafetyDiscussion discussion) {
        if (!manager.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
        CaseRef ref = access.find(manager, clientId);
        access.requireStage(ref, Stage.PROSPECT, Stage.CLIENT);
        Set<UUID> participants = new HashSet<>(discussion.participants());
        participants.add(manager.id());
        for (UUID participant : participants) {
            staff.find(manager.organisationId(), participant).filter(StaffMember::active)
                    .orElseThrow(() -> new IllegalArgumentException("participants must be active staff"));
        }
        UUID id = UUID.randomUUID();
        intake.insertDiscussion(ref.id(), new IntakeRepository.DiscussionRow(id, discussion.heldOn(),
                access.cipher(ref).row("cas_safety_discussion", id).seal("risks",
                        discussion.risksConsidered().strip()),
                manager.id(), List.copyOf(participants)), clock.instant());
        access.record(manager, IntakeActions.SAFETY_DISCUSSION_RECORDED, ref,
                AuditDetail.of("intake.safety-discussion", discussion.heldOn(), participants.size()));
    }

    /** Whether the manager may still record the discussion: the pseudonym and its state only. */
    @Transactional(readOnly = true)
    public CaseRef forSafetyDiscussion(StaffPrincipal manager, UUID clientId) {
        if (!manager.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
        return access.find(manager, clientId);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The intake step cannot be taken as asked; {@code messageKey} says why, in the person's language. */
    static class IntakeRefused extends RuntimeException {
        final String messageKey;

        IntakeRefused(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }
    }
}
