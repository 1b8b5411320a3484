package org.exitwork.safety.internal.staffsafety;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientErased;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.KeysetPage;
import org.exitwork.safety.internal.staffsafety.StaffSafetyRepository.Alert;
import org.exitwork.safety.internal.staffsafety.StaffSafetyRepository.Appointment;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** Appointments, check-in and check-out, the whereabouts board, the duty roster and work e-mail (R14). */
@Service
public class StaffSafety {

    static final Set<Integer> EXTENSIONS = Set.of(15, 30, 60);

    /** A new appointment as planned by a practitioner. */
    public record NewAppointment(Instant startsAt, Instant endsAt, PlaceKind placeKind, String place, UUID clientId,
            Set<UUID> attendees) {
    }

    /** One appointment as a viewer may see it: {@code place} and {@code pseudonym} only where allowed. */
    public record Whereabouts(UUID id, UUID staffId, String practitioner, List<String> attendees, PlaceKind placeKind,
            LocalDateTime startsAt, LocalDateTime endsAt, boolean arrived, boolean left, AlertView alert,
            String pseudonym, String place, boolean own, boolean cancelled) {
    }

    record AlertView(UUID id, AlertKind kind, int step, String owner, boolean resolved) {
    }

    record DutyRow(UUID staffId, String name, Role role, boolean onDuty, boolean mayChange) {
    }

    private final StaffSafetyRepository repository;
    private final StaffDirectory staff;
    private final CaseDirectory cases;
    private final AuditLog audit;
    private final Escalation escalation;
    private final AppointmentHistoryRepository history;
    private final Clock clock;

    StaffSafety(StaffSafetyRepository repository, StaffDirectory staff, CaseDirectory cases, AuditLog audit,
            Escalation escalation, AppointmentHistoryRepository history, Clock clock) {
        this.repository = repository;
        this.history = history;
        this.staff = staff;
        this.cases = cases;
        this.audit = audit;
        this.escalation = escalation;
        this.clock = clock;
    }

