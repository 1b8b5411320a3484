package org.exitwork.cases.internal.sessions;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.AccessRepository;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.NextMeetingPlanned;
import org.exitwork.cases.NextMeetingWithdrawn;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.context.ContextRelation;
import org.exitwork.cases.internal.context.ContextRepository;
import org.exitwork.keys.FieldCipher;
import org.exitwork.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sessions (R4): an open process, recorded as it happened. No curriculum, no fixed plan: a date,
 * how and where it was held, who took part, a narrative note, the themes that came up and the next
 * steps. Note and next steps are encrypted with the client's key; what the start page needs (dates)
 * is plain, so that it never has to decrypt anything.
 */
@Service
public class SessionService {

    /**
     * Wall-clock times (the next meeting) are entered and shown in the server's zone, as the rest of
     * the pages show times; stored as instants.
     */
    public static final ZoneId ZONE = ZoneId.systemDefault();

    /** How long a next meeting is planned for when the session does not say (the appointment needs an end). */
    static final int MEETING_MINUTES = 60;

    /**
     * A session as the tandem records it. The next meeting's length, kind of place and whether both of the
     * tandem go make the staff-safety appointment; without them it is an hour, place not given, alone.
     */
    public record SessionDraft(LocalDate date, Integer durationMinutes, Setting setting, PlaceKind placeKind,
            boolean clientPresent, Set<UUID> staff, Set<UUID> persons, Set<Theme> themes, String note,
            String nextSteps, LocalDate nextStepsDue, Instant nextMeeting, Integer nextMeetingMinutes,
            PlaceKind nextMeetingPlace, boolean nextMeetingWithTandem) {

        public SessionDraft(LocalDate date, Integer durationMinutes, Setting setting, PlaceKind placeKind,
                boolean clientPresent, Set<UUID> staff, Set<UUID> persons, Set<Theme> themes, String note,
                String nextSteps, LocalDate nextStepsDue, Instant nextMeeting) {
            this(date, durationMinutes, setting, placeKind, clientPresent, staff, persons, themes, note, nextSteps,
                    nextStepsDue, nextMeeting, null, null, false);
        }
    }

    /** Who takes part by default in a session of {@code setting}, recorded by {@code me}. */
    public record Participants(boolean client, Set<UUID> staff) {

        static Participants of(Setting setting, UUID me, List<UUID> tandem) {
            Set<UUID> staff = new LinkedHashSet<>();
            staff.add(me);
            if (setting != null && setting.withBothOfTheTandem()) {
                staff.addAll(tandem);
            }
            return new Participants(setting == null || setting.withClient(), staff);
        }
    }

    public record Person(UUID id, ContextRelation relation, String name) {
    }

    public record Member(UUID id, String name) {
    }

    /**
     * A session as shown; fields an older note does not have are {@code null} or empty. {@code version}
     * counts the corrections (1: as first recorded); {@code correctedBy}/{@code correctedAt} name the
     * latest; a cancelled session (recorded in error) has {@code cancelledAt} and the reason.
     */
    public record Session(UUID id, LocalDate date, Integer durationMinutes, Setting setting, PlaceKind placeKind,
            Boolean clientPresent, List<String> staff, List<Person> persons, List<Theme> themes, String note,
            String nextSteps, LocalDate nextStepsDue, LocalDate nextStepsDoneOn, LocalDateTime nextMeeting,
            String author, Instant writtenAt, Integer nextMeetingMinutes, PlaceKind nextMeetingPlace,
            Boolean nextMeetingWithTandem, int version, String correctedBy, LocalDateTime correctedAt,
            String cancelledBy, LocalDateTime cancelledAt, String cancelReason) {

        public boolean nextStepsOpen() {
            return nextSteps != null && nextStepsDoneOn == null && cancelledAt == null;
        }

        public boolean corrected() {
            return version > 1;
        }

        public boolean cancelled() {
            return cancelledAt != null;
        }
    }

    public record SessionsPage(UUID caseId, String pseudonym, Access access, boolean writable, List<Session> sessions,
            List<Member> tandem, List<Person> contextPersons) {
    }

    /** The people a session form offers to tick. */
    public record Choices(UUID caseId, String pseudonym, List<Member> tandem, List<Person> contextPersons) {
    }

