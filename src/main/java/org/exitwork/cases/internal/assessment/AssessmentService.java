package org.exitwork.cases.internal.assessment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.keys.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private static final String TABLE = "cas_assessment";

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final StaffDirectory staff;
    private final Clock clock;

    AssessmentService(JdbcClient jdbc, CaseAccess access, StaffDirectory staff, Clock clock) {
        this.jdbc = jdbc;
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
        List<Row> rows = jdbc.sql("SELECT * FROM cas_assessment WHERE client_id = ? ORDER BY version DESC")
                .param(ref.id()).query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getInt("version"),
                        rs.getDate("assessed_on").toLocalDate(), rs.getObject("recorded_by", UUID.class),
                        rs.getObject("recorded_at", java.time.OffsetDateTime.class).toInstant(), rs.getBytes("resources"),
                        rs.getBytes("capacities"), rs.getBytes("protective_factors"), rs.getBytes("social_context"),
                        rs.getBytes("danger_to_self"), rs.getBytes("danger_to_self_why"), rs.getBytes("danger_to_others"),
                        rs.getBytes("danger_to_others_why")))
                .list();
        Set<UUID> authors = new HashSet<>();
        rows.forEach(r -> authors.add(r.recordedBy()));
        Map<UUID, String> names = staff.displayNames(who.organisationId(), authors);
        FieldCipher cipher = access.cipher(ref);
        List<Version> versions = rows.stream()
                .map(r -> new Version(r.id(), r.version(), names.get(r.recordedBy()), r.recordedAt(), decrypt(cipher, r)))
                .toList();
        access.record(who, AssessmentActions.ASSESSMENT_READ, ref, versions.isEmpty() ? "no version"
                : "as " + how.name().toLowerCase() + ", version " + versions.get(0).number() + " of "
                        + versions.get(0).findings().assessedOn());
        return new AssessmentView(ref.id(), ref.pseudonym(), how, ref.stage(), versions);
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
        int number = jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM cas_assessment WHERE client_id = ?")
                .param(ref.id()).query(Integer.class).single() + 1;
        UUID id = UUID.randomUUID();
        FieldCipher cipher = access.cipher(ref);
        jdbc.sql("INSERT INTO cas_assessment (id, client_id, version, assessed_on, recorded_by, recorded_at, "
                + "resources, capacities, protective_factors, social_context, danger_to_self, danger_to_self_why, "
                + "danger_to_others, danger_to_others_why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, ref.id(), number, findings.assessedOn(), who.id(), java.sql.Timestamp.from(clock.instant()),
                        encrypt(cipher, id, "resources", findings.resources()),
                        encrypt(cipher, id, "capacities", findings.capacities()),
                        encrypt(cipher, id, "protective_factors", findings.protectiveFactors()),
                        encrypt(cipher, id, "social_context", findings.socialContext()),
                        encrypt(cipher, id, "danger_to_self", findings.dangerToSelf().name()),
                        encrypt(cipher, id, "danger_to_self_why", findings.dangerToSelfWhy()),
                        encrypt(cipher, id, "danger_to_others", findings.dangerToOthers().name()),
                        encrypt(cipher, id, "danger_to_others_why", findings.dangerToOthersWhy()))
                .update();
        access.record(who, AssessmentActions.ASSESSMENT_RECORDED, ref,
                "version " + number + " of " + findings.assessedOn());
        return number;
    }

    record Row(UUID id, int version, LocalDate assessedOn, UUID recordedBy, Instant recordedAt, byte[] resources,
            byte[] capacities, byte[] protectiveFactors, byte[] socialContext, byte[] dangerToSelf,
            byte[] dangerToSelfWhy, byte[] dangerToOthers, byte[] dangerToOthersWhy) {
    }

    private static Findings decrypt(FieldCipher cipher, Row r) {
        UUID id = r.id();
        return new Findings(r.assessedOn(),
                decrypt(cipher, id, "resources", r.resources()),
                decrypt(cipher, id, "capacities", r.capacities()),
                decrypt(cipher, id, "protective_factors", r.protectiveFactors()),
                decrypt(cipher, id, "social_context", r.socialContext()),
                DangerLevel.valueOf(decrypt(cipher, id, "danger_to_self", r.dangerToSelf())),
                decrypt(cipher, id, "danger_to_self_why", r.dangerToSelfWhy()),
                DangerLevel.valueOf(decrypt(cipher, id, "danger_to_others", r.dangerToOthers())),
                decrypt(cipher, id, "danger_to_others_why", r.dangerToOthersWhy()));
    }

    private static byte[] encrypt(FieldCipher cipher, UUID row, String column, String text) {
        return cipher.encrypt(CaseAccess.field(TABLE, row, column), text == null ? "" : text.strip());
    }

    private static String decrypt(FieldCipher cipher, UUID row, String column, byte[] value) {
        return cipher.decrypt(CaseAccess.field(TABLE, row, column), value);
    }
}
