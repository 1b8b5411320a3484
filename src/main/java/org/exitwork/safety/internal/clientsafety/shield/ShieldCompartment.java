package org.exitwork.safety.internal.clientsafety.shield;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseReference;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.safety.internal.clientsafety.ClientSafetyAccess;
import org.exitwork.safety.internal.clientsafety.ClientSafetyActions;
import org.exitwork.safety.internal.settings.SafetyProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The compartment (R15): relocation and new-identity details. Only the tandem reads them. Breaking
 * the glass is not enough: a colleague who broke it asks with a reason, a manager who is not the
 * requester approves, and the approval runs out. Every look, request and approval is audited, and
 * the tandem sees the requests and approvals on the compartment page.
 */
@Service
class ShieldCompartment {

    record Details(String newPlace, String newName, String newNumbers) {

        static Details empty() {
            return new Details("", "", "");
        }
    }

    record Request(UUID id, String requestedBy, Instant requestedAt, String reason, String approvedBy,
            Instant approvedAt, Instant expiresAt) {

        public boolean approved() {
            return approvedAt != null;
        }
    }

    /** What a reader sees: the details, and for the tandem the requests. */
    record View(CaseReference ref, boolean tandem, Details details, boolean recorded, Instant approvedUntil,
            List<Request> requests) {
    }

    /** A colleague who broke the glass but has no running approval: they may ask for one. */
    @ResponseStatus(HttpStatus.FORBIDDEN)
    static class Closed extends RuntimeException {
        final CaseReference ref;
        final boolean pending;

        Closed(CaseReference ref, boolean pending) {
            super("the compartment needs a manager's approval");
            this.ref = ref;
            this.pending = pending;
        }
    }

    @ResponseStatus(HttpStatus.CONFLICT)
    static class AlreadyApproved extends RuntimeException {
        AlreadyApproved() {
            super("already approved");
        }
    }

    private final CompartmentRepository compartments;
    private final ClientSafetyAccess access;
    private final StaffDirectory staff;
    private final Clock clock;
    private final Duration approvalDuration;
    private final org.exitwork.cases.CaseDirectory directory;

    ShieldCompartment(CompartmentRepository compartments, ClientSafetyAccess access, StaffDirectory staff, Clock clock,
            SafetyProperties settings,
            org.exitwork.cases.CaseDirectory directory) {
        this.directory = directory;
        this.compartments = compartments;
        this.access = access;
        this.staff = staff;
        this.clock = clock;
        this.approvalDuration = settings.compartmentApprovalDuration();
    }

    /**
     * The tandem, or a colleague who broke the glass and holds a running approval of their own request.
     * Anyone else who broke the glass gets {@link Closed} (audited); the rest are refused by the cases module.
     */
    @Transactional(noRollbackFor = Closed.class)
    public View read(StaffPrincipal who, UUID clientId) {
        CaseReference ref = access.forReading(who, clientId, "read compartment");
        boolean tandem = access.inTandem(who, clientId);
        Instant approvedUntil = null;
        if (!tandem) {
            Optional<Instant> until = runningApproval(ref, who);
            if (until.isEmpty()) {
                access.recordRefusal(who, ClientSafetyActions.COMPARTMENT_REFUSED, ref, AuditDetail.of("shield.no-approval"));
                throw new Closed(ref, pending(ref, who));
            }
            approvedUntil = until.get();
        }
        Optional<Details> details = compartments.details(ref.id());
        access.record(who, ClientSafetyActions.COMPARTMENT_READ, ref,
                tandem ? AuditDetail.of("shield.as-tandem") : AuditDetail.of("shield.approved-until", approvedUntil));
        return new View(ref, tandem, details.orElse(Details.empty()), details.isPresent(), approvedUntil,
                tandem ? requests(ref, who) : List.of());
    }

    @Transactional(readOnly = true)
    public void requireWritable(StaffPrincipal who, UUID clientId) {
        access.forTandem(who, clientId, "write compartment");
    }

    @Transactional
    public void save(StaffPrincipal who, UUID clientId, Details details) {
        CaseReference ref = access.forTandem(who, clientId, "write compartment");
        compartments.replaceDetails(ref.id(), details, who.id(), clock.instant());
        access.record(who, ClientSafetyActions.COMPARTMENT_SAVED, ref, null);
    }

