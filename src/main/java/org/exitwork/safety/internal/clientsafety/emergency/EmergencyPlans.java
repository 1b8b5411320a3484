package org.exitwork.safety.internal.clientsafety.emergency;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseReference;
import org.exitwork.safety.internal.clientsafety.ClientSafetyAccess;
import org.exitwork.safety.internal.clientsafety.ClientSafetyActions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The emergency plan of a high-risk case (R15): who calls whom, in what order, with which number and
 * when, and short instructions. Encrypted with the client's key; printable on one page.
 */
@Service
class EmergencyPlans {

    record Contact(String who, String number, String when) {
    }

    /** {@code version}: what a save must be based on (0 while there is no plan). */
    record Plan(CaseReference ref, boolean writable, String instructions, List<Contact> contacts, Instant updatedAt,
            int version) {

        public boolean exists() {
            return updatedAt != null;
        }
    }

    private final EmergencyPlanRepository plans;
    private final ClientSafetyAccess access;
    private final Clock clock;

    EmergencyPlans(EmergencyPlanRepository plans, ClientSafetyAccess access, Clock clock) {
        this.plans = plans;
        this.access = access;
        this.clock = clock;
    }

    @Transactional
    public Plan read(StaffPrincipal who, UUID clientId, boolean forPrint) {
        CaseReference ref = access.forReading(who, clientId, "read emergency plan");
        Optional<EmergencyPlanRepository.StoredPlan> row = plans.plan(ref.id());
        List<Contact> list = plans.contacts(ref.id());
        access.record(who, ClientSafetyActions.EMERGENCY_PLAN_READ, ref,
                AuditDetail.of(forPrint ? "emergency.contacts-printable" : "emergency.contacts", list.size()));
        return new Plan(ref, access.inTandem(who, clientId),
                row.map(EmergencyPlanRepository.StoredPlan::instructions).orElse(""), list,
                row.map(EmergencyPlanRepository.StoredPlan::updatedAt).orElse(null),
                row.map(EmergencyPlanRepository.StoredPlan::version).orElse(0));
    }

    @Transactional(readOnly = true)
    public void requireWritable(StaffPrincipal who, UUID clientId) {
        access.forTandem(who, clientId, "write emergency plan");
    }

    /**
     * Replaces the plan (the instructions and the contacts in the order given) if it is still the version the
     * form showed. @return false when someone saved it meanwhile; nothing is changed then
     */
    @Transactional
    public boolean save(StaffPrincipal who, UUID clientId, int basedOn, String instructions, List<Contact> contacts) {
        CaseReference ref = access.forTandem(who, clientId, "write emergency plan");
        if (!plans.replace(ref.id(), basedOn, instructions, contacts, who.id(), clock.instant())) {
            return false;
        }
        access.record(who, ClientSafetyActions.EMERGENCY_PLAN_SAVED, ref, AuditDetail.of("emergency.contacts", contacts.size()));
        return true;
    }
}
