package org.exitwork.cases.internal.agreement;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.keys.FieldCipher;
import org.exitwork.platform.NotFoundException;
import org.exitwork.platform.PlatformConfiguration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The work agreement (R3): overall objective, aimed-for personal changes and next steps, co-owned
 * with the client. It is versioned: a change makes a new version, nothing is ever rewritten. The
 * client's agreement is recorded per version; the newest agreed version is the current agreement,
 * a newer one without agreement is a draft. Progress on each aimed-for change is rated with the
 * client over time. The tandem writes; the tandem or a colleague who broke the glass reads; every
 * read and change is audited. (The few methods of the records that templates call are public:
 * SpEL calls public methods only.)
 */
@Service
public class WorkAgreements {

    public record AimedChange(UUID thread, String wording) {
    }

    public record ClientAgreement(LocalDate agreedOn, AgreedHow how, String note, String recordedBy) {
    }

    public record Version(int number, String language, String objective, List<AimedChange> changes, String nextSteps,
            String writtenBy, Instant writtenAt, ClientAgreement clientAgreement) {

        public boolean agreed() {
            return clientAgreement != null;
        }

        public Locale locale() {
            return Locale.forLanguageTag(language);
        }

        /** The wording of a change in this version, or {@code null} if the version does not have it. */
        public String wordingOf(UUID thread) {
            return changes.stream().filter(c -> c.thread().equals(thread)).map(AimedChange::wording).findFirst()
                    .orElse(null);
        }
    }

    public record Rating(UUID thread, String change, LocalDate ratedOn, int score, String comment, String recordedBy) {
    }

    /** Everything about the agreement of one case; versions newest first. */
    public record Agreement(UUID caseId, String pseudonym, Stage stage, Access access, List<Version> versions,
            List<Rating> ratings, ProgressChart chart) {

        /** The newest version the client agreed to, or {@code null}. */
        public Version current() {
            return versions.stream().filter(Version::agreed).findFirst().orElse(null);
        }

        /** The newest version if the client has not agreed to it (yet), or {@code null}. */
        public Version draft() {
            return versions.isEmpty() || versions.get(0).agreed() ? null : versions.get(0);
        }

        public boolean writable() {
            return access == Access.TANDEM && stage == Stage.CLIENT;
        }

        /** Printing for the client is handing it out: the tandem's, as for the client's report (R19). */
        public boolean printable() {
            return access == Access.TANDEM;
        }
    }

    /** What the form for a new version starts from: the newest version, if any. */
    record Basis(UUID caseId, String pseudonym, Version latest, String clientLanguage) {

        public int number() {
            return latest == null ? 0 : latest.number();
        }
    }

    /** A new version as entered: changes without a thread are new ones. */
    record NewVersion(String objective, List<AimedChange> changes, String nextSteps, String language, int basedOn) {
    }

    record NewRating(UUID thread, int score, String comment) {
    }

    /** Input the rules refuse: {@code field} (or {@code null} for the whole form) and a message key. */
    static class Refused extends RuntimeException {
        final String field;
        final String code;

        Refused(String field, String code) {
            super(code);
            this.field = field;
            this.code = code;
        }
    }

    static final Set<String> LANGUAGES = Set.copyOf(
            PlatformConfiguration.LANGUAGES.stream().map(Locale::getLanguage).toList());

    private final CaseAccess access;
    private final AgreementRepository repository;
    private final AgreementLoader loader;
    private final AgreementPdf pdf;
    private final Clock clock;

    WorkAgreements(CaseAccess access, AgreementRepository repository, AgreementLoader loader, AgreementPdf pdf,
            Clock clock) {
        this.access = access;
        this.repository = repository;
        this.loader = loader;
        this.pdf = pdf;
        this.clock = clock;
    }

    /** The agreement page: all versions, the ratings and the chart. */
    @Transactional
    Agreement open(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forReading(who, clientId, "read work agreement");
        Agreement agreement = load(who, ref);
        access.record(who, AgreementActions.AGREEMENT_READ, ref, AuditDetail.of("agreement.read",
                agreement.access().name().toLowerCase(Locale.ROOT), agreement.versions().size(), agreement.ratings().size()));
        return agreement;
    }

    /**
     * The same, for the case overview. Not audited on its own: it is part of the case page, whose one entry
     * names what it showed ({@code CasePage}).
     */
    @Transactional
    public Agreement summary(StaffPrincipal who, UUID clientId) {
        return load(who, access.forReading(who, clientId, "read work agreement summary"));
    }

    /** Refuses (audited) anyone who may not change the agreement, before a form is even looked at. */
    @Transactional
    void requireWritable(StaffPrincipal who, UUID clientId, String what) {
        CaseRef ref = access.forTandem(who, clientId, what);
        access.requireStage(ref, Stage.CLIENT);
    }

    /** What the form for a new version is prefilled with. */
    @Transactional
    Basis basis(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forTandem(who, clientId, "open work agreement form");
        access.requireStage(ref, Stage.CLIENT);
        Agreement agreement = load(who, ref);
        Version latest = agreement.versions().isEmpty() ? null : agreement.versions().get(0);
        access.record(who, AgreementActions.AGREEMENT_READ, ref,
                AuditDetail.of("agreement.form", latest == null ? 0 : latest.number()));
        return new Basis(ref.id(), ref.pseudonym(), latest, LANGUAGES.contains(ref.language()) ? ref.language() : "en");
    }