    /** One session as the correction form starts from it: the current version and whom it names. */
    public record Editable(Choices choices, Session current, Set<UUID> staffIds, Set<UUID> personIds) {
    }

    /**
     * One version of a session: number 1 is the session as first recorded; {@code reason} is why it
     * replaced the one before (null for the first).
     */
    public record Version(int number, String author, LocalDateTime writtenAt, String reason, Session content,
            boolean current) {
    }

    /** The history of a session, oldest version first, and its cancellation if it was cancelled. */
    public record History(UUID caseId, String pseudonym, Access access, boolean writable, Session current,
            List<Version> versions) {
    }

    public record OpenStep(UUID sessionId, LocalDate sessionDate, LocalDate due, String text, boolean overdue) {
    }

    /** The case overview's few lines about the sessions; no note text. */
    public record Summary(long sessions, LocalDate lastSession, LocalDateTime nextMeeting, List<OpenStep> openSteps) {
    }

    /** Bad input that only the service can judge (it needs the case): which field, which message. */
    static class InvalidSessionException extends RuntimeException {
        final String field;
        final String code;

        InvalidSessionException(String field, String code) {
            super(field + ": " + code);
            this.field = field;
            this.code = code;
        }
    }

    /** A correction or cancellation based on a version that is no longer the current one: 409. */
    @ResponseStatus(HttpStatus.CONFLICT)
    static class StaleSessionException extends RuntimeException {
        final int currentVersion;
        final String changedBy;

        StaleSessionException(int currentVersion, String changedBy) {
            super("the session is at version " + currentVersion);
            this.currentVersion = currentVersion;
            this.changedBy = changedBy;
        }
    }

    /** A cancelled session is final: it can be read, not corrected or cancelled again (409). */
    @ResponseStatus(HttpStatus.CONFLICT)
    static class CancelledSessionException extends RuntimeException {
        CancelledSessionException() {
            super("the session is cancelled");
        }
    }

