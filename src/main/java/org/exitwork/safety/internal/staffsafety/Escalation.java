package org.exitwork.safety.internal.staffsafety;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.safety.internal.settings.SafetyProperties;
import org.exitwork.safety.internal.staffsafety.StaffSafetyRepository.Alert;
import org.exitwork.safety.internal.staffsafety.StaffSafetyRepository.Appointment;
import org.exitwork.safety.internal.staffsafety.StaffSafetyRepository.DueStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Escalation of a missed check-out or a call for help (R14). Pending deadlines live in the database
 * ({@code saf_alert.next_step_at}); {@link #runDue()} runs on every node and claims each due step with
 * a conditional UPDATE, so a step is taken once whatever node, restart or request gets there first.
 * Steps: 1 the practitioner; 2 the tandem partner of the linked case and the managers on duty; 3
 * everyone on duty. The first responder to acknowledge owns the alert and stops the climb.
 */
@Service
public class Escalation {

    private static final Logger LOG = LoggerFactory.getLogger(Escalation.class);
    static final String SYSTEM = "system";

    private final StaffSafetyRepository repository;
    private final StaffDirectory staff;
    private final CaseDirectory cases;
    private final AuditLog audit;
    private final AlarmMail mail;
    private final SafetyProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    Escalation(StaffSafetyRepository repository, StaffDirectory staff, CaseDirectory cases, AuditLog audit,
            AlarmMail mail, SafetyProperties properties, TransactionTemplate tx, Clock clock) {
        this.repository = repository;
        this.staff = staff;
        this.cases = cases;
        this.audit = audit;
        this.mail = mail;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /** Opens alerts for overdue check-outs and takes every due step. Safe to run on every node at once. */
    public void runDue() {
        Instant now = clock.instant();
        for (UUID appointmentId : repository.overdueWithoutAlert(now.minus(properties.grace()))) {
            try {
                tx.executeWithoutResult(s -> openOverdue(appointmentId, now));
            } catch (RuntimeException e) {
                LOG.warn("could not open an alert for appointment {}", appointmentId, e);
            }
        }
        for (DueStep due : repository.dueSteps(now)) {
            try {
                climb(due.alertId(), due.step(), now);
            } catch (RuntimeException e) {
                LOG.warn("could not take step {} of alert {}", due.step() + 1, due.alertId(), e);
            }
        }
    }

    private void openOverdue(UUID appointmentId, Instant now) {
        Appointment appointment = repository.appointment(appointmentId).orElse(null);
        UUID alertId = UUID.randomUUID();
        if (appointment == null || !repository.claimForAlert(appointmentId, alertId)) {
            return;
        }
        repository.insertAlert(alertId, appointment.organisationId(), appointmentId, appointment.staffId(),
                AlertKind.OVERDUE, 0, now, now);
        audit.record(new AuditEvent(appointment.organisationId(), null, SYSTEM, StaffSafetyActions.ALERT_OPENED,
                username(appointment.organisationId(), appointment.staffId()), AuditDetail.of("safety.overdue")));
    }

    /** Takes the step after {@code from} if nobody else did; sends the e-mails after the commit. */
    void climb(UUID alertId, int from, Instant now) {
        List<UUID> notified = tx.execute(s -> takeStep(alertId, from, now));
        if (notified != null && !notified.isEmpty()) {
            Alert alert = repository.alert(alertId).orElseThrow();
            String who = staff.displayNames(alert.organisationId(), List.of(alert.staffId()))
                    .getOrDefault(alert.staffId(), "?");
            List<String> addresses = new ArrayList<>();
            for (UUID id : notified) {
                repository.workEmail(id).ifPresent(addresses::add);
            }
            mail.send(addresses, who, alert.kind());
        }
    }

    private List<UUID> takeStep(UUID alertId, int from, Instant now) {
        Alert alert = repository.alert(alertId).orElse(null);
        if (alert == null || alert.step() != from || from >= SafetyProperties.LAST_STEP) {
            return List.of();
        }
        int to = from + 1;
        Instant next = to < SafetyProperties.LAST_STEP ? now.plus(properties.waitAfter(to)) : null;
        if (!repository.claimStep(alertId, from, to, next)) {
            return List.of();
        }
        Set<UUID> responders = respondersFor(alert, to);
        Map<UUID, Integer> already = repository.responders(alertId);
        List<UUID> fresh = new ArrayList<>();
        for (UUID id : responders) {
            if (!already.containsKey(id)) {
                repository.addResponder(alertId, id, to, now);
                fresh.add(id);
            }
        }
        audit.record(new AuditEvent(alert.organisationId(), null, SYSTEM, StaffSafetyActions.ALERT_STEP,
                username(alert.organisationId(), alert.staffId()),
                AuditDetail.of("safety.escalated", to, alert.kind(), fresh.size())));
        return fresh;
    }

    /** Who a step alerts. Step 1: the practitioner; 2: tandem partner and managers on duty; 3: everyone on duty. */
    Set<UUID> respondersFor(Alert alert, int step) {
        return respondersFor(alert.organisationId(), alert.appointmentId(), alert.staffId(), step);
    }

    /** Everyone a call for help about the appointment reaches in the end: steps 2 and 3. */
    Set<UUID> allResponders(Appointment appointment) {
        Set<UUID> result = respondersFor(appointment.organisationId(), appointment.id(), appointment.staffId(), 2);
        result.addAll(respondersFor(appointment.organisationId(), appointment.id(), appointment.staffId(), 3));
        return result;
    }

    private Set<UUID> respondersFor(UUID org, UUID appointmentId, UUID staffId, int step) {
        Set<UUID> result = new LinkedHashSet<>();
        if (step == 1) {
            result.add(staffId);
            return result;
        }
        Optional<Appointment> appointment = repository.appointment(appointmentId);
        LocalDate today = LocalDate.now(clock);
        Set<UUID> roster = new LinkedHashSet<>(repository.onDuty(org, today));
        // An evening's visit is overdue after midnight: those on duty on its day took that evening, and the new
        // day's roster may still be empty, so both days' rosters are asked.
        appointment.map(a -> LocalDate.ofInstant(a.startsAt(), clock.getZone()))
                .filter(day -> !day.equals(today)).ifPresent(day -> roster.addAll(repository.onDuty(org, day)));
        List<StaffMember> managers = staff.managers(org);
        List<UUID> managersOnDuty = managers.stream().map(StaffMember::id).filter(roster::contains).toList();
        if (managersOnDuty.isEmpty()) {
            managersOnDuty = managers.stream().map(StaffMember::id).toList();
        }
        if (step == 2) {
            appointment.map(Appointment::clientId)
                    .flatMap(clientId -> cases.find(org, clientId))
                    .map(CaseReference::tandem).ifPresent(result::addAll);
            result.addAll(managersOnDuty);
        } else {
            for (UUID id : roster) {
                if (staff.find(org, id).filter(StaffMember::active).isPresent()) {
                    result.add(id);
                }
            }
            result.addAll(managersOnDuty);
        }
        result.remove(staffId);
        return result;
    }

    /** "Need help now": an alert that reaches the responders at once, place included. */
    public UUID help(StaffPrincipal who, UUID appointmentId) {
        return help(who, appointmentId, null);
    }

    /** @param detail how the call came, for the audit ({@code null}: from a signed-in page) */
    public UUID help(StaffPrincipal who, UUID appointmentId, String detail) {
        Instant now = clock.instant();
        UUID alertId = tx.execute(s -> {
            Appointment appointment = ownAppointment(who, appointmentId);
            if (appointment.leftAt() != null || appointment.cancelled()) {
                throw new ResponseStatusException(HttpStatus.CONFLICT);
            }
            audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    StaffSafetyActions.HELP_REQUESTED, who.username(), detail));
            Optional<Alert> open = repository.openAlertFor(appointmentId);
            if (open.isPresent()) {
                Alert alert = open.get();
                if (alert.step() >= 2 || alert.ownerId() != null) {
                    repository.markHelp(alert.id());
                    return null;
                }
                return repository.makeHelp(alert.id(), alert.step(), now) ? alert.id() : null;
            }
            UUID id = UUID.randomUUID();
            if (!repository.claimForAlert(appointmentId, id)) {
                // A previous alert was resolved without extension, or the appointment is over: start afresh.
                repository.extend(appointmentId, appointment.endsAt());
                if (!repository.claimForAlert(appointmentId, id)) {
                    throw new ResponseStatusException(HttpStatus.CONFLICT);
                }
            }
            repository.insertAlert(id, who.organisationId(), appointmentId, who.id(), AlertKind.HELP, 1, now, now);
            repository.addResponder(id, who.id(), 1, now);
            audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    StaffSafetyActions.ALERT_OPENED, who.username(), AuditDetail.of("safety.help")));
            return id;
        });
        if (alertId != null) {
            climb(alertId, 1, now);
        }
        return alertId;
    }

    /** The first responder to acknowledge owns the alert; {@code false} when someone else was first. */
    public boolean acknowledge(StaffPrincipal who, UUID alertId) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            Alert alert = repository.alert(who.organisationId(), alertId).orElseThrow(NotFoundException::new);
            if (alert.staffId().equals(who.id()) || !repository.responders(alertId).containsKey(who.id())) {
                throw new ForbiddenException();
            }
            if (!repository.acknowledge(alertId, who.id(), clock.instant())) {
                return false;
            }
            audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    StaffSafetyActions.ALERT_ACKNOWLEDGED, username(who.organisationId(), alert.staffId()),
                    AuditDetail.of("safety.step", alert.step())));
            return true;
        }));
    }

    /** Closes the alert: its owner, or the practitioner it is about. */
    public void resolve(StaffPrincipal who, UUID alertId) {
        tx.executeWithoutResult(s -> {
            Alert alert = repository.alert(who.organisationId(), alertId).orElseThrow(NotFoundException::new);
            if (!who.id().equals(alert.ownerId()) && !who.id().equals(alert.staffId())) {
                throw new ForbiddenException();
            }
            resolveInTransaction(who, alert);
        });
    }

    /** Resolves within the caller's transaction (check-out, "I am fine"). */
    void resolveInTransaction(StaffPrincipal who, Alert alert) {
        if (repository.resolve(alert.id(), who.id(), clock.instant())) {
            audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    StaffSafetyActions.ALERT_RESOLVED, username(who.organisationId(), alert.staffId()),
                    AuditDetail.of("safety.step", alert.step())));
        }
    }

    Appointment ownAppointment(StaffPrincipal who, UUID appointmentId) {
        Appointment appointment = repository.appointment(who.organisationId(), appointmentId)
                .orElseThrow(NotFoundException::new);
        if (!appointment.staffId().equals(who.id())) {
            throw new ForbiddenException();
        }
        return appointment;
    }

    private String username(UUID organisationId, UUID staffId) {
        return staff.find(organisationId, staffId).map(StaffMember::username).orElse(null);
    }
}