    /** Only someone who broke the glass asks; the tandem has nothing to ask for. @return whether a request was made */
    @Transactional
    public boolean request(StaffPrincipal who, UUID clientId, String reason) {
        CaseReference ref = access.forReading(who, clientId, "request compartment access");
        if (access.inTandem(who, clientId)) {
            return false;
        }
        compartments.insertRequest(UUID.randomUUID(), ref.id(), who.id(), clock.instant(), reason);
        access.record(who, ClientSafetyActions.COMPARTMENT_ACCESS_REQUESTED, ref, null);
        return true;
    }

    /** Refuses (audited) anyone who may not ask, before their form is looked at. */
    @Transactional(readOnly = true)
    public void requireMayRequest(StaffPrincipal who, UUID clientId) {
        access.forReading(who, clientId, "request compartment access");
    }

    /** For managers of the organisation: the requests about one case, to decide on them. */
    @Transactional
    public View requestsForManager(StaffPrincipal who, UUID clientId) {
        CaseReference ref = managersCase(who, clientId);
        List<Request> list = requests(ref, who);
        access.record(who, ClientSafetyActions.COMPARTMENT_REQUESTS_READ, ref, AuditDetail.of("shield.requests", list.size()));
        return new View(ref, false, Details.empty(), false, null, list);
    }

    /** A manager approves someone else's request for a limited time. */
    @Transactional
    public Instant approve(StaffPrincipal who, UUID clientId, UUID requestId) {
        CaseReference ref = managersCase(who, clientId);
        CompartmentRepository.Decision row = compartments.decision(ref.id(), requestId)
                .orElseThrow(NotFoundException::new);
        if (row.requestedBy().equals(who.id())) {
            access.recordRefusal(who, ClientSafetyActions.COMPARTMENT_REFUSED, ref, AuditDetail.of("shield.own-request"));
            throw new ForbiddenException();
        }
        if (row.approvedAt() != null) {
            throw new AlreadyApproved();
        }
        Instant now = clock.instant();
        Instant until = now.plus(approvalDuration);
        compartments.approve(requestId, who.id(), now, until);
        access.record(who, ClientSafetyActions.COMPARTMENT_ACCESS_APPROVED, ref, AuditDetail.of("shield.until", until));
        return until;
    }

    private CaseReference managersCase(StaffPrincipal who, UUID clientId) {
        if (!who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
        return access.directory().find(who.organisationId(), clientId).orElseThrow(NotFoundException::new);
    }

    private Optional<Instant> runningApproval(CaseReference ref, StaffPrincipal who) {
        return compartments.runningApproval(ref.id(), who.id(), clock.instant());
    }

    /** A request waiting for a manager: who asked for which case and when; the reason stays on the case's page. */
    record Pending(UUID clientId, String pseudonym, String requestedBy, Instant requestedAt) {
    }

    /** Every request of the manager's organisation still waiting for approval, oldest first. */
    @Transactional(readOnly = true)
    public List<Pending> pendingFor(StaffPrincipal manager) {
        if (!manager.is(org.exitwork.accounts.Role.MANAGER)) {
            throw new org.exitwork.platform.ForbiddenException();
        }
        List<Pending> pending = new java.util.ArrayList<>();
        List<CompartmentRepository.Waiting> rows = compartments.waiting();
        Map<UUID, String> names = staff.displayNames(manager.organisationId(),
                rows.stream().map(CompartmentRepository.Waiting::requestedBy)
                        .collect(java.util.stream.Collectors.toSet()));
        for (CompartmentRepository.Waiting row : rows) {
            // Another organisation's clients are not found, so their requests never show.
            directory.find(manager.organisationId(), row.clientId()).ifPresent(ref -> pending.add(
                    new Pending(ref.id(), ref.pseudonym(), names.get(row.requestedBy()), row.requestedAt())));
        }
        return pending;
    }

    private boolean pending(CaseReference ref, StaffPrincipal who) {
        return compartments.hasWaiting(ref.id(), who.id());
    }

    private List<Request> requests(CaseReference ref, StaffPrincipal who) {
        List<CompartmentRepository.StoredRequest> rows = compartments.requests(ref.id());
        Set<UUID> people = new HashSet<>();
        rows.forEach(r -> {
            people.add(r.requestedBy());
            if (r.approvedBy() != null) {
                people.add(r.approvedBy());
            }
        });
        Map<UUID, String> names = staff.displayNames(who.organisationId(), people);
        return rows.stream().map(r -> new Request(r.id(), names.get(r.requestedBy()), r.requestedAt(), r.reason(),
                r.approvedBy() == null ? null : names.get(r.approvedBy()), r.approvedAt(), r.expiresAt())).toList();
    }
}