    /** An earlier version, whole, as sealed in {@code cas_session_version.content}. */
    record Snapshot(LocalDate date, Integer durationMinutes, String setting, String placeKind, Boolean clientPresent,
            List<UUID> staff, List<UUID> persons, List<String> themes, String note, String nextSteps,
            LocalDate nextStepsDue, LocalDate nextStepsDoneOn, Instant nextMeetingAt, Integer nextMeetingMinutes,
            String nextMeetingPlace, Boolean nextMeetingWithTandem, String reason) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final CaseAccess access;
    private final SessionNoteRepository sessions;
    private final SessionCounts counts;
    private final ContextRepository context;
    private final AccessRepository tandems;
    private final StaffDirectory staff;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SessionService(CaseAccess access, SessionNoteRepository sessions, SessionCounts counts, ContextRepository context,
            AccessRepository tandems, StaffDirectory staff, ApplicationEventPublisher events, Clock clock) {
        this.access = access;
        this.sessions = sessions;
        this.counts = counts;
        this.context = context;
        this.tandems = tandems;
        this.staff = staff;
        this.events = events;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    /** Refuses (audited) anyone but the tandem, and cases that take no more sessions, before a form is judged. */
    @Transactional
    public void requireWritable(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forTandem(who, clientId, "record session");
        access.requireStage(ref, Stage.CLIENT);
    }

    @Transactional
    public UUID record(StaffPrincipal who, UUID clientId, SessionDraft draft) {
        CaseRef ref = access.forTandem(who, clientId, "record session");
        access.requireStage(ref, Stage.CLIENT);
        check(ref, draft);
        UUID id = UUID.randomUUID();
        FieldCipher cipher = access.cipher(ref);
        String nextSteps = blankToNull(draft.nextSteps());
        boolean meeting = draft.nextMeeting() != null;
        sessions.insert(new SessionNoteRepository.SessionRow(id, ref.id(), draft.date(), who.id(), clock.instant(),
                draft.durationMinutes(), draft.setting().name(),
                draft.placeKind() == null ? null : draft.placeKind().name(), draft.clientPresent(),
                cipher.row("cas_session_note", id).seal("body", draft.note().strip()),
                cipher.row("cas_session_note", id).seal("next_steps", nextSteps),
                draft.nextStepsDue(), null, draft.nextMeeting(), meeting ? meetingMinutes(draft) : null,
                meeting && draft.nextMeetingPlace() != null ? draft.nextMeetingPlace().name() : null,
                meeting ? draft.nextMeetingWithTandem() : null, 1, null, null, null, null, null, null));
        counts.recorded(ref.id(), draft.date());
        sessions.insertThemes(id, set(draft.themes()));
        sessions.insertStaff(id, set(draft.staff()));
        sessions.insertPersons(id, set(draft.persons()));
        access.record(who, SessionActions.SESSION_RECORDED, ref, AuditDetail.of(recordedCode(nextSteps != null, meeting),
                draft.date(), draft.setting(), set(draft.themes()).size()));
        planMeeting(who, ref, id, draft);
        return id;
    }

    /** The start of a new session form: who takes part by default in {@code setting}. */
    public Participants defaults(StaffPrincipal who, Setting setting, List<Member> tandem) {
        return Participants.of(setting, who.id(), tandem.stream().map(Member::id).toList());
    }

    /** What the new-session form offers to tick, for the tandem of a running case. */
    @Transactional
    public Choices choices(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forTandem(who, clientId, "record session");
        access.requireStage(ref, Stage.CLIENT);
        Choices choices = choices(who, ref);
        access.record(who, SessionActions.SESSION_PARTICIPANTS_READ, ref,
                AuditDetail.of("session.context-persons", choices.contextPersons().size()));
        return choices;
    }

    private Choices choices(StaffPrincipal who, CaseRef ref) {
        List<UUID> tandem = tandems.tandem(ref.id());
        Map<UUID, String> names = staff.displayNames(who.organisationId(), tandem);
        return new Choices(ref.id(), ref.pseudonym(), tandem.stream().map(id -> new Member(id, names.get(id))).toList(),
                contextPersons(ref, access.cipher(ref)));
    }

    private List<Person> contextPersons(CaseRef ref, FieldCipher cipher) {
        List<Person> persons = new ArrayList<>();
        for (ContextRepository.PersonRow p : context.persons(ref.id())) {
            persons.add(new Person(p.id(), ContextRelation.valueOf(p.relation()),
                    cipher.row("cas_context_person", p.id()).open("name", p.name())));
        }
        persons.sort(Comparator.comparing(Person::relation));
        return persons;
    }

    // --- corrections (the tandem, a running case) ----------------------------------------------------

    /** The current version of a session, for the correction form. */
    @Transactional
    public Editable editable(StaffPrincipal who, UUID clientId, UUID sessionId) {
        CaseRef ref = access.forTandem(who, clientId, "correct session");
        access.requireStage(ref, Stage.CLIENT);
        SessionNoteRepository.SessionRow row = sessions.session(ref.id(), sessionId)
                .orElseThrow(NotFoundException::new);
        if (row.cancelled()) {
            throw new CancelledSessionException();
        }
        Choices choices = choices(who, ref);
        Session current = current(who, ref, row);
        access.record(who, SessionActions.SESSIONS_READ, ref, AuditDetail.of("session.one-to-correct"));
        return new Editable(choices, current, new LinkedHashSet<>(sessions.staffOf(sessionId)),
                new LinkedHashSet<>(sessions.personsOf(sessionId)));
    }

    /**
     * Replaces the current version of a session by {@code draft}, keeping the current one, whole and
     * encrypted, as an earlier version. Refused when the session is no longer at {@code basedOn}.
     */
    @Transactional
    public void correct(StaffPrincipal who, UUID clientId, UUID sessionId, int basedOn, SessionDraft draft,
            String reason) {
        CaseRef ref = access.forTandem(who, clientId, "correct session");
        SessionNoteRepository.SessionRow current = lockForChange(who, ref, sessionId, basedOn, reason, "correction");
        check(ref, draft);
        FieldCipher cipher = access.cipher(ref);
        Snapshot before = snapshot(current, cipher);

        UUID versionId = UUID.randomUUID();
        sessions.insertVersion(new SessionNoteRepository.VersionRow(versionId, sessionId, current.version(),
                current.changedBy() != null ? current.changedBy() : current.writtenBy(),
                current.changedAt() != null ? current.changedAt() : current.writtenAt(),
                cipher.row("cas_session_version", versionId).seal("content", JSON.writeValueAsString(before))),
                ref.id());

        String nextSteps = blankToNull(draft.nextSteps());
        boolean meeting = draft.nextMeeting() != null;
        // Next steps marked done stay done as long as they are the same steps.
        LocalDate doneOn = Objects.equals(nextSteps, before.nextSteps()) ? current.nextStepsDoneOn() : null;
        int version = current.version() + 1;
        boolean replaced = sessions.replace(new SessionNoteRepository.SessionRow(sessionId, ref.id(), draft.date(),
                current.writtenBy(), current.writtenAt(), draft.durationMinutes(), draft.setting().name(),
                draft.placeKind() == null ? null : draft.placeKind().name(), draft.clientPresent(),
                cipher.row("cas_session_note", sessionId).seal("body", draft.note().strip()),
                cipher.row("cas_session_note", sessionId).seal("next_steps", nextSteps), draft.nextStepsDue(), doneOn,
                draft.nextMeeting(), meeting ? meetingMinutes(draft) : null,
                meeting && draft.nextMeetingPlace() != null ? draft.nextMeetingPlace().name() : null,
                meeting ? draft.nextMeetingWithTandem() : null, version, who.id(), clock.instant(),
                cipher.row("cas_session_note", sessionId).seal("change_reason", reason.strip()), null, null, null),
                basedOn);
        if (!replaced) {
            throw stale(who, sessions.session(ref.id(), sessionId).orElseThrow(NotFoundException::new));
        }
        counts.moved(ref.id(), current.sessionDate(), draft.date());
        sessions.deleteParticipantsAndThemes(sessionId);
        sessions.insertThemes(sessionId, set(draft.themes()));
        sessions.insertStaff(sessionId, set(draft.staff()));
        sessions.insertPersons(sessionId, set(draft.persons()));
        Snapshot after = snapshot(draft, nextSteps);
        access.record(who, SessionActions.SESSION_CORRECTED, ref, AuditDetail.of("session.corrected",
                current.sessionDate(), version, String.join(",", changed(before, after)).toUpperCase(Locale.ROOT).replace('-', '_')));
        // Only a changed plan reaches staff safety: an appointment changed or removed there stays as it is
        // when a correction leaves the meeting alone.
        if (!Objects.equals(List.of(Objects.toString(before.nextMeetingAt()), Objects.toString(before.nextMeetingMinutes()),
                        Objects.toString(before.nextMeetingPlace()), Objects.toString(before.nextMeetingWithTandem())),
                List.of(Objects.toString(after.nextMeetingAt()), Objects.toString(after.nextMeetingMinutes()),
                        Objects.toString(after.nextMeetingPlace()), Objects.toString(after.nextMeetingWithTandem())))) {
            planMeeting(who, ref, sessionId, draft);
        }
    }

    /**
     * The session as it is now, locked until the transaction ends, for a correction or a cancellation:
     * only of a client's case, never of a cancelled session, only at the version the person saw, and
     * only with a reason.
     */
    private SessionNoteRepository.SessionRow lockForChange(StaffPrincipal who, CaseRef ref, UUID sessionId,
            int basedOn, String reason, String change) {
        access.requireStage(ref, Stage.CLIENT);
        SessionNoteRepository.SessionRow current = sessions.lock(ref.id(), sessionId)
                .orElseThrow(NotFoundException::new);
        if (current.cancelled()) {
            throw new CancelledSessionException();
        }
        if (current.version() != basedOn) {
            throw stale(who, current);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a " + change + " needs a reason");
        }
        return current;
    }

    /** Marks a session as recorded in error: it stays, with its history, but counts nowhere any more. */
    @Transactional
    public void cancel(StaffPrincipal who, UUID clientId, UUID sessionId, int basedOn, String reason) {
        CaseRef ref = access.forTandem(who, clientId, "cancel session");
        SessionNoteRepository.SessionRow current = lockForChange(who, ref, sessionId, basedOn, reason, "cancellation");
        byte[] sealed = access.cipher(ref).row("cas_session_note", sessionId).seal("cancel_reason", reason.strip());
        if (!sessions.cancel(ref.id(), sessionId, basedOn, who.id(), clock.instant(), sealed)) {
            throw stale(who, sessions.session(ref.id(), sessionId).orElseThrow(NotFoundException::new));
        }
        counts.cancelled(ref.id(), current.sessionDate());
        access.record(who, SessionActions.SESSION_CANCELLED, ref, AuditDetail.of("session.cancelled",
                current.sessionDate(), current.version()));
        events.publishEvent(new NextMeetingWithdrawn(ref.organisationId(), ref.id(), sessionId, who.id()));
    }

    /** Every version of a session, oldest first, for the tandem or a colleague who broke the glass. */
    @Transactional
    public History history(StaffPrincipal who, UUID clientId, UUID sessionId) {
        CaseRef ref = access.forReading(who, clientId, "read session history");
        access.requireStage(ref, Stage.CLIENT, Stage.CLOSED);
        SessionNoteRepository.SessionRow row = sessions.session(ref.id(), sessionId)
                .orElseThrow(NotFoundException::new);
        FieldCipher cipher = access.cipher(ref);
        List<SessionNoteRepository.VersionRow> earlier = sessions.versions(ref.id(), sessionId);
        Set<UUID> staffIds = new LinkedHashSet<>();
        List<Snapshot> snapshots = new ArrayList<>();
        for (SessionNoteRepository.VersionRow v : earlier) {
            Snapshot snapshot = JSON.readValue(cipher.row("cas_session_version", v.id()).open("content", v.content()),
                    Snapshot.class);
            snapshots.add(snapshot);
            staffIds.add(v.writtenBy());
            staffIds.addAll(snapshot.staff());
        }
        Map<UUID, String> names = staff.displayNames(who.organisationId(), staffIds);
        Map<UUID, Person> persons = new HashMap<>();
        contextPersons(ref, cipher).forEach(p -> persons.put(p.id(), p));

        Session current = current(who, ref, row);
        List<Version> versions = new ArrayList<>();
        for (int i = 0; i < earlier.size(); i++) {
            SessionNoteRepository.VersionRow v = earlier.get(i);
            Snapshot s = snapshots.get(i);
            versions.add(new Version(v.version(), names.get(v.writtenBy()), local(v.writtenAt()), s.reason(),
                    view(sessionId, s, names, persons), false));
        }
        versions.add(new Version(row.version(), current.corrected() ? current.correctedBy() : current.author(),
                current.corrected() ? current.correctedAt() : local(row.writtenAt()),
                cipher.row("cas_session_note", sessionId).open("change_reason", row.changeReason()), current, true));
        access.record(who, SessionActions.SESSION_HISTORY_READ, ref, AuditDetail.of(
                row.cancelled() ? "session.history-read-cancelled" : "session.history-read", row.sessionDate(), versions.size()));
        boolean writable = access.access(who, ref) == Access.TANDEM && ref.is(Stage.CLIENT) && !row.cancelled();
        return new History(ref.id(), ref.pseudonym(), access.access(who, ref), writable, current, versions);
    }

    private StaleSessionException stale(StaffPrincipal who, SessionNoteRepository.SessionRow current) {
        UUID by = current.changedBy() != null ? current.changedBy() : current.writtenBy();
        return new StaleSessionException(current.version(),
                staff.displayNames(who.organisationId(), List.of(by)).get(by));
    }

    /** The current version of one session, decrypted, as the pages show sessions. */
    private Session current(StaffPrincipal who, CaseRef ref, SessionNoteRepository.SessionRow row) {
        FieldCipher cipher = access.cipher(ref);
        List<UUID> present = sessions.staffOf(row.id());
        Set<UUID> ids = new LinkedHashSet<>(present);
        ids.add(row.writtenBy());
        if (row.changedBy() != null) {
            ids.add(row.changedBy());
        }
        if (row.cancelledBy() != null) {
            ids.add(row.cancelledBy());
        }
        Map<UUID, String> names = staff.displayNames(who.organisationId(), ids);
        Map<UUID, Person> persons = new HashMap<>();
        contextPersons(ref, cipher).forEach(p -> persons.put(p.id(), p));
        return view(row, cipher, present, sessions.personsOf(row.id()), sessions.themesOf(row.id()), names, persons);
    }

    private static Session view(SessionNoteRepository.SessionRow r, FieldCipher cipher, List<UUID> present,
            List<UUID> presentPersons, List<Theme> themes, Map<UUID, String> names, Map<UUID, Person> persons) {
        FieldCipher.RowCipher row = cipher.row("cas_session_note", r.id());
        return new Session(r.id(), r.sessionDate(), r.durationMinutes(),
                r.setting() == null ? null : Setting.valueOf(r.setting()),
                r.placeKind() == null ? null : PlaceKind.valueOf(r.placeKind()), r.clientPresent(),
                present.stream().map(names::get).toList(),
                presentPersons.stream().map(id -> persons.getOrDefault(id, removed(id))).toList(), themes,
                row.open("body", r.body()), row.open("next_steps", r.nextSteps()), r.nextStepsDue(),
                r.nextStepsDoneOn(), local(r.nextMeetingAt()), names.get(r.writtenBy()), r.writtenAt(),
                r.nextMeetingMinutes(), r.nextMeetingPlace() == null ? null : PlaceKind.valueOf(r.nextMeetingPlace()),
                r.nextMeetingWithTandem(), r.version(), r.changedBy() == null ? null : names.get(r.changedBy()),
                local(r.changedAt()), r.cancelledBy() == null ? null : names.get(r.cancelledBy()),
                local(r.cancelledAt()), row.open("cancel_reason", r.cancelReason()));
    }

    /** An earlier version as shown in the history. */
    private static Session view(UUID sessionId, Snapshot s, Map<UUID, String> names, Map<UUID, Person> persons) {
        return new Session(sessionId, s.date(), s.durationMinutes(), s.setting() == null ? null : Setting.valueOf(s.setting()),
                s.placeKind() == null ? null : PlaceKind.valueOf(s.placeKind()), s.clientPresent(),
                s.staff().stream().map(names::get).toList(),
                s.persons().stream().map(id -> persons.getOrDefault(id, removed(id))).toList(),
                s.themes().stream().map(Theme::valueOf).toList(), s.note(), s.nextSteps(), s.nextStepsDue(),
                s.nextStepsDoneOn(), local(s.nextMeetingAt()), null, null, s.nextMeetingMinutes(),
                s.nextMeetingPlace() == null ? null : PlaceKind.valueOf(s.nextMeetingPlace()),
                s.nextMeetingWithTandem(), 0, null, null, null, null, null);
    }

    /** A context person removed since: the history says so instead of a name (removing deletes the name). */
    private static Person removed(UUID id) {
        return new Person(id, null, null);
    }

    private Snapshot snapshot(SessionNoteRepository.SessionRow r, FieldCipher cipher) {
        FieldCipher.RowCipher row = cipher.row("cas_session_note", r.id());
        return new Snapshot(r.sessionDate(), r.durationMinutes(), r.setting(), r.placeKind(), r.clientPresent(),
                sessions.staffOf(r.id()), sessions.personsOf(r.id()),
                sessions.themesOf(r.id()).stream().map(Theme::name).toList(), row.open("body", r.body()),
                row.open("next_steps", r.nextSteps()), r.nextStepsDue(), r.nextStepsDoneOn(), r.nextMeetingAt(),
                r.nextMeetingMinutes(), r.nextMeetingPlace(), r.nextMeetingWithTandem(),
                row.open("change_reason", r.changeReason()));
    }

    private static Snapshot snapshot(SessionDraft d, String nextSteps) {
        boolean meeting = d.nextMeeting() != null;
        return new Snapshot(d.date(), d.durationMinutes(), d.setting().name(),
                d.placeKind() == null ? null : d.placeKind().name(), d.clientPresent(), List.copyOf(set(d.staff())),
                List.copyOf(set(d.persons())), set(d.themes()).stream().map(Theme::name).toList(), d.note().strip(),
                nextSteps, d.nextStepsDue(), null, d.nextMeeting(), meeting ? meetingMinutes(d) : null,
                meeting && d.nextMeetingPlace() != null ? d.nextMeetingPlace().name() : null,
                meeting ? d.nextMeetingWithTandem() : null, null);
    }

    /** The names of the fields a correction changed, for the audit entry: names only, never content. */
    private static List<String> changed(Snapshot before, Snapshot after) {
        List<String> fields = new ArrayList<>();
        compare(fields, "date", before.date(), after.date());
        compare(fields, "duration", before.durationMinutes(), after.durationMinutes());
        compare(fields, "setting", before.setting(), after.setting());
        compare(fields, "place", before.placeKind(), after.placeKind());
        compare(fields, "participants", List.of(before.clientPresent() == null ? false : before.clientPresent(),
                        Set.copyOf(before.staff()), Set.copyOf(before.persons())),
                List.of(after.clientPresent(), Set.copyOf(after.staff()), Set.copyOf(after.persons())));
        compare(fields, "themes", Set.copyOf(before.themes()), Set.copyOf(after.themes()));
        compare(fields, "note", before.note(), after.note());
        compare(fields, "next-steps", before.nextSteps(), after.nextSteps());
        compare(fields, "due", before.nextStepsDue(), after.nextStepsDue());
        compare(fields, "next-meeting", before.nextMeetingAt(), after.nextMeetingAt());
        if (fields.isEmpty()) {
            fields.add("nothing");
        }
        return fields;
    }

    /** The code of a recorded session's audit detail: whether next steps and the next meeting were set. */
    private static String recordedCode(boolean nextSteps, boolean meeting) {
        return "session.recorded" + (nextSteps ? "-next-steps" : "") + (meeting ? (nextSteps ? "-meeting" : "-next-meeting") : "");
    }

    private static void compare(List<String> fields, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            fields.add(name);
        }
    }

