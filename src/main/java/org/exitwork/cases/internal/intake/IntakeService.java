package org.exitwork.cases.internal.intake;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.InformedHow;
import org.exitwork.cases.NewProspect;
import org.exitwork.cases.ParticipationConsent;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.SafetyDiscussion;
import org.exitwork.cases.Tandem;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.AccessRepository;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.identity.IdentityRepository;
import org.exitwork.cases.internal.identity.PseudonymGenerator;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
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

    record Consent(LocalDate givenOn, InformedHow informedHow, int textVersion, UUID textId, String language,
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
    private final IdentityRepository identities;
    private final IntakeRepository intake;
    private final ClientKeys keys;
    private final StaffDirectory staff;
    private final PseudonymGenerator pseudonyms;
    private final Clock clock;
    private final AuditLog audit;

    IntakeService(CaseAccess access, AccessRepository tandems, IdentityRepository identities, IntakeRepository intake, ClientKeys keys,
            StaffDirectory staff, PseudonymGenerator pseudonyms, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.access = access;
        this.tandems = tandems;
        this.identities = identities;
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
                new CaseRef(id, org, pseudonym, Stage.PROSPECT, "en"), "pathway=" + prospect.pathway());
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
                        cipher.decrypt(CaseAccess.field("cas_contact", c.id(), "note"), c.note()),
                        names.get(c.recordedBy())))
                .toList();
        List<Discussion> discussions = discussionRows.stream()
                .map(d -> new Discussion(d.heldOn(),
                        cipher.decrypt(CaseAccess.field("cas_safety_discussion", d.id(), "risks"), d.risks()),
                        d.participants().stream().map(names::get).sorted().toList(), names.get(d.recordedBy())))
                .toList();
        Optional<Consent> consent = consentRow.map(c -> new Consent(c.givenOn(), InformedHow.valueOf(c.informedHow()),
                intake.informationText(ref.organisationId(), c.textId()).map(IntakeRepository.InformationText::version)
                        .orElse(0),
                c.textId(), c.language(), names.get(c.recordedBy())));
        access.record(who, IntakeActions.PROSPECT_READ, ref, null);
        return new IntakeView(ref.id(), ref.pseudonym(), ref.stage(), access.access(who, ref), facts.pathway(),
                intake.areas(ref.id()), facts.contextCase(),
                cipher.decrypt(CaseAccess.field("cas_client", ref.id(), "person_at_risk"), facts.personAtRisk()),
                facts.openedAt().atZone(clock.getZone()).toLocalDate(), tandem.stream().map(names::get).toList(),
                contacts, discussions, consent,
                cipher.decrypt(CaseAccess.field("cas_client", ref.id(), "single_practitioner_reason"),
                        facts.singleReason()));
    }

    record Summary(Pathway pathway, Set<PhenomenonArea> areas, boolean contextCase, Optional<Consent> consent,
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
                access.cipher(ref).encrypt(CaseAccess.field("cas_contact", id, "note"), blankToNull(note)), who.id()),
                clock.instant());
        access.record(who, IntakeActions.CONTACT_RECORDED, ref, kind + " on " + on);
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
                ? access.cipher(ref).encrypt(CaseAccess.field("cas_client", ref.id(), "person_at_risk"),
                        blankToNull(personAtRisk))
                : null);
        access.record(who, IntakeActions.AREAS_CHANGED, ref, areas.size() + " areas, context case " + contextCase);
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
                access.cipher(ref).encrypt(CaseAccess.field("cas_safety_discussion", id, "risks"),
                        discussion.risksConsidered().strip()),
                manager.id(), List.copyOf(participants)), clock.instant());
        access.record(manager, IntakeActions.SAFETY_DISCUSSION_RECORDED, ref,
                "held " + discussion.heldOn() + ", " + participants.size() + " took part");
    }

    /** Whether the manager may still record the discussion: the pseudonym and its state only. */
    @Transactional(readOnly = true)
    public CaseRef forSafetyDiscussion(StaffPrincipal manager, UUID clientId) {
        if (!manager.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
        return access.find(manager, clientId);
    }

    /** R1: the prospect becomes a client only with their recorded consent, after the safety discussion. */
    @Transactional
    public void takeOn(StaffPrincipal practitioner, UUID clientId, ParticipationConsent consent,
            ClientIdentity identity, Tandem tandem) {
        CaseRef ref = access.forTandem(practitioner, clientId, "take on");
        access.requireStage(ref, Stage.PROSPECT);
        if (!intake.hasDiscussion(ref.id())) {
            throw new IntakeRefused("intake.refused.no-safety-discussion");
        }
        IntakeRepository.InformationText text = intake.informationText(ref.organisationId(), consent.informationText())
                .orElseThrow(() -> new IntakeRefused("intake.refused.unknown-text"));
        if (!text.language().equals(consent.language())) {
            throw new IntakeRefused("intake.refused.text-language");
        }
        if (!current(ref.organisationId(), text.language()).map(IntakeRepository.InformationText::id)
                .orElseThrow().equals(text.id())) {
            throw new IntakeRefused("intake.refused.outdated-text");
        }
        if (consent.givenOn() == null || consent.givenOn().isAfter(LocalDate.now(clock)) || consent.informedHow() == null) {
            throw new IntakeRefused("intake.refused.consent");
        }
        List<UUID> members = tandems.tandem(ref.id());
        UUID second = tandem.secondPractitioner();
        String reason = blankToNull(tandem.singlePractitionerReason());
        if (second != null) {
            staff.find(practitioner.organisationId(), second)
                    .filter(m -> m.active() && m.role() == Role.PRACTITIONER && !m.id().equals(practitioner.id()))
                    .orElseThrow(() -> new IntakeRefused("tandem.invalid"));
            reason = null;
        } else if (reason == null && members.size() < 2) {
            throw new IntakeRefused("intake.refused.single-without-reason");
        }
        FieldCipher cipher = access.cipher(ref);
        identities.insertIdentity(ref.id(), new IdentityRepository.IdentityRow(
                cipher.encrypt(CaseAccess.field("cas_identity", ref.id(), "full_name"), identity.fullName().strip()),
                cipher.encrypt(CaseAccess.field("cas_identity", ref.id(), "date_of_birth"),
                        identity.dateOfBirth() == null ? null : identity.dateOfBirth().toString()),
                cipher.encrypt(CaseAccess.field("cas_identity", ref.id(), "contact"), blankToNull(identity.contact())),
                cipher.encrypt(CaseAccess.field("cas_identity", ref.id(), "aliases"), blankToNull(identity.aliases()))));
        if (second != null && !members.contains(second)) {
            tandems.insertTandemMember(ref.id(), second, members.size() + 1);
        }
        intake.insertConsent(ref.id(), new IntakeRepository.ConsentRow(consent.givenOn(), consent.informedHow().name(),
                text.id(), consent.language(), practitioner.id()), clock.instant());
        byte[] sealedReason = cipher.encrypt(CaseAccess.field("cas_client", ref.id(), "single_practitioner_reason"),
                reason);
        if (intake.becomeClient(ref.id(), consent.givenOn(), consent.language(), sealedReason) != 1) {
            throw new CaseAccess.WrongStageException(ref.stage());
        }
        int size = tandems.tandem(ref.id()).size();
        access.record(practitioner, IntakeActions.CLIENT_TAKEN_ON, ref,
                "consent " + consent.givenOn() + ", text v" + text.version() + " " + text.language() + ", tandem of "
                        + size);
    }

    // Information texts.

    record TextVersion(int version, LocalDate publishedOn, boolean builtIn, Map<String, IntakeRepository.InformationText> byLanguage) {
    }

    @Transactional(readOnly = true)
    public List<TextVersion> informationTexts(StaffPrincipal who) {
        CaseAccess.requireCaseRole(who);
        // Keyed by version and origin: a built-in version may carry the number of one the organisation
        // published itself before it came out.
        Map<String, Map<String, IntakeRepository.InformationText>> versions = new LinkedHashMap<>();
        for (IntakeRepository.InformationText t : intake.informationTexts(who.organisationId())) {
            versions.computeIfAbsent(t.version() + "/" + (t.organisationId() == null), v -> new LinkedHashMap<>())
                    .put(t.language(), t);
        }
        List<TextVersion> out = new ArrayList<>();
        versions.values().forEach(texts -> {
            IntakeRepository.InformationText any = texts.values().iterator().next();
            out.add(new TextVersion(any.version(), any.publishedOn(), any.organisationId() == null, texts));
        });
        out.sort(Comparator.comparingInt(TextVersion::version).thenComparing(TextVersion::publishedOn).reversed());
        return out;
    }

    /**
     * What take-on offers: the current text in each language and nothing older. An older version may
     * promise what is no longer true (version 1 promised that only the tandem reads the record); it
     * stays readable for the consents given on it.
     */
    @Transactional(readOnly = true)
    public List<TextVersion> offeredTexts(StaffPrincipal who) {
        CaseAccess.requireCaseRole(who);
        Map<String, IntakeRepository.InformationText> current = new LinkedHashMap<>();
        for (String language : List.of("en", "de")) {
            current(who.organisationId(), language).ifPresent(t -> current.put(language, t));
        }
        if (current.isEmpty()) {
            return List.of();
        }
        IntakeRepository.InformationText any = current.values().iterator().next();
        return List.of(new TextVersion(any.version(), any.publishedOn(), any.organisationId() == null, current));
    }

    @Transactional(readOnly = true)
    public IntakeRepository.InformationText informationText(StaffPrincipal who, UUID id) {
        CaseAccess.requireCaseRole(who);
        return intake.informationText(who.organisationId(), id).orElseThrow(NotFoundException::new);
    }

    @Transactional(readOnly = true)
    public UUID currentInformationText(UUID organisationId, String language) {
        return current(organisationId, language).map(IntakeRepository.InformationText::id)
                .orElseThrow(NotFoundException::new);
    }

    /** The newest version in {@code language}; of two with the same number, the one published later. */
    private Optional<IntakeRepository.InformationText> current(UUID organisationId, String language) {
        return intake.informationTexts(organisationId).stream().filter(t -> t.language().equals(language))
                .max(Comparator.comparingInt(IntakeRepository.InformationText::version)
                        .thenComparing(IntakeRepository.InformationText::publishedOn));
    }

    /** A manager publishes a new version, in English and German together, so both stay the same text. */
    @Transactional
    public int publishInformationText(StaffPrincipal manager, String titleEn, String bodyEn, String titleDe,
            String bodyDe) {
        if (!manager.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
        int version = intake.informationTexts(manager.organisationId()).stream()
                .mapToInt(IntakeRepository.InformationText::version).max().orElse(0) + 1;
        LocalDate today = LocalDate.now(clock);
        intake.insertInformationText(new IntakeRepository.InformationText(UUID.randomUUID(), manager.organisationId(),
                version, "en", titleEn.strip(), bodyEn.strip(), today), manager.id());
        intake.insertInformationText(new IntakeRepository.InformationText(UUID.randomUUID(), manager.organisationId(),
                version, "de", titleDe.strip(), bodyDe.strip(), today), manager.id());
        access.recordOrganisation(manager, IntakeActions.INFORMATION_TEXT_PUBLISHED, "version " + version);
        return version;
    }

    private static String blankToNull(String value) {
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
