package org.exitwork.cases.internal.risk;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.cases.EmergencyPreparedness;
import org.exitwork.cases.EmergencyPreparedness.Readiness;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.keys.FieldCipher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The high-risk mark (R14): the tandem sets and clears it with a reason. A case marked high-risk
 * asks for its emergency plan and contact structure (an emergency contact in the plan) on its page
 * and on the manager's overview until both exist; the plan itself is the safety module's, asked
 * through {@link EmergencyPreparedness}.
 */
@Service
public class HighRisk {

    /** Bad input: the form is shown again (400) and nothing changed. */
    static class Refused extends RuntimeException {
        final String messageKey;

        Refused(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }
    }

    /** The mark is already as asked: someone changed it meanwhile (409). */
    static class Conflict extends RuntimeException {
    }

    /** What the case page shows: the mark and, when marked, what the emergency still lacks. */
    public record Panel(boolean highRisk, Readiness readiness, boolean tandem) {

        public boolean taskOpen() {
            return highRisk && !readiness.complete();
        }
    }

    record Mark(Instant at, String who, boolean marked, RiskReason reason, String note) {
    }

    record RiskView(UUID id, String pseudonym, boolean highRisk, boolean tandem, Readiness readiness,
            List<Mark> marks) {
    }

    /** A high-risk case on the manager's overview that still lacks its plan or contacts. */
    public record Waiting(UUID clientId, String pseudonym, Readiness readiness) {
    }

    private final CaseAccess access;
    private final RiskRepository rows;
    private final ObjectProvider<EmergencyPreparedness> preparedness;
    private final StaffDirectory staff;
    private final Clock clock;

    HighRisk(CaseAccess access, RiskRepository rows, ObjectProvider<EmergencyPreparedness> preparedness,
            StaffDirectory staff, Clock clock) {
        this.access = access;
        this.rows = rows;
        this.preparedness = preparedness;
        this.staff = staff;
        this.clock = clock;
    }

    /** For the case page; the caller has checked access and audited the read. */
    @Transactional(readOnly = true)
    public Panel panel(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forReading(who, clientId, "read high risk");
        boolean marked = rows.highRisk(ref.id());
        return new Panel(marked, marked ? readiness(ref.id()) : Readiness.NOTHING,
                access.access(who, ref) == Access.TANDEM);
    }

    @Transactional(readOnly = true)
    RiskView view(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forReading(who, clientId, "read high risk");
        List<RiskRepository.MarkRow> marks = rows.marks(ref.id());
        Set<UUID> ids = new HashSet<>();
        marks.forEach(m -> ids.add(m.markedBy()));
        Map<UUID, String> names = staff.displayNames(ref.organisationId(), ids);
        FieldCipher cipher = access.cipher(ref);
        boolean marked = rows.highRisk(ref.id());
        return new RiskView(ref.id(), ref.pseudonym(), marked, access.access(who, ref) == Access.TANDEM,
                readiness(ref.id()),
                marks.stream().map(m -> new Mark(m.markedAt(), names.get(m.markedBy()), m.marked(), m.reason(),
                        cipher.row("cas_risk_mark", m.id()).open("note", m.note()))).toList());
    }

    /** Sets ({@code marking}) or clears the mark; the tandem only, while the case is open. */
    @Transactional
    public void mark(StaffPrincipal who, UUID clientId, boolean marking, RiskReason reason, String note) {
        CaseRef ref = access.forTandem(who, clientId, marking ? "mark high risk" : "clear high risk");
        access.requireStage(ref, Stage.PROSPECT, Stage.CLIENT);
        if (reason == null || !reason.fits(marking)) {
            throw new Refused("risk.error.reason");
        }
        if (rows.set(ref.id(), marking) != 1) {
            throw new Conflict();
        }
        UUID id = UUID.randomUUID();
        String text = note == null || note.isBlank() ? null : note.strip();
        rows.insert(ref.id(), new RiskRepository.MarkRow(id, marking, reason,
                access.cipher(ref).row("cas_risk_mark", id).seal("note", text), who.id(), clock.instant()));
        access.record(who, marking ? RiskActions.CASE_MARKED_HIGH_RISK : RiskActions.CASE_HIGH_RISK_CLEARED, ref,
                AuditDetail.of("risk.reason", reason));
    }

    /** For the manager's overview: high-risk cases still without emergency plan or contacts. */
    @Transactional(readOnly = true)
    public List<Waiting> waiting(UUID org) {
        return rows.marked(org).stream().map(m -> new Waiting(m.clientId(), m.pseudonym(), readiness(m.clientId())))
                .filter(w -> !w.readiness().complete()).toList();
    }

    private Readiness readiness(UUID clientId) {
        EmergencyPreparedness answer = preparedness.getIfAvailable();
        return answer == null ? Readiness.NOTHING : answer.of(clientId);
    }
}
