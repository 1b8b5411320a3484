package org.exitwork.safety.internal.staffsafety.appointments;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.ErasedClientRows;
import org.exitwork.cases.NextMeetingPlanned;
import org.exitwork.cases.NextMeetingWithdrawn;
import org.exitwork.safety.internal.staffsafety.AppointmentHistoryRepository;
import org.exitwork.safety.internal.staffsafety.PlaceKind;
import org.exitwork.safety.internal.staffsafety.SessionAppointmentRepository;
import org.exitwork.safety.internal.staffsafety.StaffSafetyActions;
import org.exitwork.safety.internal.staffsafety.StaffSafetyRepository;
import org.exitwork.safety.internal.staffsafety.StaffSafetyRepository.Appointment;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The next meeting planned in a session becomes the recording practitioner's appointment (R14), with
 * the other tandem member as attendee when they go too: typed once, in the session. It holds what any
 * appointment holds (times, kind of place, the case link that shows the tandem its pseudonym) and no
 * place: the session never has one. Runs in the session's transaction, so both are saved or neither;
 * idempotent per session: saving or correcting the session again moves the one appointment (while
 * nobody has checked in) instead of making a second.
 */
@Component
class NextMeetingAppointments {

    static final String APPOINTMENT_MOVED = "SAFETY_APPOINTMENT_MOVED_BY_SESSION";

    private final StaffSafetyRepository appointments;
    private final SessionAppointmentRepository links;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Clock clock;
    private final AppointmentHistoryRepository history;

    NextMeetingAppointments(StaffSafetyRepository appointments, SessionAppointmentRepository links,
            StaffDirectory staff, AuditLog audit, Clock clock, AppointmentHistoryRepository history) {
        this.history = history;
        this.appointments = appointments;
        this.links = links;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    void onNextMeetingPlanned(NextMeetingPlanned planned) {
        if (!planned.startsAt().isAfter(clock.instant())) {
            return; // a meeting already past needs no check-in (and must not raise a missed check-out)
        }
        StaffMember by = staff.find(planned.organisationId(), planned.plannedBy()).orElseThrow();
        PlaceKind kind = kind(planned.place());
        Set<UUID> attendees = new LinkedHashSet<>(planned.attendees());
        attendees.remove(planned.plannedBy());
        UUID linked = links.appointmentFor(planned.sessionId()).orElse(null);
        if (linked != null) {
            Appointment a = appointments.appointment(linked).orElseThrow();
            boolean same = a.startsAt().equals(planned.startsAt()) && a.endsAt().equals(planned.endsAt())
                    && a.placeKind() == kind && new LinkedHashSet<>(appointments.attendees(a.id())).equals(attendees);
            if (same || a.cancelled() || a.arrivedAt() != null || a.leftAt() != null) {
                return;
            }
            // A move by the session is a correction like any other: the appointment as it was stays in its history.
            history.keepVersion(a, appointments.place(a), appointments.attendees(a.id()), by.id(), clock.instant(),
                    java.util.List.of("times"));
            if (!links.move(a.id(), planned.startsAt(), planned.endsAt(), kind)) {
                return;
            }
            links.replaceAttendees(a.id(), attendees);
            audit.record(new AuditEvent(planned.organisationId(), by.id(), by.username(), APPOINTMENT_MOVED,
                    by.username(), AuditDetail.of("safety.appointment-planned", kind,
                            LocalDate.ofInstant(planned.startsAt(), clock.getZone()), attendees.size())));
            return;
        }
        UUID id = UUID.randomUUID();
        appointments.insertAppointment(id, planned.organisationId(), planned.plannedBy(), planned.startsAt(),
                planned.endsAt(), kind, planned.clientId(), clock.instant());
        attendees.forEach(attendee -> appointments.addAttendee(id, attendee));
        links.link(planned.sessionId(), id, planned.clientId());
        audit.record(new AuditEvent(planned.organisationId(), by.id(), by.username(),
                StaffSafetyActions.APPOINTMENT_PLANNED, by.username(), AuditDetail.of("safety.appointment-planned-from-session", kind,
                        LocalDate.ofInstant(planned.startsAt(), clock.getZone()), attendees.size())));
    }

    /**
     * The session's meeting no longer stands: its appointment is cancelled, unless someone checked in
     * or an alarm about it is open (then it stays for the practitioner to close as usual).
     */
    @EventListener
    @Transactional
    void onNextMeetingWithdrawn(NextMeetingWithdrawn withdrawn) {
        UUID linked = links.appointmentFor(withdrawn.sessionId()).orElse(null);
        if (linked == null) {
            return;
        }
        Appointment a = appointments.lockAppointment(withdrawn.organisationId(), linked).orElse(null);
        if (a == null || a.cancelled() || a.arrivedAt() != null || appointments.openAlertFor(a.id()).isPresent()) {
            return;
        }
        StaffMember by = staff.find(withdrawn.organisationId(), withdrawn.withdrawnBy()).orElseThrow();
        history.cancel(a.id(), by.id(), clock.instant(), null);
        audit.record(new AuditEvent(withdrawn.organisationId(), by.id(), by.username(),
                StaffSafetyActions.APPOINTMENT_CANCELLED, by.username(), org.exitwork.audit.AuditDetail.of(
                        "safety.appointment-withdrawn-with-session", LocalDate.ofInstant(a.startsAt(), clock.getZone()))));
    }

    /**
     * Erasure (R20): the links to the erased client's sessions go with the sessions, in the batches of the
     * purge job of {@code cases}; nothing reads them meanwhile (no session of the client can be corrected or
     * cancelled any more).
     */
    @Component
    static class PurgedLinks implements ErasedClientRows {

        private final SessionAppointmentRepository links;

        PurgedLinks(SessionAppointmentRepository links) {
            this.links = links;
        }

        @Override
        public int purge(UUID clientId, int limit) {
            return links.forget(clientId, limit);
        }
    }

    private static PlaceKind kind(NextMeetingPlanned.Place place) {
        return switch (place) {
            case OFFICE -> PlaceKind.OFFICE;
            case INSTITUTION -> PlaceKind.INSTITUTION;
            case PUBLIC_PLACE -> PlaceKind.PUBLIC_PLACE;
            case HOME_VISIT -> PlaceKind.HOME_VISIT;
            case ONLINE, NOT_GIVEN -> PlaceKind.OTHER;
        };
    }
}