    /**
     * A next meeting that lies ahead becomes the recording practitioner's staff-safety appointment (R14):
     * the event carries ids, times and the kind of place only.
     */
    private void planMeeting(StaffPrincipal who, CaseRef ref, UUID sessionId, SessionDraft draft) {
        if (draft.nextMeeting() == null) {
            // A correction took the meeting out: the appointment made of it goes too.
            events.publishEvent(new NextMeetingWithdrawn(ref.organisationId(), ref.id(), sessionId, who.id()));
            return;
        }
        if (!draft.nextMeeting().isAfter(clock.instant())) {
            return;
        }
        Set<UUID> attendees = new LinkedHashSet<>();
        if (draft.nextMeetingWithTandem()) {
            tandems.tandem(ref.id()).stream().filter(id -> !id.equals(who.id())).forEach(attendees::add);
        }
        events.publishEvent(new NextMeetingPlanned(ref.organisationId(), ref.id(), sessionId, who.id(),
                draft.nextMeeting(), draft.nextMeeting().plusSeconds(60L * meetingMinutes(draft)),
                draft.nextMeetingPlace() == null ? NextMeetingPlanned.Place.NOT_GIVEN
                        : NextMeetingPlanned.Place.valueOf(draft.nextMeetingPlace().name()),
                attendees));
    }

