package org.exitwork.disclosure.internal.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.IdentityVault;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.DisclosureLog;
import org.exitwork.disclosure.internal.DisclosureLog.Ground;
import org.exitwork.disclosure.internal.DisclosureLog.Recipient;
import org.exitwork.disclosure.internal.Refusal;
import org.exitwork.disclosure.internal.gate.Decision;
import org.exitwork.disclosure.internal.gate.Refused;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerContact;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Danger in default (R8): a member of the tandem raises an alert to a named contact of a security
 * partner; a second staff member approves it before it goes out, or, when it cannot wait, it goes out
 * at once and a second staff member reviews it afterwards. The alert is built only from its own fields
 * and the identity fields chosen one by one (none by default): never notes, assessments or the work
 * agreement. Who may receive it is {@link AlertDecision}'s answer; the rows are {@link AlertRepository}'s,
 * the text {@link AlertContent}'s, going out {@link AlertDispatch}'s.
 */
@Service
public class DangerAlerts {

    record NewAlert(UUID partnerId, UUID contactId, DangerKind kind, String danger, String atRisk, String howSoon,
            Set<IdentityField> fields, boolean cannotWait) {
    }

    /** A security partner and its contact persons, for the form. */
    record SecurityPartner(UUID id, String name, List<PartnerContact> contacts) {
    }

    /** {@code writable}: the tandem, who records whether the client was told; {@code mayRaise}: who may raise one. */
    record Overview(CaseReference ref, boolean writable, boolean mayRaise, List<Alert> alerts) {
    }

    /** Who raises an alert: the tandem, or a colleague covering the case after breaking the glass. */
    record Raiser(CaseReference ref, boolean afterBreakingGlass) {
    }

    /** One alert in the banner of someone who may approve or review it. */
    record ForSecondPerson(UUID id, boolean toReview, boolean overdue) {
    }

    /** What waits for {@code who}: alerts of others to approve or to review, oldest first. */
    record Banner(List<ForSecondPerson> alerts) {

        public long overdue() {
            return alerts.stream().filter(ForSecondPerson::overdue).count();
        }
    }

    record Opened(Alert alert, boolean mayDecide) {
    }

    private final AlertRepository repository;
    private final AlertViews views;
    private final AlertContent content;
    private final AlertDispatch dispatch;
    private final CaseDirectory cases;
    private final PartnerDirectory partners;
    private final IdentityVault vault;
    private final DisclosureLog disclosures;
    private final AuditLog audit;
    private final Clock clock;

