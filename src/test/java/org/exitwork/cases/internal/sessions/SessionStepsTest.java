package org.exitwork.cases.internal.sessions;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.internal.context.ContextRelation;
import org.exitwork.cases.internal.context.ContextService;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.StaffRequests;
import org.exitwork.testing.StepPages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Recording a session one question per page: every step answers with the next question (or its own
 * errors, 400), the participants follow the setting chosen before them without any script, "Change"
 * returns to the question with every answer kept, and only the final post to the sessions endpoint
 * records anything: one session, with what was typed on every page.
 */
@DatabaseTest
class SessionStepsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ContextService context;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    RegisteredClient client;
    UUID aunt;
    String m;
    LocalDate today;

    @BeforeEach
    void setUp() {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, Fixtures.unique("Steps Session Client "));
        aunt = context.addPerson(a, client.id(), new ContextService.PersonDraft(ContextRelation.OTHER_RELATIVE,
                "Aunt Roundtrip", null));
        m = Fixtures.unique("sessionstepmarker").replace("-", "");
        today = LocalDate.now(SessionService.ZONE);
    }

    @Test
    void everyStepLeadsToTheNextAndTheCheckPagePostsEverythingToTheSessionsEndpoint() throws Exception {
        String note = "Talked with the aunt about the move " + m;
        String nextSteps = "Call the housing office " + m;
        String url = "/cases/" + client.id() + "/sessions";

        String page = step(web.perform(get(url + "/steps"), a), 200, "when");
        assertThat(page).contains("value=\"" + today + "\"").contains(url + "#new-session");

        page = step(answer("when", page, "sessionDate", today.minusDays(1).toString(), "durationMinutes", "45",
                "setting", "CONTEXT_ONLY", "placeKind", "OFFICE"), 200, "who");
        // A session with the context alone: the client is not ticked, the recording practitioner is.
        assertThat(page).contains("<input type=\"checkbox\" id=\"clientPresent1\" name=\"clientPresent\" value=\"true\">")
                .containsPattern("value=\"" + a.id() + "\" id=\"staff\\d\" name=\"staff\" checked=\"checked\"")
                .containsPattern("value=\"" + b.id() + "\" id=\"staff\\d\" name=\"staff\">").contains("Aunt Roundtrip");
        assertThat(StepPages.hidden(page)).containsEntry("setting", List.of("CONTEXT_ONLY"))
                .containsEntry("durationMinutes", List.of("45"));

        page = step(answer("who", page, "staff", a.id().toString(), "persons", aunt.toString()), 200, "what");
        page = step(answer("what", page, "text", note, "themes", "FAMILY_HISTORY"), 200, "next");
        assertThat(page).contains("aria-invalid=\"false\" name=\"nextMeetingMinutes\" value=\"60\"");

        String check = answer("next", page, "nextSteps", nextSteps, "nextStepsDue", today.plusDays(7).toString())
                .getContentAsString();
        assertThat(check).contains("data-testid=\"session-check\"").contains(note).contains(nextSteps)
                .contains("Aunt Roundtrip").contains("Family or context, without the client").contains("45 min");
        assertThat(StepPages.actions(check)).contains(url);
        assertThat(StepPages.hidden(check)).containsEntry("text", List.of(note))
                .containsEntry("persons", List.of(aunt.toString())).containsEntry("setting", List.of("CONTEXT_ONLY"))
                .containsEntry("nextSteps", List.of(nextSteps)).containsEntry("_clientPresent", List.of("on"))
                .doesNotContainKey("clientPresent");

        // Nothing rests anywhere before the final post, the session tables included.
        assertThat(DatabaseScan.tables(dataSource).stream().map(String::toLowerCase)).contains("spring_session",
                "spring_session_attributes");
        assertThat(DatabaseScan.find(dataSource, List.of(m))).isEmpty();
        assertThat(sessionRows()).isZero();

        MockHttpServletResponse saved = web.perform(StepPages.submit(post(url), check), a);
        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(saved.getRedirectedUrl()).isEqualTo(url);
        assertThat(sessionRows()).isEqualTo(1);
        UUID session = jdbc.sql("SELECT id FROM cas_session_note WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        assertThat(jdbc.sql("SELECT client_present FROM cas_session_note WHERE id = ?").param(session)
                .query(Boolean.class).single()).isFalse();
        assertThat(jdbc.sql("SELECT setting FROM cas_session_note WHERE id = ?").param(session).query(String.class)
                .single()).isEqualTo("CONTEXT_ONLY");
        String sessions = web.page(url, a);
        assertThat(sessions).contains(note).contains(nextSteps);
    }

    @Test
    void aStepWithAnErrorAnswers400KeepsTheEarlierAnswersAndWritesNothing() throws Exception {
        String url = "/cases/" + client.id() + "/sessions";
        String page = step(web.perform(get(url + "/steps"), a), 200, "when");
        String noSetting = step(answer("when", page, "sessionDate", today.toString(), "setting", ""), 400, "when");
        assertThat(noSetting).contains("There is a problem").contains("href=\"#setting\"");
        String future = step(answer("when", page, "sessionDate", today.plusDays(2).toString(), "setting", "ONE_ON_ONE"),
                400, "when");
        assertThat(future).contains("href=\"#sessionDate\"").contains("The date must not lie in the future.");

        page = step(answer("when", page, "sessionDate", today.toString(), "setting", "ONE_ON_ONE"), 200, "who");
        page = step(answer("who", page, "clientPresent", "true", "staff", a.id().toString()), 200, "what");
        String noNote = step(answer("what", page, "text", "   "), 400, "what");
        assertThat(noNote).contains("href=\"#text\"");
        assertThat(StepPages.hidden(noNote)).containsEntry("setting", List.of("ONE_ON_ONE"))
                .containsEntry("clientPresent", List.of("true")).containsEntry("staff", List.of(a.id().toString()));

        page = step(answer("what", page, "text", "A note " + m), 200, "next");
        // A due date before the session is judged on its own page, against the date given two pages before.
        String early = step(answer("next", page, "nextSteps", "Steps " + m, "nextStepsDue",
                today.minusDays(3).toString()), 400, "next");
        assertThat(early).contains("href=\"#nextStepsDue\"").contains("The due date cannot lie before the session.")
                .contains("Steps " + m);
        assertThat(StepPages.hidden(early)).containsEntry("text", List.of("A note " + m));

        assertThat(sessionRows()).isZero();
        assertThat(DatabaseScan.find(dataSource, List.of(m))).isEmpty();
    }

    @Test
    void changeOnTheCheckPageReturnsToTheStepWithEveryAnswerKept() throws Exception {
        String url = "/cases/" + client.id() + "/sessions";
        String page = step(web.perform(get(url + "/steps"), a), 200, "when");
        page = step(answer("when", page, "sessionDate", today.minusDays(3).toString(), "setting", "ONE_ON_ONE"), 200,
                "who");
        page = step(answer("who", page, "clientPresent", "true", "staff", a.id().toString()), 200, "what");
        page = step(answer("what", page, "text", "First words " + m), 200, "next");
        String check = answer("next", page, "nextSteps", "Steps", "nextStepsDue", today.minusDays(2).toString(),
                "nextMeetingMinutes", "60").getContentAsString();
        assertThat(check).contains("data-testid=\"session-check\"");

        String what = step(web.perform(StepPages.submit(post(url + "/steps/what/change"), check, "checking", "true"),
                a), 200, "what");
        assertThat(what).contains("First words " + m).contains("<input type=\"hidden\" name=\"checking\" value=\"true\">");
        assertThat(StepPages.hidden(what)).containsEntry("setting", List.of("ONE_ON_ONE"))
                .containsEntry("nextMeetingMinutes", List.of("60")).doesNotContainKey("text");
        // Changed, it goes straight back to the check page.
        String again = answer("what", what, "text", "Better words " + m).getContentAsString();
        assertThat(again).contains("data-testid=\"session-check\"").contains("Better words " + m)
                .doesNotContain("First words");

        // The session moved after the due date: the question of the next steps is asked again, answers kept.
        String when = step(web.perform(StepPages.submit(post(url + "/steps/when/change"), again, "checking", "true"),
                a), 200, "when");
        assertThat(when).contains("value=\"" + today.minusDays(3) + "\"");
        String next = step(answer("when", when, "sessionDate", today.minusDays(1).toString(), "setting",
                "ONE_ON_ONE"), 200, "next");
        assertThat(next).contains("<input type=\"hidden\" name=\"checking\" value=\"true\">")
                .contains("value=\"" + today.minusDays(2) + "\"");
        assertThat(StepPages.hidden(next)).containsEntry("sessionDate", List.of(today.minusDays(1).toString()))
                .containsEntry("text", List.of("Better words " + m));
        String fixed = answer("next", next, "nextSteps", "Steps", "nextStepsDue", today.toString(),
                "nextMeetingMinutes", "60").getContentAsString();
        assertThat(fixed).contains("data-testid=\"session-check\"");
        assertThat(sessionRows()).isZero();
    }

    @Test
    void onlyTheTandemReachesTheSteps() throws Exception {
        StaffPrincipal colleague = fixtures.staff(org, Role.PRACTITIONER);
        String url = "/cases/" + client.id() + "/sessions/steps";
        assertThat(web.status(get(url), colleague)).isEqualTo(403);
        assertThat(web.status(post(url + "/when").param("setting", "ONE_ON_ONE"), colleague)).isEqualTo(403);
        assertThat(web.status(post(url + "/what/change").param("text", "x"), colleague)).isEqualTo(403);
        assertThat(web.status(post(url + "/nonsense").param("text", "x"), a)).isEqualTo(404);
    }

    // ---------------------------------------------------------------------------------------------

    private MockHttpServletResponse answer(String step, String page, String... typed) throws Exception {
        return web.perform(StepPages.submit(post("/cases/{id}/sessions/steps/{step}", client.id(), step), page,
                typed), a);
    }

    private String step(MockHttpServletResponse response, int status, String step) throws Exception {
        String html = response.getContentAsString();
        assertThat(response.getStatus()).as(html).isEqualTo(status);
        assertThat(html).contains("data-step=\"" + step + "\"");
        assertThat(StepPages.actions(html)).contains("/cases/" + client.id() + "/sessions/steps/" + step);
        return html;
    }

    private long sessionRows() {
        return jdbc.sql("SELECT COUNT(*) FROM cas_session_note WHERE client_id = ?").param(client.id())
                .query(Long.class).single();
    }
}
