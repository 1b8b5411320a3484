package org.exitwork.cases.internal.casefile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.NewProspect;
import org.exitwork.cases.ParticipationConsent;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.SafetyDiscussion;
import org.exitwork.cases.Tandem;
import org.exitwork.cases.internal.CasesProperties;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.AccessRepository;
import org.exitwork.cases.internal.access.BreakGlassReason;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseActions;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.identity.IdentityRepository;
import org.exitwork.cases.internal.intake.InformationTexts;
import org.exitwork.cases.internal.intake.IntakeService;
import org.exitwork.cases.internal.intake.TakeOn;
import org.exitwork.cases.internal.sessions.SessionCounts;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of the safe space (R2, R6): only the tandem reads and writes a case; a colleague reads
 * it only after breaking the glass with a recorded reason; administrators never. Every read and
 * every change is audited under the client's pseudonym.
 */
@Service
public class CaseService implements CaseWork {

    record CaseSummary(UUID id, String pseudonym, Stage stage, Instant createdAt, boolean mine, List<String> tandem) {
    }

    /** One page of the case list; {@code previousBefore} and {@code nextAfter} are the cursors of the pages beside it. */
    record CasePage(List<CaseSummary> cases, UUID previousBefore, UUID nextAfter) {
    }

    /** As many cases as a person reads down a page. */
    static final int PAGE_SIZE = 50;

    record Grant(String colleague, BreakGlassReason reason, String explanation, Instant grantedAt, Instant expiresAt) {
    }

    record CaseView(UUID id, String pseudonym, Access access, List<String> tandem, List<Grant> grants) {
    }

    record RestrictedView(UUID id, String pseudonym, List<String> tandem) {
    }

    private final CaseRepository cases;
    private final AccessRepository members;
    private final IdentityRepository identities;
    private final ClientKeys keys;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration breakGlassDuration;
    private final CaseAccess access;
    private final IntakeService intake;
    private final TakeOn takeOn;
    private final InformationTexts texts;
    private final SessionCounts counts;

    CaseService(CaseRepository cases, AccessRepository members, IdentityRepository identities, CaseAccess access,
            IntakeService intake, TakeOn takeOn, InformationTexts texts, ClientKeys keys, StaffDirectory staff,
            AuditLog audit, Clock clock, CasesProperties settings, SessionCounts counts) {
        this.cases = cases;
        this.counts = counts;
        this.members = members;
        this.identities = identities;
        this.access = access;
        this.intake = intake;
        this.takeOn = takeOn;
        this.texts = texts;
        this.keys = keys;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
        this.breakGlassDuration = settings.breakGlassDuration();
    }

    @Override
    public RegisteredClient openProspect(StaffPrincipal practitioner, NewProspect prospect) {
        return intake.openProspect(practitioner, prospect);
    }

    @Override
    public void recordSafetyDiscussion(StaffPrincipal manager, UUID clientId, SafetyDiscussion discussion) {
        intake.recordSafetyDiscussion(manager, clientId, discussion);
    }

    @Override
    public UUID currentInformationText(UUID organisationId, String language) {
        return texts.currentInformationText(organisationId, language);
    }

    @Override
    public void takeOn(StaffPrincipal practitioner, UUID clientId, ParticipationConsent consent, ClientIdentity identity,
            Tandem tandem) {
        takeOn.takeOn(practitioner, clientId, consent, identity, tandem);
    }

    @Transactional(readOnly = true)
    public CasePage list(StaffPrincipal who, CaseFilter filter) {
        CaseAccess.requireCaseRole(who);
        List<CaseRepository.Listed> rows = new java.util.ArrayList<>(
                cases.clients(who.organisationId(), who.id(), filter, LocalDate.now(clock), PAGE_SIZE + 1));
        boolean backwards = filter.after() == null && filter.before() != null;
        boolean more = rows.size() > PAGE_SIZE;
        if (more) {
            // The extra row only says that there is a further page; it lies beyond this one.
            rows.remove(backwards ? 0 : rows.size() - 1);
        }
        boolean hasPrevious = backwards ? more : filter.after() != null;
        boolean hasNext = backwards ? filter.before() != null : more;
        Map<UUID, List<UUID>> tandems = members.tandems(rows.stream().map(CaseRepository.Listed::id).toList());
        Set<UUID> staffIds = new HashSet<>();
        tandems.values().forEach(staffIds::addAll);
        Map<UUID, String> names = staff.displayNames(who.organisationId(), staffIds);
        List<CaseSummary> page = rows.stream()
                .map(r -> new CaseSummary(r.id(), r.pseudonym(), Stage.valueOf(r.stage()), r.createdAt(), r.mine(),
                        tandems.getOrDefault(r.id(), List.of()).stream().map(names::get).toList()))
                .toList();
        return new CasePage(page, hasPrevious && !page.isEmpty() ? page.get(0).id() : null,
                hasNext && !page.isEmpty() ? page.get(page.size() - 1).id() : null);
    }