    public ZoneId zone() {
        return clock.getZone();
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Staff of the organisation who may attend, be on duty and see the board: practitioners and managers. */
    public List<StaffMember> colleagues(UUID organisationId) {
        return Stream.concat(staff.practitioners(organisationId).stream(), staff.managers(organisationId).stream())
                .sorted(Comparator.comparing(StaffMember::displayName)).toList();
    }

    public List<CaseReference> casesCarriedBy(StaffPrincipal who) {
        return cases.casesCarriedBy(who);
    }

    /** Up to this many practitioners and managers, the appointment form offers all of them as attendees. */
    static final int WHOLE_TEAM = 40;

    /** At most this many colleagues found by a search by name. */
    static final int FOUND = 10;

    /**
     * The colleagues an appointment form offers as attendees (never oneself), by name; {@code everyone}: all the
     * organisation's practitioners and managers are among them.
     */
    public record Attendance(List<StaffMember> offered, boolean everyone, int found) {
    }

    /**
     * Whom the appointment form offers as attendees. An organisation of at most {@link #WHOLE_TEAM} practitioners
     * and managers: all of them (read as one bounded page by name). A larger one (a national programme has a
     * thousand): neither readable on a phone as a list nor cheap to read on every opening, so the colleagues who
     * share one of {@code carried} (the practitioner's open cases) with them, those already {@code chosen}, and
     * at most {@link #FOUND} whose name contains {@code search} when one is given ({@code found}: how many, -1
     * without a search). What may be saved is not narrowed by this: any active practitioner or manager of the
     * organisation ({@link #requireColleagues}).
     */
    @Transactional(readOnly = true)
    public Attendance attendance(StaffPrincipal who, List<CaseReference> carried, java.util.Collection<UUID> chosen,
            String search) {
        List<StaffMember> team = staff.team(who.organisationId(), WHOLE_TEAM + 1);
        if (team.size() <= WHOLE_TEAM) {
            return new Attendance(byName(team.stream().filter(m -> !m.id().equals(who.id())).toList()), true, -1);
        }
        Set<UUID> ids = new LinkedHashSet<>();
        carried.forEach(c -> ids.addAll(c.tandem()));
        if (chosen != null) {
            ids.addAll(chosen);
        }
        Map<UUID, StaffMember> offered = new java.util.LinkedHashMap<>();
        staff.teamMembers(who.organisationId(), ids).forEach(m -> offered.put(m.id(), m));
        int found = -1;
        if (search != null && !search.isBlank()) {
            List<StaffMember> named = staff.teamNamed(who.organisationId(), search.strip(), FOUND);
            named.forEach(m -> offered.putIfAbsent(m.id(), m));
            found = (int) named.stream().filter(m -> !m.id().equals(who.id())).count();
        }
        offered.remove(who.id());
        return new Attendance(byName(List.copyOf(offered.values())), false, found);
    }

    private static List<StaffMember> byName(List<StaffMember> members) {
        return members.stream().sorted(Comparator.comparing(StaffMember::displayName)).toList();
    }

    /** Whether every one of {@code attendees} is an active practitioner or manager of the organisation (a bounded read). */
    public boolean colleagues(UUID organisationId, java.util.Collection<UUID> attendees) {
        if (attendees == null || attendees.isEmpty()) {
            return true;
        }
        if (attendees.stream().anyMatch(java.util.Objects::isNull)) {
            return false;
        }
        Set<UUID> wanted = Set.copyOf(attendees);
        return staff.teamMembers(organisationId, wanted).size() == wanted.size();
    }

    /** Refuses attendees who are not active practitioners or managers of the organisation. */
    public void requireColleagues(UUID organisationId, java.util.Collection<UUID> attendees) {
        if (!colleagues(organisationId, attendees)) {
            throw new ForbiddenException();
        }
    }

    @Transactional
    public UUID plan(StaffPrincipal who, NewAppointment planned) {
        if (planned.clientId() != null) {
            cases.requireTandem(who, planned.clientId(), "plan an appointment");
        }
        requireColleagues(who.organisationId(), planned.attendees());
        UUID id = UUID.randomUUID();
        repository.insertAppointment(id, who.organisationId(), who.id(), planned.startsAt(), planned.endsAt(),
                planned.placeKind(), planned.clientId(), clock.instant());
        if (planned.place() != null && !planned.place().isBlank()) {
            repository.setPlace(id, planned.place().strip());
        }
        for (UUID attendee : planned.attendees()) {
            if (!attendee.equals(who.id())) {
                repository.addAttendee(id, attendee);
            }
        }
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                StaffSafetyActions.APPOINTMENT_PLANNED, who.username(), AuditDetail.of("safety.appointment-planned",
                        planned.placeKind(), LocalDate.ofInstant(planned.startsAt(), zone()), planned.attendees().size())));
        return id;
    }

    /**
     * One page of the practitioner's own appointments from the filter's first day (today when none) up to
     * its last day if any, cancelled ones marked as such, fifty a page in order of their start.
     */
    @Transactional(readOnly = true)
    public KeysetPage<Whereabouts> upcoming(StaffPrincipal who, AppointmentFilter filter) {
        Instant from = filter.fromOr(today()).atStartOfDay(zone()).toInstant();
        Instant to = filter.until() == null ? null : filter.until().plusDays(1).atStartOfDay(zone()).toInstant();
        List<Appointment> rows = repository.appointmentsPage(who.organisationId(), who.id(), from, to, filter.after(),
                filter.before(), KeysetPage.SIZE + 1);
        return KeysetPage.of(views(who, rows), KeysetPage.SIZE, filter.after(), filter.before(), Whereabouts::id);
    }

    /**
     * The appointments as {@code who} may see them, with what each row names looked up for all rows at
     * once (attendees, alerts, names, the tandem's pseudonyms, escalations): a fixed number of queries
     * however many rows, not one set per row. What {@link #view} shows of one, row by row the same.
     */
    List<Whereabouts> views(StaffPrincipal who, List<Appointment> appointments) {
        if (appointments.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = appointments.stream().map(Appointment::id).toList();
        Map<UUID, List<UUID>> attendees = repository.attendeesOf(ids);
        Map<UUID, Alert> byId = new java.util.HashMap<>();
        Map<UUID, Alert> openByAppointment = new java.util.HashMap<>();
        for (Alert alert : repository.alertsOf(appointments.stream().map(Appointment::alertId)
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()), ids)) {
            byId.put(alert.id(), alert);
            if (alert.open() && alert.appointmentId() != null) {
                openByAppointment.put(alert.appointmentId(), alert);
            }
        }
        Map<UUID, Alert> alerts = new java.util.HashMap<>();
        Set<UUID> named = new LinkedHashSet<>();
        for (Appointment a : appointments) {
            Alert alert = a.alertId() == null ? null : byId.get(a.alertId());
            if (alert == null) {
                alert = openByAppointment.get(a.id());
            }
            if (alert != null) {
                alerts.put(a.id(), alert);
                if (alert.ownerId() != null) {
                    named.add(alert.ownerId());
                }
            }
            named.add(a.staffId());
            named.addAll(attendees.getOrDefault(a.id(), List.of()));
        }
        Map<UUID, String> names = staff.displayNames(who.organisationId(), named);
        Map<UUID, String> pseudonyms = cases.pseudonymsInTandem(who, appointments.stream().map(Appointment::clientId)
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
        Set<UUID> escalated = repository.escalatedTo(appointments.stream().filter(a -> a.place() != null
                && !a.staffId().equals(who.id())).map(Appointment::id).toList(), who.id());
        List<Whereabouts> views = new ArrayList<>();
        for (Appointment a : appointments) {
            views.add(whereabouts(who, a, attendees.getOrDefault(a.id(), List.of()), alerts.get(a.id()), names,
                    a.clientId() == null ? null : pseudonyms.get(a.clientId()), escalated.contains(a.id())));
        }
        return views;
    }

    /** The practitioner's own appointments today (the check-in page). */
    @Transactional
    public List<Whereabouts> myDay(StaffPrincipal who) {
        Instant from = today().atStartOfDay(zone()).toInstant();
        Instant to = today().plusDays(1).atStartOfDay(zone()).toInstant();
        return views(who, repository.appointmentsOf(who.organisationId(), who.id(), from, to, false));
    }

    /** Today's whereabouts of the organisation as {@code who} may see them. */
    @Transactional
    List<Whereabouts> board(StaffPrincipal who) {
        Instant from = today().atStartOfDay(zone()).toInstant();
        Instant to = today().plusDays(1).atStartOfDay(zone()).toInstant();
        return views(who, repository.board(who.organisationId(), from, to));
    }

    public Whereabouts view(StaffPrincipal who, Appointment a) {
        List<UUID> attendeeIds = repository.attendees(a.id());
        List<UUID> ids = new ArrayList<>(attendeeIds);
        ids.add(a.staffId());
        Alert alert = a.alertId() == null ? null : repository.alert(a.alertId()).orElse(null);
        if (alert == null) {
            alert = repository.openAlertFor(a.id()).orElse(null);
        }
        List<UUID> named = new ArrayList<>(ids);
        if (alert != null && alert.ownerId() != null) {
            named.add(alert.ownerId());
        }
        Map<UUID, String> names = staff.displayNames(who.organisationId(), named);
        String pseudonym = null;
        if (a.clientId() != null && cases.inTandem(who, a.clientId())) {
            pseudonym = cases.find(who.organisationId(), a.clientId()).map(CaseReference::pseudonym).orElse(null);
        }
        boolean own = a.staffId().equals(who.id());
        return whereabouts(who, a, attendeeIds, alert, names, pseudonym,
                a.place() != null && !own && repository.escalatedTo(a.id(), who.id()));
    }

    /** One appointment as {@code who} sees it, from what was looked up for it (or for its whole page). */
    private Whereabouts whereabouts(StaffPrincipal who, Appointment a, List<UUID> attendeeIds, Alert alert,
            Map<UUID, String> names, String pseudonym, boolean escalatedToReader) {
        boolean own = a.staffId().equals(who.id());
        String place = null;
        if (a.place() != null && (own || escalatedToReader)) {
            place = repository.place(a);
            if (!own) {
                audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                        StaffSafetyActions.PLACE_SHOWN,
                        staff.find(who.organisationId(), a.staffId()).map(StaffMember::username).orElse(null),
                        alert == null ? null : AuditDetail.of("safety.step", alert.step())));
            }
        }
        AlertView alertView = alert == null ? null : new AlertView(alert.id(), alert.kind(), alert.step(),
                alert.ownerId() == null ? null : names.get(alert.ownerId()), !alert.open());
        return new Whereabouts(a.id(), a.staffId(), names.getOrDefault(a.staffId(), "?"),
                attendeeIds.stream().map(id -> names.getOrDefault(id, "?")).toList(), a.placeKind(),
                LocalDateTime.ofInstant(a.startsAt(), zone()), LocalDateTime.ofInstant(a.endsAt(), zone()),
                a.arrivedAt() != null, a.leftAt() != null, alertView, pseudonym, place, own, a.cancelled());
    }

    // --- check-in -------------------------------------------------------------------------------

    /**
     * How a check-in action reached the server: with the phone's event id and time when the phone's page
     * sent it (perhaps queued while there was no signal), and whether through the phone's check-in
     * capability instead of a signed-in page.
     */
    public record Sent(UUID eventId, Instant phoneTime, boolean viaCheckIn) {

        static final Sent SIGNED_IN = new Sent(null, null, false);
    }

    /** A responder's name and work telephone number, for a phone without signal. */
    record Responder(String name, String phone) {

        /** The number as a telephone link takes it: digits and a leading plus only. */
        public String dial() {
            return phone.replaceAll("[^0-9+]", "");
        }
    }

    @Transactional
    public void arrived(StaffPrincipal who, UUID appointmentId) {
        arrived(who, appointmentId, Sent.SIGNED_IN);
    }

    /** @return {@code false} when the phone had sent this event before: nothing happened again */
    @Transactional
    public boolean arrived(StaffPrincipal who, UUID appointmentId, Sent sent) {
        Appointment a = escalation.ownAppointment(who, appointmentId);
        if (!firstTime(who, a, "ARRIVED", sent)) {
            return false;
        }
        requireOpen(a);
        repository.arrived(a.id(), clock.instant());
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), StaffSafetyActions.ARRIVED,
                who.username(), sent.viaCheckIn() ? AuditDetail.of("safety.via-check-in") : null));
        return true;
    }

    @Transactional
    public void left(StaffPrincipal who, UUID appointmentId) {
        left(who, appointmentId, Sent.SIGNED_IN);
    }

    /** @return {@code false} when the phone had sent this event before: nothing happened again */
    @Transactional
    public boolean left(StaffPrincipal who, UUID appointmentId, Sent sent) {
        Appointment a = escalation.ownAppointment(who, appointmentId);
        if (!firstTime(who, a, "LEFT", sent)) {
            return false;
        }
        requireOpen(a);
        repository.left(a.id(), clock.instant());
        repository.openAlertFor(a.id()).ifPresent(alert -> escalation.resolveInTransaction(who, alert));
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), StaffSafetyActions.LEFT,
                who.username(), sent.viaCheckIn() ? AuditDetail.of("safety.via-check-in") : null));
        return true;
    }

    /** "I am fine, extend by N minutes": a new expected end, and any open alert about it is closed. */
    @Transactional
    public void extend(StaffPrincipal who, UUID appointmentId, int minutes) {
        extend(who, appointmentId, minutes, Sent.SIGNED_IN);
    }

    /** @return {@code false} when the phone had sent this event before: nothing happened again */
    @Transactional
    public boolean extend(StaffPrincipal who, UUID appointmentId, int minutes, Sent sent) {
        if (!EXTENSIONS.contains(minutes)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        Appointment a = escalation.ownAppointment(who, appointmentId);
        if (!firstTime(who, a, "EXTENDED", sent)) {
            return false;
        }
        requireOpen(a);
        Instant now = clock.instant();
        Instant base = a.endsAt().isAfter(now) ? a.endsAt() : now;
        repository.openAlertFor(a.id()).ifPresent(alert -> escalation.resolveInTransaction(who, alert));
        repository.extend(a.id(), base.plus(java.time.Duration.ofMinutes(minutes)));
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), StaffSafetyActions.EXTENDED,
                who.username(), sent.viaCheckIn() ? AuditDetail.of("safety.minutes-via-check-in", minutes)
                        : AuditDetail.of("safety.minutes", minutes)));
        return true;
    }

    /**
     * A repeated event id is the same event: the phone sends a queued action again when it cannot tell
     * whether the first try arrived. Checked before the appointment's state, so the repeat of a check-out
     * is answered like the check-out, not refused as coming after it.
     */
    private boolean firstTime(StaffPrincipal who, Appointment a, String action, Sent sent) {
        return sent.eventId() == null || repository.recordCheckInEvent(sent.eventId(), a.id(), who.id(), action,
                sent.phoneTime(), clock.instant());
    }

    @Transactional(readOnly = true)
    public boolean alreadySent(UUID eventId, UUID appointmentId, UUID staffId) {
        return repository.checkInEventKept(eventId, appointmentId, staffId);
    }

    private static void requireOpen(Appointment a) {
        if (a.leftAt() != null || a.cancelled()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Appointment> appointment(UUID organisationId, UUID appointmentId) {
        return repository.appointment(organisationId, appointmentId);
    }

    /** For each of the day's open appointments, whom to call when there is no signal. */
    @Transactional(readOnly = true)
    public Map<UUID, List<Responder>> respondersToCall(StaffPrincipal who, List<Whereabouts> day) {
        Map<UUID, List<Responder>> calls = new java.util.HashMap<>();
        for (Whereabouts w : day) {
            if (!w.left()) {
                repository.appointment(who.organisationId(), w.id())
                        .ifPresent(a -> calls.put(a.id(), respondersToCall(a)));
            }
        }
        return calls;
    }

    /** Who a call for help about the appointment would reach, with a work telephone number to call instead. */
    @Transactional(readOnly = true)
    public List<Responder> respondersToCall(Appointment appointment) {
        Set<UUID> responders = escalation.allResponders(appointment);
        Map<UUID, String> names = staff.displayNames(appointment.organisationId(), responders);
        List<Responder> result = new ArrayList<>();
        for (UUID id : responders) {
            repository.workPhone(id).filter(phone -> names.containsKey(id))
                    .ifPresent(phone -> result.add(new Responder(names.get(id), phone)));
        }
        result.sort(Comparator.comparing(Responder::name));
        return result;
    }

    // --- duty roster ----------------------------------------------------------------------------

    @Transactional(readOnly = true)
    List<DutyRow> duty(StaffPrincipal who) {
        Set<UUID> roster = repository.onDuty(who.organisationId(), today());
        return colleagues(who.organisationId()).stream().map(m -> new DutyRow(m.id(), m.displayName(), m.role(),
                roster.contains(m.id()), who.is(Role.MANAGER) || m.id().equals(who.id()))).toList();
    }

    /** Staff set themselves on or off duty today; managers set anyone. */
    @Transactional
    void setDuty(StaffPrincipal who, UUID staffId, boolean onDuty) {
        if (!who.is(Role.MANAGER) && !who.id().equals(staffId)) {
            throw new ForbiddenException();
        }
        StaffMember member = colleagues(who.organisationId()).stream().filter(m -> m.id().equals(staffId)).findFirst()
                .orElseThrow(org.exitwork.platform.NotFoundException::new);
        repository.setDuty(who.organisationId(), today(), staffId, onDuty);
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), StaffSafetyActions.DUTY_SET,
                member.username(), AuditDetail.of(onDuty ? "safety.on-duty" : "safety.off-duty", today())));
    }

    // --- work e-mail ----------------------------------------------------------------------------

    @Transactional(readOnly = true)
    String workEmail(StaffPrincipal who) {
        return repository.workEmail(who.id()).orElse("");
    }

    @Transactional(readOnly = true)
    String workPhone(StaffPrincipal who) {
        return repository.workPhone(who.id()).orElse("");
    }

    @Transactional
    public void saveWorkEmail(StaffPrincipal who, String email) {
        saveContact(who, email, repository.workPhone(who.id()).orElse(null));
    }

    @Transactional
    void saveContact(StaffPrincipal who, String email, String phone) {
        String value = email == null || email.isBlank() ? null : email.strip();
        String number = phone == null || phone.isBlank() ? null : phone.strip();
        repository.saveContact(who.id(), who.organisationId(), value, number, clock.instant());
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                StaffSafetyActions.CONTACT_ADDRESS_SET, who.username(),
                AuditDetail.of(value == null && number == null ? "safety.contact-address-removed" : "safety.contact-address-set")));
    }

    /**
     * Erasure (R20): appointments stay (staff whereabouts), but lose the client, the place and the
     * reason for a cancellation; every earlier version of an appointment ever linked to the client goes.
     */
    @EventListener
    void onClientErased(ClientErased erased) {
        int versions = history.forgetClient(erased.clientId());
        int forgotten = repository.forgetClient(erased.clientId());
        if (forgotten > 0 || versions > 0) {
            audit.record(new AuditEvent(erased.organisationId(), null, Escalation.SYSTEM,
                    StaffSafetyActions.CLIENT_LINKS_ERASED, null, AuditDetail.of("safety.client-links-erased", forgotten, versions)));
        }
    }
}