    private static int meetingMinutes(SessionDraft draft) {
        return draft.nextMeetingMinutes() == null ? MEETING_MINUTES : draft.nextMeetingMinutes();
    }

    private void check(CaseRef ref, SessionDraft draft) {
        if (draft.date() == null || draft.setting() == null || draft.note() == null || draft.note().isBlank()) {
            throw new IllegalArgumentException("a session needs a date, a setting and a note");
        }
        if (draft.date().isAfter(today())) {
            throw new InvalidSessionException("sessionDate", "PastOrPresent");
        }
        InvalidSessionException next = nextProblem(draft);
        if (next != null) {
            throw next;
        }
        if (!new HashSet<>(tandems.tandem(ref.id())).containsAll(set(draft.staff()))) {
            throw new InvalidSessionException("staff", "session.staff.invalid");
        }
        Set<UUID> persons = new HashSet<>();
        context.persons(ref.id()).forEach(p -> persons.add(p.id()));
        if (!persons.containsAll(set(draft.persons()))) {
            throw new InvalidSessionException("persons", "session.persons.invalid");
        }
    }

    /**
     * What is wrong with the next steps' due date or the next meeting, judged against the session's date
     * (null: nothing, or no date to judge by yet). The session check and the step "what comes next" ask it.
     */
    static InvalidSessionException nextProblem(SessionDraft draft) {
        if (draft.nextStepsDue() != null && blankToNull(draft.nextSteps()) == null) {
            return new InvalidSessionException("nextStepsDue", "session.next-steps-due.without-steps");
        }
        if (draft.date() == null) {
            return null;
        }
        if (draft.nextStepsDue() != null && draft.nextStepsDue().isBefore(draft.date())) {
            return new InvalidSessionException("nextStepsDue", "session.next-steps-due.before-session");
        }
        if (draft.nextMeeting() != null && draft.nextMeeting().isBefore(draft.date().atStartOfDay(ZONE).toInstant())) {
            return new InvalidSessionException("nextMeeting", "session.next-meeting.before-session");
        }
        return null;
    }