    /** Adds a version; the earlier ones stay as they were. @return its number */
    @Transactional
    int write(StaffPrincipal who, UUID clientId, NewVersion input) {
        CaseRef ref = access.forTandem(who, clientId, "write work agreement");
        access.requireStage(ref, Stage.CLIENT);
        int latest = repository.latestNumber(ref.id());
        List<AimedChange> changes = AgreementRules.newVersion(input, latest, repository.threads(ref.id()));
        FieldCipher cipher = access.cipher(ref);
        UUID id = UUID.randomUUID();
        int number = latest + 1;
        FieldCipher.RowCipher row = cipher.row("cas_agreement_version", id);
        repository.insertVersion(ref.id(), new AgreementRepository.VersionRow(id, number, input.language(), who.id(),
                clock.instant(), row.seal("objective", input.objective().strip()),
                row.seal("next_steps", input.nextSteps().strip())));
        int position = 0;
        for (AimedChange change : changes) {
            UUID changeId = UUID.randomUUID();
            UUID thread = change.thread() == null ? UUID.randomUUID() : change.thread();
            repository.insertChange(ref.id(), new AgreementRepository.ChangeRow(changeId, id, thread, ++position,
                    cipher.row("cas_agreement_change", changeId).seal("wording",
                            change.wording().strip())));
        }
        long kept = changes.stream().filter(c -> c.thread() != null).count();
        access.record(who, AgreementActions.AGREEMENT_VERSION_WRITTEN, ref, AuditDetail.of("agreement.version-written",
                number, changes.size(), kept, input.language()));
        return number;
    }

    /** Records that the client agreed to a version, once; the version itself is not touched. */
    @Transactional
    void recordClientAgreement(StaffPrincipal who, UUID clientId, int number, LocalDate agreedOn, AgreedHow how,
            String note) {
        CaseRef ref = access.forTandem(who, clientId, "record client's agreement");
        access.requireStage(ref, Stage.CLIENT);
        List<AgreementRepository.VersionRow> versions = repository.versions(ref.id());
        AgreementRepository.VersionRow version = versions.stream().filter(v -> v.number() == number).findFirst()
                .orElseThrow(NotFoundException::new);
        Map<UUID, Integer> numbers = new HashMap<>();
        versions.forEach(v -> numbers.put(v.id(), v.number()));
        int newestAgreed = repository.clientAgreements(ref.id()).stream()
                .mapToInt(a -> numbers.get(a.versionId())).max().orElse(0);
        AgreementRules.clientAgreement(number, newestAgreed, agreedOn, how, note,
                LocalDate.ofInstant(version.writtenAt(), clock.getZone()), LocalDate.now(clock));
        repository.insertClientAgreement(ref.id(), new AgreementRepository.ClientAgreementRow(version.id(), agreedOn,
                how.name(), access.cipher(ref).row("cas_client_agreement", version.id()).seal("note",
                        AgreementRules.optional(note)),
                who.id(), clock.instant()));
        access.record(who, AgreementActions.CLIENT_AGREEMENT_RECORDED, ref,
                AuditDetail.of("agreement.client-agreed", number, how.name(), agreedOn));
    }

    /** Ratings made with the client on one date, for changes of the current agreement. */
    @Transactional
    void rate(StaffPrincipal who, UUID clientId, LocalDate ratedOn, List<NewRating> ratings) {
        CaseRef ref = access.forTandem(who, clientId, "rate progress");
        access.requireStage(ref, Stage.CLIENT);
        Version current = load(who, ref).current();
        AgreementRules.ratings(current, ratedOn, ratings, LocalDate.now(clock),
                thread -> repository.rated(ref.id(), thread, ratedOn));
        FieldCipher cipher = access.cipher(ref);
        Instant now = clock.instant();
        for (NewRating rating : ratings) {
            UUID id = UUID.randomUUID();
            repository.insertRating(ref.id(), new AgreementRepository.RatingRow(id, rating.thread(), ratedOn,
                    rating.score(), cipher.row("cas_progress_rating", id).seal("comment",
                            AgreementRules.optional(rating.comment())),
                    who.id(), now));
        }
        access.record(who, AgreementActions.PROGRESS_RATED, ref, AuditDetail.of("agreement.rated", ratedOn, ratings.size()));
    }

    /**
     * The printable agreement for the client to keep, in the version's language. The download is
     * audited once the document exists, so the audit chain's lock is not held while it renders.
     */
    @Transactional
    byte[] pdf(StaffPrincipal who, UUID clientId, int number) {
        CaseRef ref = access.forReading(who, clientId, "download work agreement");
        Version version = load(who, ref).versions().stream().filter(v -> v.number() == number).findFirst()
                .orElseThrow(NotFoundException::new);
        byte[] document = pdf.render(ref.organisationId(), ref.pseudonym(), version);
        access.record(who, AgreementActions.AGREEMENT_PRINTED, ref, AuditDetail.of("agreement.printed", number, version.language()));
        return document;
    }

    private Agreement load(StaffPrincipal who, CaseRef ref) {
        return load(who.organisationId(), ref, access.access(who, ref));
    }

    /** The whole agreement of a case, for the client's own report (R19); the caller has checked access. */
    @Transactional(readOnly = true)
    public Agreement forClientRecord(CaseRef ref) {
        return load(ref.organisationId(), ref, Access.TANDEM);
    }

    private Agreement load(UUID organisationId, CaseRef ref, Access accessOfReader) {
        return loader.load(organisationId, ref, accessOfReader, access.cipher(ref));
    }
}
