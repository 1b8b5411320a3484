package org.exitwork.safety.internal.staffsafety;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.safety.internal.staffsafety.StaffSafety.Whereabouts;
import org.exitwork.safety.internal.staffsafety.StaffSafetyRepository.Alert;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the alerts page and the banner show a staff member. */
@Service
public class Alerts {

    record AlertRow(Alert alert, Whereabouts appointment, LocalDateTime openedAt, String owner,
            boolean mayAcknowledge, boolean mayResolve) {
    }

    private final StaffSafetyRepository repository;
    private final StaffSafety safety;
    private final org.exitwork.accounts.StaffDirectory staff;
    private final Clock clock;

    Alerts(StaffSafetyRepository repository, StaffSafety safety, org.exitwork.accounts.StaffDirectory staff,
            Clock clock) {
        this.repository = repository;
        this.safety = safety;
        this.staff = staff;
        this.clock = clock;
    }

    /** Open alerts (and those resolved in the last 12 hours) the viewer was alerted to or is the subject of. */
    @Transactional
    public List<AlertRow> alertsFor(StaffPrincipal who) {
        return repository.alertsFor(who.organisationId(), who.id(), clock.instant().minus(Duration.ofHours(12)))
                .stream().map(alert -> {
                    Whereabouts appointment = repository.appointment(alert.appointmentId())
                            .map(a -> safety.view(who, a)).orElseThrow();
                    String owner = alert.ownerId() == null ? null : staff.displayNames(who.organisationId(),
                            List.of(alert.ownerId())).get(alert.ownerId());
                    boolean responder = repository.responders(alert.id()).containsKey(who.id());
                    boolean subject = alert.staffId().equals(who.id());
                    return new AlertRow(alert, appointment, LocalDateTime.ofInstant(alert.openedAt(), clock.getZone()),
                            owner, alert.open() && alert.ownerId() == null && responder && !subject,
                            alert.open() && (subject || who.id().equals(alert.ownerId())));
                }).toList();
    }

    @Transactional(readOnly = true)
    public int openCount(StaffPrincipal who) {
        return repository.openAlertCount(who.id());
    }
}