    /** Every session of the case, newest first, for the tandem or a colleague who broke the glass. */
    @Transactional
    public SessionsPage page(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forReading(who, clientId, "read sessions");
        access.requireStage(ref, Stage.CLIENT, Stage.CLOSED);
        Access how = access.access(who, ref);
        FieldCipher cipher = access.cipher(ref);
        List<SessionNoteRepository.SessionRow> rows = sessions.sessions(ref.id());
        Map<UUID, List<Theme>> themes = sessions.themes(ref.id());
        Map<UUID, List<UUID>> present = sessions.staff(ref.id());
        Map<UUID, List<UUID>> presentPersons = sessions.persons(ref.id());
        List<UUID> tandem = tandems.tandem(ref.id());

        Set<UUID> staffIds = new LinkedHashSet<>(tandem);
        rows.forEach(r -> staffIds.add(r.writtenBy()));
        present.values().forEach(staffIds::addAll);

        rows.forEach(r -> {
            if (r.changedBy() != null) {
                staffIds.add(r.changedBy());
            }
            if (r.cancelledBy() != null) {
                staffIds.add(r.cancelledBy());
            }
        });
        Map<UUID, String> names = staff.displayNames(who.organisationId(), staffIds);

        Map<UUID, Person> persons = new HashMap<>();
        List<Person> contextPersons = contextPersons(ref, cipher);
        contextPersons.forEach(p -> persons.put(p.id(), p));

        List<Session> list = new ArrayList<>();
        for (SessionNoteRepository.SessionRow r : rows) {
            list.add(view(r, cipher, present.getOrDefault(r.id(), List.of()),
                    presentPersons.getOrDefault(r.id(), List.of()), themes.getOrDefault(r.id(), List.of()), names,
                    persons));
        }
        access.record(who, SessionActions.SESSIONS_READ, ref, AuditDetail.of("sessions.count", list.size()));
        boolean writable = how == Access.TANDEM && ref.is(Stage.CLIENT);
        return new SessionsPage(ref.id(), ref.pseudonym(), how, writable, list,
                tandem.stream().map(id -> new Member(id, names.get(id))).toList(), contextPersons);
    }

