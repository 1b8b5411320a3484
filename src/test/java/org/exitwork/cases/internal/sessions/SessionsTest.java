package org.exitwork.cases.internal.sessions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseActions;
import org.exitwork.cases.internal.context.ContextRelation;
import org.exitwork.cases.internal.context.ContextService;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exitwork.testing.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** R4, R6: sessions are recorded by the tandem, read by the tandem (or after breaking the glass), and kept encrypted. */
@DatabaseTest
@AutoConfigureMockMvc
class SessionsTest {

    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH);
    static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", java.util.Locale.ENGLISH);

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    DataSource dataSource;

    @Autowired
    SessionService sessions;

    @Autowired
    ContextService context;

    @Autowired
    SessionAgenda agenda;

    @Autowired
    CaseWork caseWork;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal colleague;
    RegisteredClient client;
    LocalDate today;

    @BeforeEach
    void aCaseWithATandem() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, Fixtures.unique("Session Client "));
        // The forms' @PastOrPresent judges by the real clock; ClockResetListener sets the
        // application's clock back to it before each test, so both agree on what today is.
        today = LocalDate.now(SessionService.ZONE);
    }

    String url() {
        return "/cases/" + client.id() + "/sessions";
    }

    /**
     * A valid session form with {@code text} as note; {@code fields} (name, value, name, value ...)
     * replace or add single fields, so that a test can break exactly one.
     */
    MockHttpServletRequestBuilder session(String text, String... fields) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("sessionDate", List.of(today.minusDays(1).toString()));
        form.put("setting", List.of("ONE_ON_ONE"));
        form.put("text", List.of(text));
        Map<String, List<String>> given = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            given.computeIfAbsent(fields[i], k -> new ArrayList<>()).add(fields[i + 1]);
        }
        form.putAll(given);
        MockHttpServletRequestBuilder request = post(url()).with(csrf());
        form.forEach((name, values) -> request.param(name, values.toArray(String[]::new)));
        return request;
    }

    @Test
    void aSessionWithAllItsFieldsRoundTrips() throws Exception {
        UUID mother = context.addPerson(a, client.id(),
                new ContextService.PersonDraft(ContextRelation.PARENT, "Marta Roundtrip", "Supportive"));
        LocalDate date = today.minusDays(3);
        LocalDateTime meeting = today.plusDays(7).atTime(14, 30);
        mvc.perform(post(url()).with(as(a)).with(csrf())
                        .param("sessionDate", date.toString()).param("durationMinutes", "75")
                        .param("setting", "FAMILY_CONTEXT").param("placeKind", "HOME_VISIT")
                        .param("clientPresent", "true").param("staff", a.id().toString(), b.id().toString())
                        .param("persons", mother.toString()).param("themes", "FAMILY_HISTORY", "ANGER")
                        .param("text", "They talked about the move and the old friends.")
                        .param("nextSteps", "Ask the school about an internship.")
                        .param("nextStepsDue", today.plusDays(10).toString())
                        .param("nextMeeting", meeting.toString()).param("nextMeetingPlace", "HOME_VISIT"))
                .andExpect(status().is3xxRedirection());

        SessionService.SessionsPage page = sessions.page(b, client.id());
        assertThat(page.sessions()).hasSize(1);
        SessionService.Session s = page.sessions().get(0);
        assertThat(s.date()).isEqualTo(date);
        assertThat(s.durationMinutes()).isEqualTo(75);
        assertThat(s.setting()).isEqualTo(Setting.FAMILY_CONTEXT);
        assertThat(s.placeKind()).isEqualTo(PlaceKind.HOME_VISIT);
        assertThat(s.clientPresent()).isTrue();
        assertThat(s.staff()).containsExactlyInAnyOrder(a.displayName(), b.displayName());
        assertThat(s.persons()).extracting(SessionService.Person::name).containsExactly("Marta Roundtrip");
        assertThat(s.themes()).containsExactly(Theme.FAMILY_HISTORY, Theme.ANGER);
        assertThat(s.note()).isEqualTo("They talked about the move and the old friends.");
        assertThat(s.nextSteps()).isEqualTo("Ask the school about an internship.");
        assertThat(s.nextStepsDue()).isEqualTo(today.plusDays(10));
        assertThat(s.nextStepsDoneOn()).isNull();
        assertThat(s.nextMeeting()).isEqualTo(meeting);
        assertThat(s.author()).isEqualTo(a.displayName());

        mvc.perform(get(url()).with(as(b))).andExpect(status().isOk())
                .andExpect(content().string(containsString("They talked about the move and the old friends.")))
                .andExpect(content().string(containsString("Ask the school about an internship.")))
                .andExpect(content().string(containsString("Marta Roundtrip")))
                .andExpect(content().string(containsString("Family history")))
                .andExpect(content().string(containsString("Home visit")))
                .andExpect(content().string(containsString("75 min")))
                .andExpect(content().string(containsString(meeting.format(SHOWN_TIME))));
        assertThat(actions()).contains(SessionActions.SESSION_RECORDED, SessionActions.SESSIONS_READ);
    }

    @Test
    void sessionsAreListedNewestFirstAndOlderNotesStayReadable() throws Exception {
        caseWork.writeNote(a, client.id(), today.minusDays(20), "An older note, written as before.");
        mvc.perform(session("The newest session.", "sessionDate", today.toString()).with(as(a)))
                .andExpect(status().is3xxRedirection());
        mvc.perform(session("The middle session.", "sessionDate", today.minusDays(5).toString()).with(as(b)))
                .andExpect(status().is3xxRedirection());

        List<SessionService.Session> list = sessions.page(a, client.id()).sessions();
        assertThat(list).extracting(SessionService.Session::note)
                .containsExactly("The newest session.", "The middle session.", "An older note, written as before.");
        SessionService.Session old = list.get(2);
        assertThat(old.setting()).isNull();
        assertThat(old.clientPresent()).isNull();
        assertThat(old.themes()).isEmpty();
        String page = mvc.perform(get(url()).with(as(a))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page.indexOf("The newest session.")).isLessThan(page.indexOf("The middle session."));
        assertThat(page.indexOf("The middle session.")).isLessThan(page.indexOf("An older note, written as before."));
    }

    @Test
    void badInputIsRefusedWithA400AndStoresNothing() throws Exception {
        RegisteredClient other = fixtures.client(a, b, Fixtures.unique("Other Client "));
        UUID strangersPerson = context.addPerson(a, other.id(),
                new ContextService.PersonDraft(ContextRelation.FRIEND, "Not Of This Case", null));
        List<MockHttpServletRequestBuilder> bad = List.of(
                session("no setting", "setting", ""),
                session("unknown setting", "setting", "INTERROGATION"),
                session("   "),
                session("x".repeat(20001)),
                session("from the future", "sessionDate", today.plusDays(1).toString()),
                session("not a date", "sessionDate", "yesterday"),
                session("no minutes", "durationMinutes", "0"),
                session("too many minutes", "durationMinutes", "1441"),
                session("minutes not a number", "durationMinutes", "an hour"),
                session("unknown theme", "themes", "ANGER", "themes", "RADICALITY"),
                session("colleague took part", "staff", colleague.id().toString()),
                session("staff not an id", "staff", "somebody"),
                session("person of another case", "persons", strangersPerson.toString()),
                session("due without steps", "nextStepsDue", today.plusDays(3).toString()),
                session("due before session", "nextSteps", "Call", "nextStepsDue",
                        today.minusDays(9).toString()),
                session("meeting before session", "nextMeeting", today.minusDays(9).atTime(10, 0).toString()),
                session("meeting not a time", "nextMeeting", "soon"),
                session("too long next steps", "nextSteps", "y".repeat(4001)));
        long before = sessionCount();
        long audited = audit.about(org.id(), client.pseudonym()).size();
        for (MockHttpServletRequestBuilder request : bad) {
            var response = mvc.perform(request.with(as(a))).andReturn().getResponse();
            assertThat(response.getStatus()).as("bad input %s", bad.indexOf(request)).isEqualTo(400);
            // The form is shown again with the error summary and the field's message.
            assertThat(response.getContentAsString()).as("bad input %s", bad.indexOf(request))
                    .contains("class=\"problem\" role=\"alert\"").contains("class=\"error\"");
        }
        assertThat(sessionCount()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_session_theme t JOIN cas_session_note s ON s.id = t.session_id "
                + "WHERE s.client_id = ?").param(client.id()).query(Long.class).single()).isZero();
        assertThat(audit.about(org.id(), client.pseudonym()).stream()
                .filter(e -> e.action().equals(SessionActions.SESSION_RECORDED))).isEmpty();
        assertThat(audit.about(org.id(), client.pseudonym()).size()).as("only the re-shown pages' reads")
                .isEqualTo(audited + bad.size());

        // The form comes back with what was entered, so nothing typed is lost.
        mvc.perform(session("A long note that must not be lost", "setting", "").with(as(a)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("A long note that must not be lost")));
    }

    @Test
    void nobodyOutsideTheTandemRecordsOrReadsSessionsAndEachRefusalIsAudited() throws Exception {
        caseWork.writeNote(a, client.id(), today, "Only for the tandem.");
        long before = sessionCount();
        for (Role role : new Role[] {Role.PRACTITIONER, Role.MANAGER, Role.DATA_PROTECTION_OFFICER}) {
            StaffPrincipal outsider = role == Role.PRACTITIONER ? colleague : fixtures.staff(org, role);
            mvc.perform(session("Intruder session").with(as(outsider))).andExpect(status().isForbidden())
                    .andExpect(content().string(not(containsString("Only for the tandem."))));
            // Bad input from an outsider is refused as an outsider's, not judged as a form.
            mvc.perform(session("").with(as(outsider))).andExpect(status().isForbidden());
            mvc.perform(get(url()).with(as(outsider))).andExpect(status().isForbidden())
                    .andExpect(content().string(not(containsString("Only for the tandem."))));
            UUID sessionId = jdbc.sql("SELECT id FROM cas_session_note WHERE client_id = ?").param(client.id())
                    .query(UUID.class).list().get(0);
            mvc.perform(post(url() + "/" + sessionId + "/next-steps-done").with(csrf()).with(as(outsider)))
                    .andExpect(status().isForbidden());
            List<AuditEntry> refusals = audit.about(org.id(), client.pseudonym()).stream()
                    .filter(e -> e.action().equals(CaseActions.ACCESS_REFUSED) && e.actorId().equals(outsider.id()))
                    .toList();
            assertThat(refusals).extracting(AuditEntry::detail)
                    .contains("record session", "read sessions", "mark next steps done");
        }
        StaffPrincipal admin = org.admin();
        mvc.perform(session("Admin session").with(as(admin))).andExpect(status().isForbidden());
        mvc.perform(get(url()).with(as(admin))).andExpect(status().isForbidden());
        assertThat(sessionCount()).isEqualTo(before);
    }

    @Test
    void anotherOrganisationFindsNoSuchCase() throws Exception {
        caseWork.writeNote(a, client.id(), today, "Not for other organisations.");
        UUID sessionId = jdbc.sql("SELECT id FROM cas_session_note WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        var otherOrg = fixtures.organisation();
        for (Role role : new Role[] {Role.PRACTITIONER, Role.MANAGER, Role.DATA_PROTECTION_OFFICER}) {
            StaffPrincipal stranger = fixtures.staff(otherOrg, role);
            mvc.perform(get(url()).with(as(stranger))).andExpect(status().isNotFound())
                    .andExpect(content().string(not(containsString(client.pseudonym()))));
            mvc.perform(session("cross-organisation").with(as(stranger))).andExpect(status().isNotFound());
            mvc.perform(post(url() + "/" + sessionId + "/next-steps-done").with(csrf()).with(as(stranger)))
                    .andExpect(status().isNotFound());
        }
        assertThat(sessionCount()).isEqualTo(1);
        // And a session id of another case does not work under this case's address.
        RegisteredClient second = fixtures.client(a, b, Fixtures.unique("Second "));
        mvc.perform(post("/cases/" + second.id() + "/sessions/" + sessionId + "/next-steps-done").with(csrf())
                .with(as(a))).andExpect(status().isNotFound());
    }

    @Test
    void aColleagueWhoBrokeTheGlassReadsButDoesNotWrite() throws Exception {
        caseWork.writeNote(a, client.id(), today, "Read in an emergency.");
        mvc.perform(post("/cases/" + client.id() + "/break-glass").with(as(colleague)).with(csrf())
                .param("reason", "EMERGENCY").param("explanation", "Client in crisis, tandem away"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get(url()).with(as(colleague))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Read in an emergency.")))
                .andExpect(content().string(not(containsString("id=\"new-session\""))));
        mvc.perform(session("Written by the colleague").with(as(colleague))).andExpect(status().isForbidden());
        assertThat(sessionCount()).isEqualTo(1);
    }

    @Test
    void aClosedCaseIsReadOnly() throws Exception {
        caseWork.writeNote(a, client.id(), today, "Before closing.");
        jdbc.sql("UPDATE cas_client SET stage = 'CLOSED' WHERE id = ?").param(client.id()).update();
        mvc.perform(get(url()).with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Before closing.")))
                .andExpect(content().string(not(containsString("id=\"new-session\""))));
        mvc.perform(session("After closing").with(as(a))).andExpect(status().isConflict());
        assertThat(sessionCount()).isEqualTo(1);
        assertThatThrownBy(() -> sessions.record(a, client.id(), draft("after closing")))
                .isInstanceOf(CaseAccess.WrongStageException.class);
    }

    @Test
    void theOverviewShowsASummaryWithoutNoteTextAndNextStepsCanBeMarkedDone() throws Exception {
        mvc.perform(session("Summary note text that stays off the overview",
                        "sessionDate", today.minusDays(2).toString(),
                        "nextSteps", "Visit the job centre together",
                        "nextStepsDue", today.plusDays(4).toString(),
                        "nextMeeting", today.plusDays(5).atTime(9, 15).toString(), "nextMeetingPlace", "OFFICE").with(as(a)))
                .andExpect(status().is3xxRedirection());
        mvc.perform(session("Another note text", "sessionDate", today.minusDays(1).toString()).with(as(a)))
                .andExpect(status().is3xxRedirection());

        String overview = mvc.perform(get("/cases/" + client.id()).with(as(b))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(overview).contains("data-testid=\"session-summary\"")
                .contains(today.minusDays(1).format(SHOWN))
                .contains(today.plusDays(5).atTime(9, 15).format(SHOWN_TIME))
                .contains("Visit the job centre together").contains(today.plusDays(4).format(SHOWN))
                .doesNotContain("Summary note text that stays off the overview").doesNotContain("Another note text");
        SessionService.Summary summary = sessions.summary(b, client.id());
        assertThat(summary.sessions()).isEqualTo(2);
        assertThat(summary.lastSession()).isEqualTo(today.minusDays(1));
        assertThat(summary.openSteps()).hasSize(1);

        UUID withSteps = summary.openSteps().get(0).sessionId();
        mvc.perform(post(url() + "/" + withSteps + "/next-steps-done").with(csrf()).with(as(b)))
                .andExpect(status().is3xxRedirection());
        assertThat(sessions.summary(b, client.id()).openSteps()).isEmpty();
        assertThat(sessions.page(a, client.id()).sessions().get(1).nextStepsDoneOn()).isEqualTo(sessions.today());
        assertThat(actions()).contains(SessionActions.NEXT_STEPS_DONE).doesNotContain(SessionActions.SESSION_SUMMARY_READ);
        // The overview's one entry names what its summary showed (issue 19: one entry per page view).
        assertThat(audit.about(org.id(), client.pseudonym()).stream().filter(e -> e.action().equals("CASE_READ"))
                .map(AuditEntry::detail)).containsExactly(AuditDetail.of("case.read-page-none", "tandem", 2, 1, 0));
        // Marking again changes nothing and is not recorded twice.
        mvc.perform(post(url() + "/" + withSteps + "/next-steps-done").with(csrf()).with(as(b)))
                .andExpect(status().is3xxRedirection());
        assertThat(actions().stream().filter(SessionActions.NEXT_STEPS_DONE::equals)).hasSize(1);
    }

    @Test
    void theNextMeetingIsTheNewestPlanAndOnlyWhileItLiesAhead() {
        sessions.record(a, client.id(), withMeeting(today.minusDays(10), today.plusDays(20)));
        sessions.record(a, client.id(), withMeeting(today.minusDays(3), today.plusDays(2)));
        sessions.record(a, client.id(), draft("no plan this time"));
        assertThat(sessions.summary(a, client.id()).nextMeeting()).isEqualTo(today.plusDays(2).atTime(10, 0));
        assertThat(agenda.nextMeetings(a, clock.instant())).extracting(SessionAgenda.NextMeeting::at)
                .containsExactly(today.plusDays(2).atTime(10, 0).atZone(SessionService.ZONE).toInstant());

        // A newer plan that has already passed: no next meeting, and the older plan does not come back.
        sessions.record(a, client.id(), withMeeting(today.minusDays(1), today.minusDays(1)));
        assertThat(sessions.summary(a, client.id()).nextMeeting()).isNull();
        assertThat(agenda.nextMeetings(a, clock.instant())).isEmpty();
    }

    @Test
    void theAgendaShowsOnlyThePractitionersOwnRunningCasesAndNoText() {
        // a's case with b: due steps and a meeting.
        sessions.record(a, client.id(), withSteps(today.minusDays(1), "Overdue step", today.minusDays(1)));
        sessions.record(a, client.id(), withSteps(today, "Due soon", today.plusDays(3)));
        sessions.record(a, client.id(), withSteps(today, "Due much later", today.plusDays(30)));
        sessions.record(a, client.id(), withSteps(today, "No due date", null));
        UUID done = sessions.record(a, client.id(), withSteps(today, "Already done", today.plusDays(1)));
        sessions.markNextStepsDone(a, client.id(), done);
        sessions.record(a, client.id(), withMeeting(today, today.plusDays(2)));
        // A colleague's case that a is not part of.
        RegisteredClient colleagues = fixtures.client(colleague, b, Fixtures.unique("Colleague's Client "));
        sessions.record(colleague, colleagues.id(), withSteps(today, "Colleague's step", today.plusDays(1)));
        sessions.record(colleague, colleagues.id(), withMeeting(today, today.plusDays(1)));
        // A closed case of a's.
        RegisteredClient closed = fixtures.client(a, b, Fixtures.unique("Closed Client "));
        sessions.record(a, closed.id(), withSteps(today, "Step of a closed case", today.plusDays(1)));
        jdbc.sql("UPDATE cas_client SET stage = 'CLOSED' WHERE id = ?").param(closed.id()).update();

        List<SessionAgenda.DueStep> due = agenda.nextStepsDue(a, today.plusDays(7));
        assertThat(due).extracting(SessionAgenda.DueStep::dueOn)
                .containsExactly(today.minusDays(1), today.plusDays(3));
        assertThat(due).extracting(SessionAgenda.DueStep::clientId).containsOnly(client.id());
        assertThat(due).extracting(SessionAgenda.DueStep::pseudonym).containsOnly(client.pseudonym());

        List<SessionAgenda.NextMeeting> meetings = agenda.nextMeetings(a, clock.instant());
        assertThat(meetings).extracting(SessionAgenda.NextMeeting::clientId).containsExactly(client.id());
        assertThat(meetings.get(0).at()).isEqualTo(today.plusDays(2).atTime(10, 0).atZone(SessionService.ZONE)
                .toInstant());

        // b carries both cases; the colleague only theirs.
        assertThat(agenda.nextStepsDue(b, today.plusDays(7))).extracting(SessionAgenda.DueStep::clientId)
                .contains(client.id(), colleagues.id()).doesNotContain(closed.id());
        assertThat(agenda.nextMeetings(colleague, clock.instant())).extracting(SessionAgenda.NextMeeting::clientId)
                .containsExactly(colleagues.id());
        // Another organisation's practitioner, and a manager, see nothing of it.
        StaffPrincipal stranger = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);
        assertThat(agenda.nextStepsDue(stranger, today.plusDays(365))).isEmpty();
        assertThat(agenda.nextMeetings(fixtures.staff(org, Role.MANAGER), Instant.EPOCH)).isEmpty();
        assertThatThrownBy(() -> agenda.nextStepsDue(org.admin(), today))
                .isInstanceOf(org.exitwork.platform.ForbiddenException.class);
    }

    @Test
    void noteNextStepsAndContextAreNowhereInPlainText() throws Exception {
        mvc.perform(post("/cases/" + client.id() + "/context/persons").with(as(a)).with(csrf())
                        .param("relation", "SIBLING").param("name", "Qzyxbrother Markername")
                        .param("note", "Contextnotemarker: lives in Vlorpstadt"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/cases/" + client.id() + "/context/institutions").with(as(a)).with(csrf())
                        .param("kind", "PRISON").param("institutionName", "Institutionmarker JVA Wurbelfeld")
                        .param("since", today.minusDays(30).toString()))
                .andExpect(status().is3xxRedirection());
        UUID person = jdbc.sql("SELECT id FROM cas_context_person WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        mvc.perform(session("Sessionnotemarker: the Grubbelhof story", "nextSteps", "Nextstepmarker: call Plimbury",
                        "persons", person.toString(), "nextStepsDue", today.plusDays(2).toString()).with(as(a)))
                .andExpect(status().is3xxRedirection());
        // Reading and searching write audit entries; those must not carry content either.
        mvc.perform(get(url()).with(as(a))).andExpect(status().isOk());
        mvc.perform(get("/cases/" + client.id()).with(as(a))).andExpect(status().isOk());
        mvc.perform(get("/cases/" + client.id() + "/context").with(as(a))).andExpect(status().isOk());
        mvc.perform(get("/cases/search").param("q", "Grubbelhof").with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Grubbelhof")));

        List<String> markers = List.of("Sessionnotemarker", "Grubbelhof", "Nextstepmarker", "Plimbury",
                "Qzyxbrother", "Markername", "Contextnotemarker", "Vlorpstadt", "Institutionmarker", "Wurbelfeld");
        assertThat(DatabaseScan.find(dataSource, List.of(client.pseudonym()))).as("the scan can find").isNotEmpty();
        assertThat(DatabaseScan.find(dataSource, markers)).isEmpty();
    }

    private SessionService.SessionDraft draft(String note) {
        return new SessionService.SessionDraft(today, null, Setting.ONE_ON_ONE, null, true, Set.of(), Set.of(),
                Set.of(), note, null, null, null);
    }

    private SessionService.SessionDraft withSteps(LocalDate date, String steps, LocalDate due) {
        return new SessionService.SessionDraft(date, null, Setting.TANDEM, null, true, Set.of(), Set.of(), Set.of(),
                "note", steps, due, null);
    }

    private SessionService.SessionDraft withMeeting(LocalDate date, LocalDate meeting) {
        return new SessionService.SessionDraft(date, null, Setting.TANDEM, null, true, Set.of(), Set.of(), Set.of(),
                "note", null, null, meeting.atTime(10, 0).atZone(SessionService.ZONE).toInstant());
    }

    private long sessionCount() {
        return jdbc.sql("SELECT COUNT(*) FROM cas_session_note WHERE client_id = ?").param(client.id())
                .query(Long.class).single();
    }

    private List<String> actions() {
        return audit.about(org.id(), client.pseudonym()).stream().map(AuditEntry::action).toList();
    }
}
