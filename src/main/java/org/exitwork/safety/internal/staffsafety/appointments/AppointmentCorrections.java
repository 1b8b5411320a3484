package org.exitwork.safety.internal.staffsafety.appointments;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.safety.internal.staffsafety.AppointmentHistoryRepository;
import org.exitwork.safety.internal.staffsafety.AppointmentHistoryRepository.Corrected;
import org.exitwork.safety.internal.staffsafety.AppointmentHistoryRepository.Version;
import org.exitwork.safety.internal.staffsafety.PlaceKind;
import org.exitwork.safety.internal.staffsafety.StaffSafety;
import org.exitwork.safety.internal.staffsafety.StaffSafety.Whereabouts;
import org.exitwork.safety.internal.staffsafety.StaffSafetyActions;
import org.exitwork.safety.internal.staffsafety.StaffSafetyRepository;
import org.exitwork.safety.internal.staffsafety.StaffSafetyRepository.Appointment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Corrections and cancellations of a practitioner's own appointments (R14). What may change depends on
 * where the appointment stands, because colleagues and the escalation rely on it:
 * <ul>
 * <li>planned (not started, not checked in): everything; it may be cancelled;</li>
 * <li>under way (checked in, or started without check-in and not yet over): only the expected end, and
 *     only to a time still ahead (an end in the past would raise the alarm at once); it may be cancelled
 *     only while nobody checked in (then it did not take place);</li>
 * <li>over (checked out, or past its end without check-in): nothing is corrected, it is what happened;
 *     one never checked in may still be cancelled;</li>
 * <li>cancelled: nothing.</li>
 * </ul>
 * While an alert about it is open nothing changes: the alert is resolved first. Each correction keeps
 * the earlier version and is audited; the row is locked first, so a correction and the escalation's
 * claim of the same row never cross, and a form that showed an older version is refused.
 */
@Service
class AppointmentCorrections {

    /** Where an appointment stands. */
    enum Stage {
        PLANNED, UNDERWAY, OVER, CANCELLED
    }

    /** A correction as asked for; {@code version} is the version the form showed. */
    record Correction(int version, Instant startsAt, Instant endsAt, PlaceKind placeKind, String place,
            UUID clientId, Set<UUID> attendees) {
    }

    /** An earlier version as its practitioner reads it. */
    record VersionView(int version, LocalDateTime startsAt, LocalDateTime endsAt, PlaceKind placeKind, String place,
            String pseudonym, boolean linkedToCase, List<String> attendees, String replacedBy,
            LocalDateTime replacedAt, List<String> changed) {
    }

    /** The appointment's page: as it is now, what may be done with it, and its history. */
    record AppointmentPage(Whereabouts current, Stage stage, int version, boolean mayCorrectAll,
            boolean mayCorrectEnd, boolean mayCancel, boolean alertOpen, UUID clientId, Set<UUID> attendeeIds,
            LocalDateTime cancelledAt, String cancelledBy, String cancelReason, List<VersionView> history) {
    }

    /** A correction or cancellation refused; {@code key} says why (a message), {@code field} where. */
    static final class CorrectionRefused extends RuntimeException {
        private final String key;
        private final String field;
        private final boolean stale;

        CorrectionRefused(String key, String field, boolean stale) {
            super(key, null, false, false);
            this.key = key;
            this.field = field;
            this.stale = stale;
        }

        CorrectionRefused(String key) {
            this(key, null, false);
        }

        String key() {
            return key;
        }

        String field() {
            return field;
        }

        boolean stale() {
            return stale;
        }
    }

    private final StaffSafetyRepository appointments;
    private final AppointmentHistoryRepository history;
    private final StaffSafety safety;
    private final StaffDirectory staff;
    private final CaseDirectory cases;
    private final AuditLog audit;
    private final Clock clock;

    AppointmentCorrections(StaffSafetyRepository appointments, AppointmentHistoryRepository history, StaffSafety safety,
            StaffDirectory staff, CaseDirectory cases, AuditLog audit, Clock clock) {
        this.appointments = appointments;
        this.history = history;
        this.safety = safety;
        this.staff = staff;
        this.cases = cases;
        this.audit = audit;
        this.clock = clock;
    }