    /**
     * The few lines on the case overview: counts, dates and the open next steps. Not audited on its own: it
     * is part of the case page, whose one entry names what it showed ({@code CasePage}).
     */
    @Transactional
    public Summary summary(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forReading(who, clientId, "read session summary");
        SessionNoteRepository.Overview overview = sessions.overview(ref.id());
        FieldCipher cipher = access.cipher(ref);
        LocalDate today = today();
        List<OpenStep> open = sessions.openSteps(ref.id()).stream()
                .map(s -> new OpenStep(s.sessionId(), s.sessionDate(), s.due(),
                        cipher.row("cas_session_note", s.sessionId()).open("next_steps", s.nextSteps()),
                        s.due() != null && s.due().isBefore(today)))
                .toList();
        Instant now = clock.instant();
        LocalDateTime next = sessions.plannedMeeting(ref.id()).filter(at -> !at.isBefore(now)).map(SessionService::local)
                .orElse(null);
        return new Summary(overview.sessions(), overview.lastSession(), next, open);
    }

    /** The next steps of a session are done; they leave the overview and the start page. */
    @Transactional
    public void markNextStepsDone(StaffPrincipal who, UUID clientId, UUID sessionId) {
        CaseRef ref = access.forTandem(who, clientId, "mark next steps done");
        access.requireStage(ref, Stage.CLIENT);
        LocalDate sessionDate = sessions.sessionDate(ref.id(), sessionId).orElseThrow(NotFoundException::new);
        LocalDate today = today();
        if (sessions.markNextStepsDone(ref.id(), sessionId, today)) {
            access.record(who, SessionActions.NEXT_STEPS_DONE, ref, AuditDetail.of("session.next-steps-done", sessionDate, today));
        }
    }

    static LocalDateTime local(Instant at) {
        return at == null ? null : LocalDateTime.ofInstant(at, ZONE);
    }

    private static <T> Set<T> set(Set<T> values) {
        return values == null ? Set.of() : values;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
