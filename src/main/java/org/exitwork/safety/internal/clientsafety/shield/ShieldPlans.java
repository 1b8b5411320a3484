package org.exitwork.safety.internal.clientsafety.shield;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseReference;
import org.exitwork.safety.internal.clientsafety.ClientSafetyAccess;
import org.exitwork.safety.internal.clientsafety.ClientSafetyActions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Threat analysis and shield plan of a high-risk exit (R15): who is involved and in what role, what
 * dangerous knowledge the client has, the history, the information plan, and the protective measures
 * with owner and status. Relocation and new-identity details are not here but in the compartment.
 */
@Service
public class ShieldPlans {

    record Analysis(String involved, String knowledge, String history, String informationPlan,
            String publicStatement) {

        static Analysis empty() {
            return new Analysis("", "", "", "", "");
        }
    }

    public record Measure(ShieldMeasureKind kind, String description, String owner, ShieldMeasureStatus status) {
    }

    /** {@code version}: what a save must be based on (0 while there is no plan). */
    record Plan(CaseReference ref, boolean writable, Analysis analysis, List<Measure> measures, String updatedBy,
            Instant updatedAt, int version) {

        public boolean exists() {
            return updatedAt != null;
        }
    }

    private final ShieldRepository shields;
    private final ClientSafetyAccess access;
    private final StaffDirectory staff;
    private final Clock clock;

    ShieldPlans(ShieldRepository shields, ClientSafetyAccess access, StaffDirectory staff, Clock clock) {
        this.shields = shields;
        this.access = access;
        this.staff = staff;
        this.clock = clock;
    }

    @Transactional
    public Plan read(StaffPrincipal who, UUID clientId) {
        CaseReference ref = access.forReading(who, clientId, "read shield plan");
        Optional<ShieldRepository.StoredPlan> row = shields.plan(ref.id());
        List<Measure> list = shields.measures(ref.id());
        String by = row.map(r -> staff.displayNames(who.organisationId(), List.of(r.updatedBy())).get(r.updatedBy()))
                .orElse(null);
        access.record(who, ClientSafetyActions.SHIELD_PLAN_READ, ref,
                row.isPresent() ? AuditDetail.of("shield.measures", list.size()) : AuditDetail.of("shield.no-plan"));
        return new Plan(ref, access.inTandem(who, clientId),
                row.map(ShieldRepository.StoredPlan::analysis).orElse(Analysis.empty()), list, by,
                row.map(ShieldRepository.StoredPlan::updatedAt).orElse(null),
                row.map(ShieldRepository.StoredPlan::version).orElse(0));
    }

    @Transactional(readOnly = true)
    public void requireWritable(StaffPrincipal who, UUID clientId) {
        access.forTandem(who, clientId, "write shield plan");
    }

    /**
     * Saves the analysis and replaces the list of measures if the plan is still the version the form showed;
     * the audit keeps who did it and when. @return false when someone saved it meanwhile; nothing is changed then
     */
    @Transactional
    public boolean save(StaffPrincipal who, UUID clientId, int basedOn, Analysis analysis, List<Measure> measures) {
        CaseReference ref = access.forTandem(who, clientId, "write shield plan");
        if (!shields.replace(ref.id(), basedOn, analysis, measures, who.id(), clock.instant())) {
            return false;
        }
        access.record(who, ClientSafetyActions.SHIELD_PLAN_SAVED, ref, AuditDetail.of("shield.measures", measures.size()));
        return true;
    }
}