    static Stage stage(Appointment a, Instant now) {
        if (a.cancelled()) {
            return Stage.CANCELLED;
        }
        if (a.leftAt() != null) {
            return Stage.OVER;
        }
        if (a.arrivedAt() != null) {
            return Stage.UNDERWAY;
        }
        if (now.isBefore(a.startsAt())) {
            return Stage.PLANNED;
        }
        return now.isBefore(a.endsAt()) ? Stage.UNDERWAY : Stage.OVER;
    }

    private static boolean mayCancel(Appointment a, Stage stage) {
        return stage != Stage.CANCELLED && a.arrivedAt() == null;
    }

    @Transactional
    AppointmentPage page(StaffPrincipal who, UUID id) {
        Appointment a = own(who, appointments.appointment(who.organisationId(), id));
        Stage stage = stage(a, clock.instant());
        boolean alertOpen = appointments.openAlertFor(a.id()).isPresent();
        List<Version> versions = history.versions(a.id());
        Set<UUID> named = new HashSet<>();
        versions.forEach(v -> {
            named.addAll(v.attendees());
            named.add(v.replacedBy());
        });
        if (a.cancelledBy() != null) {
            named.add(a.cancelledBy());
        }
        Map<UUID, String> names = staff.displayNames(who.organisationId(), named);
        List<VersionView> views = versions.stream().map(v -> new VersionView(v.version(),
                LocalDateTime.ofInstant(v.startsAt(), clock.getZone()), LocalDateTime.ofInstant(v.endsAt(), clock.getZone()),
                v.placeKind(), v.place(), pseudonym(who, v.clientId()), v.clientId() != null,
                v.attendees().stream().map(n -> names.getOrDefault(n, "?")).sorted().toList(),
                names.getOrDefault(v.replacedBy(), "?"), LocalDateTime.ofInstant(v.replacedAt(), clock.getZone()),
                v.changed())).toList();
        return new AppointmentPage(safety.view(who, a), stage, a.version(), !alertOpen && stage == Stage.PLANNED,
                !alertOpen && stage == Stage.UNDERWAY, !alertOpen && mayCancel(a, stage), alertOpen, a.clientId(),
                new LinkedHashSet<>(appointments.attendees(a.id())),
                a.cancelledAt() == null ? null : LocalDateTime.ofInstant(a.cancelledAt(), clock.getZone()),
                a.cancelledBy() == null ? null : names.getOrDefault(a.cancelledBy(), "?"), history.cancelReason(a),
                views);
    }

    private String pseudonym(StaffPrincipal who, UUID clientId) {
        if (clientId == null || !cases.inTandem(who, clientId)) {
            return null;
        }
        return cases.find(who.organisationId(), clientId).map(CaseReference::pseudonym).orElse(null);
    }