    @Transactional(readOnly = true)
    public Access accessOf(StaffPrincipal who, UUID clientId) {
        return access.accessOf(who, clientId);
    }

    @Transactional(readOnly = true)
    public boolean isProspect(StaffPrincipal who, UUID clientId) {
        return access.find(who, clientId).is(Stage.PROSPECT);
    }

    /**
     * The whole case for the tandem or a colleague who broke the glass. Not audited on its own: the case
     * page ({@link CasePage}) records one entry for everything it shows.
     */
    @Transactional
    CaseView view(StaffPrincipal who, UUID clientId) {
        CaseRef client = access.forReading(who, clientId, "read");
        Access how = access.access(who, client);
        FieldCipher cipher = keys.cipherFor(client.id());
        List<CaseRepository.GrantRow> grantRows = cases.grants(client.id());
        List<UUID> tandem = members.tandem(client.id());
        Set<UUID> ids = new HashSet<>(tandem);
        grantRows.forEach(g -> ids.add(g.staffId()));
        Map<UUID, String> names = staff.displayNames(who.organisationId(), ids);
        List<Grant> grants = grantRows.stream()
                .map(g -> new Grant(names.get(g.staffId()), BreakGlassReason.valueOf(g.reasonKind()),
                        cipher.row("cas_access_grant", g.id()).open("explanation", g.explanation()), g.grantedAt(),
                        g.expiresAt()))
                .toList();
        return new CaseView(client.id(), client.pseudonym(), how, tandem.stream().map(names::get).toList(), grants);
    }

    /** What a colleague without access may see: the pseudonym and who carries the case. */
    @Transactional
    public RestrictedView restricted(StaffPrincipal who, UUID clientId) {
        CaseRef client = access.find(who, clientId);
        List<UUID> tandem = members.tandem(client.id());
        Map<UUID, String> names = staff.displayNames(who.organisationId(), tandem);
        return new RestrictedView(client.id(), client.pseudonym(), tandem.stream().map(names::get).toList());
    }

    /** The identity vault, shown only on request; audited separately because it identifies the person. */
    @Transactional
    public ClientIdentity identity(StaffPrincipal who, UUID clientId) {
        CaseRef client = access.forReading(who, clientId, "read identity");
        ClientIdentity identity = identities.identity(client.id()).orElseThrow(NotFoundException::new)
                .open(keys.cipherFor(client.id()), client.id());
        audit.record(event(who, CaseActions.IDENTITY_READ, client.pseudonym(), null));
        return identity;
    }

    @Override
    @Transactional
    public void writeNote(StaffPrincipal author, UUID clientId, LocalDate sessionDate, String text) {
        CaseRef client = access.forTandem(author, clientId, "write note");
        access.requireStage(client, Stage.CLIENT);
        UUID id = UUID.randomUUID();
        byte[] body = keys.cipherFor(client.id()).row("cas_session_note", id).seal("body", text);
        cases.insertNote(client.id(), new CaseRepository.NoteRow(id, sessionDate, author.id(), clock.instant(), body));
        counts.recorded(client.id(), sessionDate);
        audit.record(event(author, CaseActions.NOTE_WRITTEN, client.pseudonym(), AuditDetail.of("session.on", sessionDate)));
    }

    /** A colleague outside the tandem gains time-limited read access for a recorded reason (R6). */
    @Transactional
    public void breakGlass(StaffPrincipal who, UUID clientId, BreakGlassReason reason, String explanation) {
        CaseRef client = access.find(who, clientId);
        if (access.access(who, client) == Access.TANDEM) {
            return;
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        byte[] sealed = keys.cipherFor(client.id()).row("cas_access_grant", id).seal("explanation", explanation);
        cases.insertGrant(client.id(), new CaseRepository.GrantRow(id, who.id(), reason.name(), sealed, now,
                now.plus(breakGlassDuration)));
        audit.record(event(who, CaseActions.BREAK_THE_GLASS, client.pseudonym(), AuditDetail.of("break-glass.reason", reason)));
    }

    private static AuditEvent event(StaffPrincipal who, String action, String pseudonym, String detail) {
        return new AuditEvent(who.organisationId(), who.id(), who.username(), action, pseudonym, detail);
    }

}
