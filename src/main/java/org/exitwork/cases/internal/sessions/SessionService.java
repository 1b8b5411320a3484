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
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.AccessRepository;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.context.ContextRelation;
import org.exitwork.cases.internal.context.ContextRepository;
import org.exitwork.keys.FieldCipher;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

    /** A session as the tandem records it. */
    public record SessionDraft(LocalDate date, Integer durationMinutes, Setting setting, PlaceKind placeKind,
            boolean clientPresent, Set<UUID> staff, Set<UUID> persons, Set<Theme> themes, String note,
            String nextSteps, LocalDate nextStepsDue, Instant nextMeeting) {
    }

    public record Person(UUID id, ContextRelation relation, String name) {
    }

    record Member(UUID id, String name) {
    }

    /** A session as shown; fields an older note does not have are {@code null} or empty. */
    public record Session(UUID id, LocalDate date, Integer durationMinutes, Setting setting, PlaceKind placeKind,
            Boolean clientPresent, List<String> staff, List<Person> persons, List<Theme> themes, String note,
            String nextSteps, LocalDate nextStepsDue, LocalDate nextStepsDoneOn, LocalDateTime nextMeeting,
            String author, Instant writtenAt) {

        public boolean nextStepsOpen() {
            return nextSteps != null && nextStepsDoneOn == null;
        }
    }

    public record SessionsPage(UUID caseId, String pseudonym, Access access, boolean writable, List<Session> sessions,
            List<Member> tandem, List<Person> contextPersons) {
    }

    record OpenStep(UUID sessionId, LocalDate sessionDate, LocalDate due, String text, boolean overdue) {
    }

    /** The case overview's few lines about the sessions; no note text. */
    record Summary(long sessions, LocalDate lastSession, LocalDateTime nextMeeting, List<OpenStep> openSteps) {
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

    private final CaseAccess access;
    private final SessionNoteRepository sessions;
    private final ContextRepository context;
    private final AccessRepository tandems;
    private final StaffDirectory staff;
    private final Clock clock;

    SessionService(CaseAccess access, SessionNoteRepository sessions, ContextRepository context, AccessRepository tandems,
            StaffDirectory staff, Clock clock) {
        this.access = access;
        this.sessions = sessions;
        this.context = context;
        this.tandems = tandems;
        this.staff = staff;
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
        sessions.insert(new SessionNoteRepository.SessionRow(id, ref.id(), draft.date(), who.id(), clock.instant(),
                draft.durationMinutes(), draft.setting().name(),
                draft.placeKind() == null ? null : draft.placeKind().name(), draft.clientPresent(),
                cipher.row("cas_session_note", id).seal("body", draft.note().strip()),
                cipher.row("cas_session_note", id).seal("next_steps", nextSteps),
                draft.nextStepsDue(), null, draft.nextMeeting()));
        sessions.insertThemes(id, set(draft.themes()));
        sessions.insertStaff(id, set(draft.staff()));
        sessions.insertPersons(id, set(draft.persons()));
        access.record(who, SessionActions.SESSION_RECORDED, ref, "session " + draft.date() + ", "
                + draft.setting() + ", " + set(draft.themes()).size() + " themes"
                + (nextSteps != null ? ", next steps" : "") + (draft.nextMeeting() != null ? ", next meeting" : ""));
        return id;
    }

    private void check(CaseRef ref, SessionDraft draft) {
        if (draft.date() == null || draft.setting() == null || draft.note() == null || draft.note().isBlank()) {
            throw new IllegalArgumentException("a session needs a date, a setting and a note");
        }
        if (draft.date().isAfter(today())) {
            throw new InvalidSessionException("sessionDate", "PastOrPresent");
        }
        if (draft.nextStepsDue() != null && blankToNull(draft.nextSteps()) == null) {
            throw new InvalidSessionException("nextStepsDue", "session.next-steps-due.without-steps");
        }
        if (draft.nextStepsDue() != null && draft.nextStepsDue().isBefore(draft.date())) {
            throw new InvalidSessionException("nextStepsDue", "session.next-steps-due.before-session");
        }
        if (draft.nextMeeting() != null && draft.nextMeeting().isBefore(draft.date().atStartOfDay(ZONE).toInstant())) {
            throw new InvalidSessionException("nextMeeting", "session.next-meeting.before-session");
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
        Map<UUID, String> names = staff.displayNames(who.organisationId(), staffIds);

        Map<UUID, Person> persons = new HashMap<>();
        List<Person> contextPersons = new ArrayList<>();
        for (ContextRepository.PersonRow p : context.persons(ref.id())) {
            Person person = new Person(p.id(), ContextRelation.valueOf(p.relation()),
                    cipher.row("cas_context_person", p.id()).open("name", p.name()));
            persons.put(p.id(), person);
            contextPersons.add(person);
        }
        contextPersons.sort(Comparator.comparing(Person::relation));

        List<Session> list = new ArrayList<>();
        for (SessionNoteRepository.SessionRow r : rows) {
            list.add(new Session(r.id(), r.sessionDate(), r.durationMinutes(),
                    r.setting() == null ? null : Setting.valueOf(r.setting()),
                    r.placeKind() == null ? null : PlaceKind.valueOf(r.placeKind()), r.clientPresent(),
                    present.getOrDefault(r.id(), List.of()).stream().map(names::get).toList(),
                    presentPersons.getOrDefault(r.id(), List.of()).stream().map(persons::get).toList(),
                    themes.getOrDefault(r.id(), List.of()),
                    cipher.row("cas_session_note", r.id()).open("body", r.body()),
                    cipher.row("cas_session_note", r.id()).open("next_steps", r.nextSteps()),
                    r.nextStepsDue(), r.nextStepsDoneOn(), local(r.nextMeetingAt()), names.get(r.writtenBy()),
                    r.writtenAt()));
        }
        access.record(who, SessionActions.SESSIONS_READ, ref, list.size() + " sessions");
        boolean writable = how == Access.TANDEM && ref.is(Stage.CLIENT);
        return new SessionsPage(ref.id(), ref.pseudonym(), how, writable, list,
                tandem.stream().map(id -> new Member(id, names.get(id))).toList(), contextPersons);
    }

    /** The few lines on the case overview: counts, dates and the open next steps. */
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
        access.record(who, SessionActions.SESSION_SUMMARY_READ, ref,
                overview.sessions() + " sessions, " + open.size() + " open next steps");
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
            access.record(who, SessionActions.NEXT_STEPS_DONE, ref, "session " + sessionDate + ", done " + today);
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