    /**
     * Corrects the appointment; returns {@code false} when nothing differed (nothing is kept or audited).
     *
     * @throws CorrectionRefused when its stage, an open alert or a newer version forbids it
     */
    @Transactional
    boolean correct(StaffPrincipal who, UUID id, Correction asked) {
        Appointment a = lockOwn(who, id, asked.version());
        Instant now = clock.instant();
        Stage stage = stage(a, now);
        refuseWhileAlertOpen(a);
        if (stage == Stage.CANCELLED) {
            throw new CorrectionRefused("safety.appointment.refused.cancelled");
        }
        if (stage == Stage.OVER) {
            throw new CorrectionRefused("safety.appointment.refused.over");
        }
        String place = appointments.place(a);
        Set<UUID> attendees = new LinkedHashSet<>(appointments.attendees(a.id()));
        if (stage == Stage.PLANNED && (asked.startsAt() == null || asked.placeKind() == null)) {
            // The form was shown for an appointment under way; it is planned (again): show it afresh.
            throw new CorrectionRefused("safety.appointment.error.stale", null, true);
        }
        Correction wanted = stage == Stage.UNDERWAY
                ? new Correction(asked.version(), a.startsAt(), asked.endsAt(), a.placeKind(), place, a.clientId(),
                        attendees)
                : asked;
        if (!wanted.endsAt().isAfter(wanted.startsAt())) {
            throw new CorrectionRefused("safety.appointment.error.ends-before-start", "endsAt", false);
        }
        if (stage == Stage.UNDERWAY && !wanted.endsAt().isAfter(now)) {
            throw new CorrectionRefused("safety.appointment.error.end-passed", "endsAt", false);
        }
        String newPlace = wanted.place() == null || wanted.place().isBlank() ? null : wanted.place().strip();
        Set<UUID> newAttendees = new LinkedHashSet<>(wanted.attendees());
        newAttendees.remove(a.staffId());
        if (!Objects.equals(wanted.clientId(), a.clientId()) && wanted.clientId() != null) {
            cases.requireTandem(who, wanted.clientId(), "link an appointment");
        }
        safety.requireColleagues(who.organisationId(), newAttendees);
        List<String> changed = new ArrayList<>();
        if (!wanted.startsAt().equals(a.startsAt()) || !wanted.endsAt().equals(a.endsAt())) {
            changed.add("times");
        }
        if (wanted.placeKind() != a.placeKind()) {
            changed.add("place_kind");
        }
        if (!Objects.equals(newPlace, place)) {
            changed.add("place");
        }
        if (!Objects.equals(wanted.clientId(), a.clientId())) {
            changed.add("case");
        }
        if (!newAttendees.equals(attendees)) {
            changed.add("attendees");
        }
        if (changed.isEmpty()) {
            return false;
        }
        history.keepVersion(a, place, attendees, who.id(), now, changed);
        history.correct(a.id(), new Corrected(wanted.startsAt(), wanted.endsAt(), wanted.placeKind(), newPlace,
                wanted.clientId()), !wanted.endsAt().equals(a.endsAt()));
        if (changed.contains("attendees")) {
            history.replaceAttendees(a.id(), newAttendees);
        }
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                StaffSafetyActions.APPOINTMENT_CORRECTED, who.username(),
                AuditDetail.of("safety.appointment-corrected",
                        String.join(",", changed).toUpperCase(java.util.Locale.ROOT), a.version() + 1, stage,
                        LocalDate.ofInstant(wanted.startsAt(), clock.getZone()))));
        return true;
    }

    /**
     * Cancels the appointment: it leaves the board, the check-in page and the escalation, and stays in
     * its practitioner's list as cancelled.
     *
     * @throws CorrectionRefused when it was checked in, is cancelled already, an alert is open or a newer
     *         version was saved meanwhile
     */
    @Transactional
    void cancel(StaffPrincipal who, UUID id, int version, String reason) {
        Appointment a = lockOwn(who, id, version);
        Stage stage = stage(a, clock.instant());
        refuseWhileAlertOpen(a);
        if (stage == Stage.CANCELLED) {
            throw new CorrectionRefused("safety.appointment.refused.cancelled");
        }
        if (a.arrivedAt() != null) {
            throw new CorrectionRefused("safety.appointment.refused.checked-in");
        }
        String text = reason == null || reason.isBlank() ? null : reason.strip();
        history.cancel(a.id(), who.id(), clock.instant(), text);
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                StaffSafetyActions.APPOINTMENT_CANCELLED, who.username(),
                AuditDetail.of(text == null ? "safety.appointment-cancelled" : "safety.appointment-cancelled-reason",
                        stage, LocalDate.ofInstant(a.startsAt(), clock.getZone()))));
    }

    private void refuseWhileAlertOpen(Appointment a) {
        if (appointments.openAlertFor(a.id()).isPresent()) {
            throw new CorrectionRefused("safety.appointment.refused.alert-open");
        }
    }

    private Appointment lockOwn(StaffPrincipal who, UUID id, int version) {
        Appointment a = own(who, appointments.lockAppointment(who.organisationId(), id));
        if (a.version() != version) {
            throw new CorrectionRefused("safety.appointment.error.stale", null, true);
        }
        return a;
    }

    private static Appointment own(StaffPrincipal who, java.util.Optional<Appointment> found) {
        Appointment a = found.orElseThrow(NotFoundException::new);
        if (!a.staffId().equals(who.id())) {
            throw new ForbiddenException();
        }
        return a;
    }

}
