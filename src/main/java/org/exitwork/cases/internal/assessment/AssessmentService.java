package org.exitwork.cases.internal.assessment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.assessment.AssessmentRepository.Row;
import org.exitwork.keys.FieldCipher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The resources and safety assessment (R5): the NGO's own view of what carries the client and its
 * own judgement of danger. It lives only here and on its own page; nothing else in the application
 * reads it, so no export, report or partner can receive it ({@code AssessmentStaysInsideTest}).
 */
@Service
class AssessmentService {

    /** What the tandem assessed. The free texts may be empty; both judgements are required. */
    record Findings(LocalDate assessedOn, String resources, String capacities, String protectiveFactors,
            String socialContext, DangerLevel dangerToSelf, String dangerToSelfWhy, DangerLevel dangerToOthers,
            String dangerToOthersWhy) {

        Findings {
            Objects.requireNonNull(assessedOn, "assessedOn");
            Objects.requireNonNull(dangerToSelf, "dangerToSelf");
            Objects.requireNonNull(dangerToOthers, "dangerToOthers");
        }
    }

    /** One dated version; the history keeps every one. */
    record Version(UUID id, int number, String recordedBy, Instant recordedAt, Findings findings) {
    }

    /** The page: newest version first. */
    record AssessmentView(UUID id, String pseudonym, Access access, Stage stage, List<Version> versions) {

        public Version current() {
            return versions.isEmpty() ? null : versions.get(0);
        }

        public List<Version> earlier() {
            return versions.size() < 2 ? List.of() : versions.subList(1, versions.size());
        }

        public boolean writable() {
            return access == Access.TANDEM && stage == Stage.CLIENT;
        }
    }

    private final AssessmentRepository versions;
    private final CaseAccess access;
    private final StaffDirectory staff;
    private final Clock clock;

    AssessmentService(AssessmentRepository versions, CaseAccess access, StaffDirectory staff, Clock clock) {
        this.versions = versions;
        this.access = access;
        this.staff = staff;
        this.clock = clock;
    }

    /** For the tandem or a colleague who broke the glass; a prospect has no assessment yet. */
    @Transactional
    public AssessmentView view(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forReading(who, clientId, "read assessment");
        access.requireStage(ref, Stage.CLIENT, Stage.CLOSED);
        Access how = access.access(who, ref);
        List<Row> rows = versions.versions(ref.id());
        Set<UUID> authors = new HashSet<>();
        rows.forEach(r -> authors.add(r.recordedBy()));
        Map<UUID, String> names = staff.displayNames(who.organisationId(), authors);
        FieldCipher cipher = access.cipher(ref);
        List<Version> history = rows.stream()
                .map(r -> new Version(r.id(), r.version(), names.get(r.recordedBy()), r.recordedAt(), open(cipher, r)))
                .toList();
        access.record(who, AssessmentActions.ASSESSMENT_READ, ref, history.isEmpty() ? AuditDetail.of("assessment.none")
                : AuditDetail.of("assessment.read", how.name().toLowerCase(Locale.ROOT), history.get(0).number(),
                        history.get(0).findings().assessedOn()));
        return new AssessmentView(ref.id(), ref.pseudonym(), how, ref.stage(), history);
    }

    /** Refuses (audited) anyone who may not revise the assessment, before a form is even looked at. */
    @Transactional(readOnly = true)
    public void requireWritable(StaffPrincipal who, UUID clientId) {
        access.requireStage(access.forTandem(who, clientId, "revise assessment"), Stage.CLIENT);
    }

    /** A revision is a new version; the earlier ones are never changed. @return the new version number */
    @Transactional
    public int record(StaffPrincipal who, UUID clientId, Findings findings) {
        CaseRef ref = access.forTandem(who, clientId, "revise assessment");
        access.requireStage(ref, Stage.CLIENT);
        int number = versions.nextVersion(ref.id());
        UUID id = UUID.randomUUID();
        versions.insert(ref.id(), seal(access.cipher(ref), id, number, who.id(), clock.instant(), findings));
        access.record(who, AssessmentActions.ASSESSMENT_RECORDED, ref,
                AuditDetail.of("assessment.recorded", number, findings.assessedOn()));
        return number;
    }

    private static Findings open(FieldCipher cipher, Row r) {
        FieldCipher.RowCipher row = cipher.row(AssessmentRepository.TABLE, r.id());
        return new Findings(r.assessedOn(),
                row.open("resources", r.resources()),
                row.open("capacities", r.capacities()),
                row.open("protective_factors", r.protectiveFactors()),
                row.open("social_context", r.socialContext()),
                DangerLevel.valueOf(row.open("danger_to_self", r.dangerToSelf())),
                row.open("danger_to_self_why", r.dangerToSelfWhy()),
                DangerLevel.valueOf(row.open("danger_to_others", r.dangerToOthers())),
                row.open("danger_to_others_why", r.dangerToOthersWhy()));
    }

    private static Row seal(FieldCipher cipher, UUID id, int number, UUID by, Instant at, Findings f) {
        FieldCipher.RowCipher row = cipher.row(AssessmentRepository.TABLE, id);
        return new Row(id, number, f.assessedOn(), by, at,
                row.seal("resources", text(f.resources())),
                row.seal("capacities", text(f.capacities())),
                row.seal("protective_factors", text(f.protectiveFactors())),
                row.seal("social_context", text(f.socialContext())),
                row.seal("danger_to_self", f.dangerToSelf().name()),
                row.seal("danger_to_self_why", text(f.dangerToSelfWhy())),
                row.seal("danger_to_others", f.dangerToOthers().name()),
                row.seal("danger_to_others_why", text(f.dangerToOthersWhy())));
    }

    private static String text(String text) {
        return text == null ? "" : text.strip();
    }
}