    DangerAlerts(AlertRepository repository, AlertViews views, AlertContent content, AlertDispatch dispatch,
            CaseDirectory cases, PartnerDirectory partners, IdentityVault vault, DisclosureLog disclosures,
            AuditLog audit, Clock clock) {
        this.repository = repository;
        this.views = views;
        this.content = content;
        this.dispatch = dispatch;
        this.cases = cases;
        this.partners = partners;
        this.vault = vault;
        this.disclosures = disclosures;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Overview read(StaffPrincipal who, UUID clientId) {
        CaseReference ref = cases.requireReader(who, clientId, "read danger alerts");
        List<Alert> alerts = views.of(ref.organisationId(), repository.ofClient(ref.organisationId(), ref.id()));
        record(who, AlertActions.DANGER_ALERTS_READ, ref.pseudonym(), AuditDetail.of("alerts.count", alerts.size()));
        boolean tandem = cases.inTandem(who, clientId);
        return new Overview(ref, tandem, tandem || caseWorker(who), alerts);
    }

    /** For what only the tandem does with an alert: recording whether the client was told. */
    @Transactional(readOnly = true)
    public CaseReference requireTandem(StaffPrincipal who, UUID clientId) {
        return cases.requireTandem(who, clientId, "record that the client was told of a danger alert");
    }

    /**
     * The tandem, or a practitioner or manager who broke the glass for the case: someone covering a case
     * in an emergency must be able to warn (R8) without waiting for the tandem. Everyone else is refused,
     * audited.
     */
    @Transactional
    public Raiser requireRaiser(StaffPrincipal who, UUID clientId) {
        CaseReference ref = cases.requireReader(who, clientId, "raise a danger alert");
        if (cases.inTandem(who, clientId)) {
            return new Raiser(ref, false);
        }
        if (!caseWorker(who)) {
            audit.recordIndependently(event(who, AlertActions.DANGER_ALERT_ACCESS_REFUSED, ref.pseudonym(),
                    AuditDetail.of("alert.raise-refused")));
            throw new ForbiddenException();
        }
        return new Raiser(ref, true);
    }

    /** Active security partners with their contacts: the only recipients an alert may have. */
    @Transactional(readOnly = true)
    public List<SecurityPartner> securityPartners(StaffPrincipal who) {
        return partners.partners(who.organisationId()).stream().filter(AlertDecision::mayReceiveAlerts)
                .map(p -> new SecurityPartner(p.id(), p.name(), partners.contacts(who.organisationId(), p.id())))
                .toList();
    }

    /** Raises an alert; throws {@link Refused} (audited, nothing stored) when it may not go to that recipient. */
    @Transactional
    public UUID raise(StaffPrincipal who, UUID clientId, NewAlert alert, Locale language) {
        Raiser raiser = requireRaiser(who, clientId);
        CaseReference ref = raiser.ref();
        Set<IdentityField> fields = alert.fields() == null || alert.fields().isEmpty()
                ? EnumSet.noneOf(IdentityField.class) : EnumSet.copyOf(alert.fields());
        List<String> what = fields.stream().map(Enum::name).toList();
        Optional<Partner> partner = alert.partnerId() == null ? Optional.empty()
                : partners.find(ref.organisationId(), alert.partnerId());
        Optional<PartnerContact> contact = partner.flatMap(p -> partners.contacts(ref.organisationId(), p.id())
                .stream().filter(c -> c.id().equals(alert.contactId())).findFirst());
        Recipient recipient = partner.map(p -> new Recipient(p.id(), p.name()))
                .orElse(new Recipient(alert.partnerId(), "unknown partner"));
        refuseUnless(AlertDecision.recipient(partner, contact.isPresent()), who, ref, recipient, what, null);
        // Read from the vault only when a field is ticked, and only once the recipient is allowed.
        ClientIdentity identity = fields.isEmpty() ? null : vault.identity(ref.organisationId(), ref.id()).orElse(null);
        refuseUnless(AlertDecision.identity(!fields.isEmpty(), identity != null), who, ref, recipient, what, null);

        UUID id = UUID.randomUUID();
        AlertStatus status = alert.cannotWait() ? AlertStatus.SENT_AWAITING_REVIEW : AlertStatus.AWAITING_APPROVAL;
        repository.insert(new AlertRepository.NewRow(id, ref.organisationId(), ref.id(), partner.get().id(),
                contact.get(), alert.kind(), alert.danger().strip(), alert.atRisk().strip(), alert.howSoon().strip(),
                List.copyOf(fields), content.write(id, ref.organisationId(), alert, fields, identity, language),
                alert.cannotWait(), status,
                who.id(), clock.instant(), raiser.afterBreakingGlass()));
        String detail = (alert.cannotWait() ? "alert.raised-at-once" : "alert.raised")
                + (raiser.afterBreakingGlass() ? "-broken-glass" : "");
        record(who, AlertActions.DANGER_ALERT_RAISED, ref.pseudonym(), AuditDetail.of(detail, id, alert.kind(),
                partner.get().id(), String.join(",", what)));
        if (alert.cannotWait()) {
            dispatch.goOut(who, ref, load(ref.organisationId(), id));
        }
        return id;
    }

    /** The organisation's alerts that await approval or review, oldest first; for practitioners and managers. */
    @Transactional(readOnly = true)
    public List<Alert> waiting(StaffPrincipal who) {
        requireStaff(who);
        return views.of(who.organisationId(), repository.waiting(who.organisationId()));
    }

    /**
     * The banner: alerts of the organisation that {@code who} may approve or review, every one but
     * their own. One query, nothing opened: it is polled on every page.
     */
    @Transactional(readOnly = true)
    public Banner banner(StaffPrincipal who) {
        requireStaff(who);
        Instant now = clock.instant();
        return new Banner(repository.waitingFor(who.organisationId(), who.id()).stream()
                .map(w -> new ForSecondPerson(w.id(), w.status() == AlertStatus.SENT_AWAITING_REVIEW,
                        w.status() == AlertStatus.SENT_AWAITING_REVIEW && views.reviewOverdue(w.raisedAt(), now)))
                .toList());
    }

    /** One alert, in full, for the second staff member; audited for whoever opens it. */
    @Transactional
    public Opened open(StaffPrincipal who, UUID alertId, boolean printing) {
        requireStaff(who);
        Alert alert = load(who.organisationId(), alertId);
        // A waiting alert is open to any second staff member; once decided, only to those who took
        // part in it and the case's tandem. It may carry the client's identity (R6).
        boolean involved = alert.raisedById().equals(who.id()) || who.id().equals(alert.decidedById())
                || cases.inTandem(who, alert.clientId());
        if (printing ? !involved : !(alert.waiting() || involved)) {
            audit.recordIndependently(event(who, AlertActions.DANGER_ALERT_ACCESS_REFUSED, alert.pseudonym(),
                    AuditDetail.of("alert.id", alertId)));
            throw new ForbiddenException();
        }
        if (printing && !alert.wentOut()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        record(who, printing ? AlertActions.DANGER_ALERT_PRINTED : AlertActions.DANGER_ALERT_OPENED, alert.pseudonym(),
                AuditDetail.of("alert.status", alertId, alert.status()));
        return new Opened(alert, !alert.raisedById().equals(who.id()));
    }

    /** The second staff member approves: only now the alert goes out. Never the one who raised it. */
    @Transactional
    public void approve(StaffPrincipal who, UUID alertId) {
        Alert alert = decidable(who, alertId, AlertStatus.AWAITING_APPROVAL);
        CaseReference ref = cases.find(who.organisationId(), alert.clientId()).orElseThrow(NotFoundException::new);
        Optional<Partner> partner = partners.find(who.organisationId(), alert.partnerId());
        boolean contactStays = partner.isPresent() && partners.contacts(who.organisationId(), alert.partnerId()).stream()
                .anyMatch(c -> c.name().equals(alert.contactName()) && Objects.equals(c.email(), alert.contactEmail()));
        refuseUnless(AlertDecision.approval(partner, contactStays), who, ref,
                new Recipient(alert.partnerId(), alert.partnerName()), alert.fields().stream().map(Enum::name).toList(),
                Ground.dangerAlert(alertId));
        changeStatus(who, alert, AlertStatus.SENT, null);
        record(who, AlertActions.DANGER_ALERT_APPROVED, ref.pseudonym(), AuditDetail.of("alert.id", alertId));
        dispatch.goOut(who, ref, alert);
    }

    @Transactional
    public void reject(StaffPrincipal who, UUID alertId, String reason) {
        Alert alert = decidable(who, alertId, AlertStatus.AWAITING_APPROVAL);
        changeStatus(who, alert, AlertStatus.REJECTED, reason);
        record(who, AlertActions.DANGER_ALERT_REJECTED, alert.pseudonym(), AuditDetail.of("alert.id", alertId));
    }

    /**
     * An alert that could not wait is reviewed afterwards by a second staff member: justified or not,
     * with a note (sealed with the client's key). The audit entry names the outcome and whether the
     * review came after its time, never the note.
     */
    @Transactional
    public void review(StaffPrincipal who, UUID alertId, ReviewOutcome outcome, String note) {
        Alert alert = decidable(who, alertId, AlertStatus.SENT_AWAITING_REVIEW);
        if (!repository.review(alert.id(), alert.clientId(), outcome, who.id(), clock.instant(), note)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        record(who, AlertActions.DANGER_ALERT_REVIEWED, alert.pseudonym(), AuditDetail.of(
                alert.reviewOverdue() ? "alert.reviewed-late" : "alert.reviewed", alertId, outcome));
    }

    /** The tandem records whether and when the client was told of an alert that went out. */
    @Transactional
    public void recordTold(StaffPrincipal who, UUID clientId, UUID alertId, boolean told, LocalDate toldOn) {
        CaseReference ref = cases.requireTandem(who, clientId, "record that the client was told of a danger alert");
        Alert alert = load(ref.organisationId(), alertId);
        if (!alert.clientId().equals(ref.id())) {
            throw new NotFoundException();
        }
        if (!alert.wentOut() || (told && toldOn == null)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        repository.recordTold(alertId, told, toldOn, who.id(), clock.instant());
        record(who, AlertActions.DANGER_ALERT_CLIENT_TOLD, ref.pseudonym(), told
                ? AuditDetail.of("alert.client-told", alertId, toldOn) : AuditDetail.of("alert.client-not-told", alertId));
    }

    /** The client's report (R19): only alerts the client has been told of. No access check here. */
    @Transactional(readOnly = true)
    public List<Alert> toldToTheClient(CaseReference ref) {
        return views.of(ref.organisationId(), repository.toldToClient(ref.organisationId(), ref.id()));
    }

    /** Every alert about the client, whatever its state; for the client's report filter. No access check here. */
    @Transactional(readOnly = true)
    public List<Alert> ofTheClient(CaseReference ref) {
        return views.of(ref.organisationId(), repository.ofClient(ref.organisationId(), ref.id()));
    }

    /** A refusal is audited (in a transaction of its own) and nothing is stored. */
    private void refuseUnless(Decision decision, StaffPrincipal who, CaseReference ref, Recipient to,
            List<String> what, Ground under) {
        if (decision.refused()) {
            Refusal why = decision.refusal().get();
            if (under == null) {
                disclosures.refused(who, ref, Channel.DANGER_ALERT, to, what, why);
            } else {
                disclosures.refused(who, ref, Channel.DANGER_ALERT, to, what, under, why);
            }
            throw new Refused(why);
        }
    }

    private Alert decidable(StaffPrincipal who, UUID alertId, AlertStatus expected) {
        requireStaff(who);
        Alert alert = load(who.organisationId(), alertId);
        if (alert.raisedById().equals(who.id())) {
            audit.recordIndependently(event(who, AlertActions.DANGER_ALERT_SELF_APPROVAL_REFUSED, alert.pseudonym(),
                    AuditDetail.of("alert.id", alertId)));
            throw new ForbiddenException();
        }
        if (alert.status() != expected) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        return alert;
    }

    private void changeStatus(StaffPrincipal who, Alert alert, AlertStatus to, String note) {
        if (!repository.decide(alert.id(), alert.clientId(), alert.status(), to, who.id(), clock.instant(), note)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
    }

    private static void requireStaff(StaffPrincipal who) {
        if (!caseWorker(who)) {
            throw new ForbiddenException();
        }
    }

    /** Practitioners and managers: who may raise (after breaking the glass), approve and review alerts. */
    private static boolean caseWorker(StaffPrincipal who) {
        return who.is(Role.PRACTITIONER) || who.is(Role.MANAGER);
    }

    /**
     * How an alert that went out reached its contact, read right after it went out (the e-mail is
     * handed over once the decision is committed), so the page can say exactly what happened.
     */
    @Transactional(readOnly = true)
    public Alert.Delivery delivery(StaffPrincipal who, UUID alertId) {
        return load(who.organisationId(), alertId).delivery();
    }

    private Alert load(UUID organisationId, UUID alertId) {
        return repository.find(organisationId, alertId).map(a -> views.of(organisationId, List.of(a)).get(0))
                .orElseThrow(NotFoundException::new);
    }

    private void record(StaffPrincipal who, String action, String pseudonym, String detail) {
        audit.record(event(who, action, pseudonym, detail));
    }

    private static AuditEvent event(StaffPrincipal who, String action, String pseudonym, String detail) {
        return new AuditEvent(who.organisationId(), who.id(), who.username(), action, pseudonym, detail);
    }
}
