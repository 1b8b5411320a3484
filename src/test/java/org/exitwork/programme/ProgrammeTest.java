package org.exitwork.programme;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseFigures;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Programmes: their design by managers, the outcomes rated with the client, the case's programme,
 * and the manager's figures, which count groups of cases and name nobody.
 */
@DatabaseTest
@AutoConfigureMockMvc
class ProgrammeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    AuditLog audit;

    @Autowired
    CaseFigures figures;

    @Autowired
    Clock clock;

    Fixtures.Organisation org;
    StaffPrincipal manager;
    StaffPrincipal a;
    StaffPrincipal b;
    LocalDate today;

    @BeforeEach
    void organisation() {
        org = fixtures.organisation();
        manager = fixtures.staff(org, Role.MANAGER);
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        today = LocalDate.now(clock);
    }

    // ---------------------------------------------------------------------------------------------
    // Design

    @Test
    void aManagerDesignsAProgrammeThatEveryoneReads() throws Exception {
        UUID id = programme(manager, "Exit Nord");
        String page = page(get("/programmes/{id}", id), a);
        assertThat(page).contains("<dd>Exit Nord</dd>").contains("Leaving the scene for good")
                .contains("Young people in prisons").contains("Right-wing extremism").contains("Through a prison");
        assertThat(page(get("/programmes/{id}?lang=de", id), a)).contains("Rechtsextremismus").contains("Über eine Justizvollzugsanstalt");
        assertThat(page(get("/programmes"), org.admin())).contains("Exit Nord");
        // A practitioner reads, but neither designs nor sees the figures.
        assertThat(status(post("/programmes").param("name", "Mine").param("goal", "g").param("targetGroups", "t"), a))
                .isEqualTo(403);
        assertThat(page).doesNotContain("data-testid=\"dashboard-link\"").doesNotContain("data-testid=\"edit-programme\"");
        assertThat(recent(ProgrammeActionsView.PROGRAMME_CREATED)).extracting(AuditEntry::detail)
                .containsExactly(AuditDetail.of("programme.designed", id, 1, 1, 1));
    }

    @Test
    void theAdministratorDesignsToo() throws Exception {
        MockHttpServletResponse created = mvc.perform(post("/programmes").with(as(org.admin())).with(csrf())
                .param("name", "Admin's programme").param("goal", "A goal").param("targetGroups", "Families"))
                .andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(302);
        assertThat(created.getRedirectedUrl()).matches("/programmes/[0-9a-f-]{36}");
    }

    @Test
    void aProgrammeWithoutNameOrWithATakenNameIsNotSaved() throws Exception {
        programme(manager, "Taken");
        long before = programmes();
        assertThat(status(post("/programmes").param("name", " ").param("goal", "g").param("targetGroups", "t"), manager))
                .isEqualTo(400);
        assertThat(status(post("/programmes").param("name", "taken").param("goal", "g").param("targetGroups", "t"), manager))
                .isEqualTo(400);
        assertThat(status(post("/programmes").param("name", "Other").param("goal", "g").param("targetGroups", "t")
                .param("areas", "NO_SUCH_AREA"), manager)).isEqualTo(400);
        assertThat(programmes()).isEqualTo(before);
    }

    @Test
    void outcomesGetIndicatorsOneMoreRowAtATime() throws Exception {
        UUID id = programme(manager, "With outcomes");
        MockHttpServletRequestBuilder more = outcome(post("/programmes/{id}/outcomes", id)).param("add", "indicator");
        MockHttpServletResponse shown = mvc.perform(more.with(as(manager)).with(csrf())).andReturn().getResponse();
        assertThat(shown.getStatus()).isEqualTo(200);
        assertThat(shown.getContentAsString()).contains("data-testid=\"indicator-2\"").doesNotContain("data-testid=\"indicator-3\"")
                .contains("value=\"Contacts to the scene\"");
        assertThat(outcomes(id)).isZero();

        assertThat(status(outcome(post("/programmes/{id}/outcomes", id)).param("indicators[1].name", "Half a row"), manager))
                .isEqualTo(400);
        assertThat(status(outcome(post("/programmes/{id}/outcomes", id), "7", "gar nicht"), manager)).isEqualTo(400);
        assertThat(status(outcome(post("/programmes/{id}/outcomes", id), "5", " "), manager)).isEqualTo(400);
        assertThat(outcomes(id)).isZero();

        assertThat(status(outcome(post("/programmes/{id}/outcomes", id)), manager)).isEqualTo(302);
        assertThat(outcomes(id)).isEqualTo(1);
        String page = page(get("/programmes/{id}", id), a);
        assertThat(page).contains("Feels safe outside the scene").contains("Contacts to the scene")
                .contains("should decrease").contains("monthly").contains("1 (not at all) to 5 (completely)");
        assertThat(page(get("/programmes/{id}?lang=de", id), a)).contains("soll sinken").contains("monatlich")
                .contains("1 (gar nicht) bis 5 (völlig)");
    }

    // ---------------------------------------------------------------------------------------------
    // A case's programme and its outcomes rated with the client

    @Test
    void aCaseWithoutProgrammeSaysSoAndTheTandemChoosesOne() throws Exception {
        UUID id = programme(manager, "Chosen");
        RegisteredClient client = fixtures.client(a, b, Fixtures.unique("Client "));
        assertThat(page(get("/cases/{id}", client.id()), a)).contains("data-testid=\"programme-of-case\">No programme<");
        assertThat(status(post("/cases/{id}/programme", client.id()).param("programme", UUID.randomUUID().toString()), a))
                .isEqualTo(400);
        assertThat(status(post("/cases/{id}/programme", client.id()).param("programme", "not-an-id"), a)).isEqualTo(400);
        assertThat(programmeOf(client.id())).isNull();
        assertThat(status(post("/cases/{id}/programme", client.id()).param("programme", id.toString()), a)).isEqualTo(302);
        assertThat(programmeOf(client.id())).isEqualTo(id);
        assertThat(page(get("/cases/{id}", client.id()), a)).contains("data-testid=\"programme-of-case\">Chosen<");
        // A manager may move it, e.g. back to none; someone outside the tandem may not.
        StaffPrincipal other = fixtures.staff(org, Role.PRACTITIONER);
        assertThat(status(post("/cases/{id}/programme", client.id()).param("programme", "none"), other)).isEqualTo(403);
        assertThat(status(post("/cases/{id}/programme", client.id()).param("programme", "none"), manager)).isEqualTo(302);
        assertThat(programmeOf(client.id())).isNull();
    }

    @Test
    void theProgrammeIsChosenWhenTheClientIsTakenOn() throws Exception {
        UUID id = programme(manager, "From the start");
        RegisteredClient prospect = fixtures.prospect(a);
        fixtures.safetyDiscussion(prospect.id(), a);
        assertThat(page(get("/cases/{id}/take-on", prospect.id()), a)).contains("From the start");
        assertThat(status(takeOn(prospect.id()).param("programme", UUID.randomUUID().toString()), a)).isEqualTo(400);
        assertThat(jdbc.sql("SELECT stage FROM cas_client WHERE id = ?").param(prospect.id()).query(String.class).single())
                .isEqualTo("PROSPECT");
        assertThat(status(takeOn(prospect.id()).param("programme", id.toString()), a)).isEqualTo(302);
        assertThat(programmeOf(prospect.id())).isEqualTo(id);
    }

    private MockHttpServletRequestBuilder takeOn(UUID prospect) {
        return post("/cases/{id}/take-on", prospect).param("givenOn", today.minusDays(1).toString())
                .param("informedHow", "TALK_ONLY")
                .param("informationText", fixtures.consent(org.id(), "en").informationText().toString())
                .param("language", "en").param("fullName", Fixtures.unique("Taken On ")).param("secondPractitioner",
                        b.id().toString());
    }

    @Test
    void theTandemRatesOutcomesWithTheClientAndTheCasePageChartsFirstAndLatest() throws Exception {
        UUID id = programme(manager, "Rated");
        UUID outcome = addOutcome(id);
        RegisteredClient client = clientIn(id);
        String comment = Fixtures.unique("rating-comment-");
        assertThat(status(rating(client.id(), today.minusDays(30), outcome, "2").param("entries[0].comment", comment), a))
                .isEqualTo(302);
        assertThat(status(rating(client.id(), today.minusDays(1), outcome, "4"), b)).isEqualTo(302);
        // Refused, nothing stored: off the scale, in the future, the same day again, someone outside the tandem.
        assertThat(status(rating(client.id(), today.minusDays(2), outcome, "6"), a)).isEqualTo(400);
        assertThat(status(rating(client.id(), today.plusDays(1), outcome, "3"), a)).isEqualTo(400);
        assertThat(status(rating(client.id(), today.minusDays(1), outcome, "3"), a)).isEqualTo(400);
        assertThat(status(rating(client.id(), today.minusDays(3), UUID.randomUUID(), "3"), a)).isEqualTo(400);
        assertThat(status(rating(client.id(), today.minusDays(3), outcome, "3"), fixtures.staff(org, Role.PRACTITIONER)))
                .isEqualTo(403);
        assertThat(ratings(client.id())).isEqualTo(2);

        // The comment is sealed with the client's key; the ratings page opens it for the tandem.
        assertThat(DatabaseScan.find(dataSource, List.of(comment))).isEmpty();
        assertThat(page(get("/cases/{id}/outcomes", client.id()), a)).contains(comment).contains("2 of 5").contains("4 of 5");

        String casePage = page(get("/cases/{id}", client.id()), a);
        assertThat(casePage).contains("data-testid=\"chart-outcomes\"")
                .contains("<title id=\"outcomes-title\">First and latest rating per outcome</title>")
                .contains("<desc id=\"outcomes-desc\">");
        assertThat(rowOf(casePage, "Feels safe outside the scene (1 to 5)")).containsExactly("2", "4");
        assertThat(rowOf(page(get("/cases/{id}?lang=de", client.id()), a), "Feels safe outside the scene (1 bis 5)"))
                .containsExactly("2", "4");
    }

    @Test
    void aProspectIsNotRated() throws Exception {
        UUID id = programme(manager, "Not yet");
        UUID outcome = addOutcome(id);
        RegisteredClient prospect = fixtures.prospect(a);
        assertThat(status(post("/cases/{id}/programme", prospect.id()).param("programme", id.toString()), a))
                .isEqualTo(302);
        assertThat(status(rating(prospect.id(), today.minusDays(1), outcome, "3"), a)).isEqualTo(409);
        assertThat(ratings(prospect.id())).isZero();
    }

    @Test
    void erasingTheClientDeletesTheRatings() throws Exception {
        UUID id = programme(manager, "Erased");
        UUID outcome = addOutcome(id);
        RegisteredClient client = clientIn(id);
        assertThat(status(rating(client.id(), today.minusDays(1), outcome, "3"), a)).isEqualTo(302);
        assertThat(ratings(client.id())).isEqualTo(1);
        assertThat(status(post("/cases/{id}/ending/clients-choice", client.id())
                .param("endedOn", today.toString()).param("eraseNow", "true"), a)).isEqualTo(302);
        assertThat(ratings(client.id())).isZero();
    }

    // ---------------------------------------------------------------------------------------------
    // The manager's figures

    @Test
    void theFiguresCountTheProgrammesCasesInSql() throws Exception {
        UUID id = programme(manager, "Counted");
        UUID elsewhere = programme(manager, "Elsewhere");
        RegisteredClient first = clientIn(id);
        RegisteredClient second = clientIn(id);
        clientIn(elsewhere);
        // A prospect is carried by the one practitioner who opened it until the tandem is complete.
        RegisteredClient prospect = fixtures.prospect(a);
        assertThat(status(post("/cases/{id}/programme", prospect.id()).param("programme", id.toString()), a))
                .isEqualTo(302);
        fixtures.note(a, first.id(), "a session");
        fixtures.note(a, first.id(), "another session");
        fixtures.note(b, second.id(), "a session");

        YearMonth now = YearMonth.from(today);
        CaseFigures.Figures f = figures.figures(CaseFigures.Scope.programme(org.id(), id, now.minusMonths(11), now), today);
        assertThat(f.byStage()).containsEntry("CLIENT", 2L).containsEntry("PROSPECT", 1L).containsEntry("CLOSED", 0L);
        assertThat(f.byArea()).containsEntry(PhenomenonArea.UNCLEAR, 3L).containsEntry(PhenomenonArea.RIGHT_WING, 0L);
        assertThat(f.byPathway()).containsEntry(Pathway.SELF_REFERRAL, 3L);
        assertThat(f.takenOn()).hasSize(12);
        assertThat(f.sessions().get(11)).isEqualTo(new CaseFigures.Sessions(now, 3, 2));
        assertThat(f.singlePractitioner()).isEqualTo(1);
        assertThat(f.overdueNextSteps()).isZero();
        assertThat(f.caseload()).containsEntry(a.id(), 3L).containsEntry(b.id(), 2L).hasSize(2);
        assertThat(f.toConsent().cases()).isEqualTo(2);
        assertThat(f.toFirstSession()).isEqualTo(new CaseFigures.Median(0.0, 2));
    }

    @Test
    void theDashboardIsAuditedNamesNoClientAndEachFigureIsACsvFile() throws Exception {
        UUID id = programme(manager, "Dashboard");
        UUID outcome = addOutcome(id);
        RegisteredClient client = clientIn(id);
        RegisteredClient other = clientIn(id);
        rateTwice(client.id(), outcome, "2", "4");
        rateTwice(other.id(), outcome, "3", "3");

        String page = page(get("/programmes/{id}/dashboard", id), manager);
        assertThat(page).contains("<title id=\"stages-title\">Cases by stage</title>")
                .contains("data-testid=\"chart-caseload\"").contains("/programmes/" + id + "/dashboard/outcomes.csv")
                .doesNotContain(client.pseudonym()).doesNotContain(other.pseudonym()).doesNotContain("/cases/");
        assertThat(rowOf(page, "Client")).containsExactly("2");
        assertThat(rowOf(page, "Feels safe outside the scene (1 to 5; 2 clients: 1 rated higher, 0 lower)"))
                .containsExactly("2.5", "3.5");
        assertThat(recent(ProgrammeActionsView.DASHBOARD_OPENED)).extracting(AuditEntry::detail)
                .containsExactly(AuditDetail.of("programme.dashboard", id));

        MockHttpServletResponse csv = mvc.perform(get("/programmes/{id}/dashboard/{f}.csv", id, "stages").with(as(manager)))
                .andReturn().getResponse();
        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo("\"Stage\",\"Cases\"\r\n\"Prospect\",\"0\"\r\n\"Client\",\"2\"\r\n\"Closed\",\"0\"\r\n");
        assertThat(mvc.perform(get("/programmes/{id}/dashboard/{f}.csv?lang=de", id, "stages").with(as(manager)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo("\"Stand\",\"Fälle\"\r\n\"Interessent*in\",\"0\"\r\n\"Klient*in\",\"2\"\r\n\"Abgeschlossen\",\"0\"\r\n");
        assertThat(mvc.perform(get("/programmes/{id}/dashboard/{f}.csv", id, "pseudonyms").with(as(manager)))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(recent(ProgrammeActionsView.FIGURES_DOWNLOADED)).extracting(AuditEntry::detail)
                .containsExactly(AuditDetail.of("programme.figures", id, "stages"), AuditDetail.of("programme.figures", id, "stages"));
    }

    @Test
    void thePageChartsTheTwentyFiveLargestCaseloadsAndTheCsvFileEveryOne() throws Exception {
        UUID id = programme(manager, "National");
        List<StaffPrincipal> colleagues = new java.util.ArrayList<>();
        for (int i = 0; i < 26; i++) {
            StaffPrincipal colleague = fixtures.staff(org, Role.PRACTITIONER);
            colleagues.add(colleague);
            RegisteredClient client = fixtures.client(a, colleague, Fixtures.unique("Client "));
            assertThat(status(post("/cases/{id}/programme", client.id()).param("programme", id.toString()), a)).isEqualTo(302);
        }
        RegisteredClient shared = fixtures.client(colleagues.get(0), colleagues.get(1), Fixtures.unique("Client "));
        assertThat(status(post("/cases/{id}/programme", shared.id()).param("programme", id.toString()), colleagues.get(0)))
                .isEqualTo(302);
        // 27 practitioners carry the programme's cases: a 26, the first two colleagues 2, the others 1 each.
        List<StaffPrincipal> ones = colleagues.subList(2, 26).stream()
                .sorted(java.util.Comparator.comparing(StaffPrincipal::id)).toList();

        String page = page(get("/programmes/{id}/dashboard", id), manager);
        String chart = page.substring(page.indexOf("data-testid=\"chart-caseload\""));
        chart = chart.substring(0, chart.indexOf("</figure>"));
        assertThat(chart).contains("<h3>Caseload per practitioner: the 25 with the most open cases, of 27 (every one in"
                + " the CSV file)</h3>");
        assertThat(rowOf(chart, a.displayName())).containsExactly("26");
        assertThat(rowOf(chart, colleagues.get(0).displayName())).containsExactly("2");
        assertThat(rowOf(chart, colleagues.get(1).displayName())).containsExactly("2");
        assertThat(rowOf(chart, ones.get(21).displayName())).containsExactly("1");
        assertThat(chart).doesNotContain(ones.get(22).displayName(), ones.get(23).displayName());
        assertThat(chart.split("<tr>", -1)).as("the head row and 25").hasSize(27);

        String csv = mvc.perform(get("/programmes/{id}/dashboard/{f}.csv", id, "caseload").with(as(manager)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n")).as("the head row and every one of the 27").hasSize(28);
        assertThat(csv).contains("\"" + a.displayName() + "\",\"26\"\r\n", "\"" + ones.get(23).displayName() + "\",\"1\"\r\n");
    }

    // ---------------------------------------------------------------------------------------------

    /** The action codes as the audit log stores them (the constants live in the module's internals). */
    static final class ProgrammeActionsView {
        static final String PROGRAMME_CREATED = "PROGRAMME_CREATED";
        static final String DASHBOARD_OPENED = "PROGRAMME_DASHBOARD_OPENED";
        static final String FIGURES_DOWNLOADED = "PROGRAMME_FIGURES_DOWNLOADED";
    }

    private UUID programme(StaffPrincipal who, String name) throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/programmes").with(as(who)).with(csrf())
                .param("name", name).param("goal", "Leaving the scene for good")
                .param("targetGroups", "Young people in prisons").param("areas", "RIGHT_WING")
                .param("pathways", "PRISON").param("staff", a.id().toString()))
                .andReturn().getResponse();
        assertThat(response.getStatus()).as("programme saved").isEqualTo(302);
        return UUID.fromString(response.getRedirectedUrl().substring("/programmes/".length()));
    }

    private static MockHttpServletRequestBuilder outcome(MockHttpServletRequestBuilder request) {
        return outcome(request, "5", "gar nicht");
    }

    private static MockHttpServletRequestBuilder outcome(MockHttpServletRequestBuilder request, String scale,
            String lowDe) {
        return request.param("name", "Feels safe outside the scene").param("scaleMax", scale)
                .param("lowEn", "not at all").param("lowDe", lowDe).param("highEn", "completely")
                .param("highDe", "völlig").param("indicators[0].name", "Contacts to the scene")
                .param("indicators[0].direction", "DECREASE").param("indicators[0].baseline", "weekly")
                .param("indicators[0].frequency", "MONTHLY");
    }

    private UUID addOutcome(UUID programme) throws Exception {
        assertThat(status(outcome(post("/programmes/{id}/outcomes", programme)), manager)).isEqualTo(302);
        return jdbc.sql("SELECT id FROM prg_outcome WHERE programme_id = ?").param(programme).query(UUID.class).single();
    }

    private RegisteredClient clientIn(UUID programme) throws Exception {
        RegisteredClient client = fixtures.client(a, b, Fixtures.unique("Client "));
        assertThat(status(post("/cases/{id}/programme", client.id()).param("programme", programme.toString()), a))
                .isEqualTo(302);
        return client;
    }

    private MockHttpServletRequestBuilder rating(UUID client, LocalDate on, UUID outcome, String score) {
        return post("/cases/{id}/outcomes", client).param("ratedOn", on.toString())
                .param("entries[0].outcome", outcome.toString()).param("entries[0].score", score);
    }

    private void rateTwice(UUID client, UUID outcome, String first, String latest) throws Exception {
        assertThat(status(rating(client, today.minusDays(20), outcome, first), a)).isEqualTo(302);
        assertThat(status(rating(client, today.minusDays(2), outcome, latest), a)).isEqualTo(302);
    }

    private int status(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return mvc.perform(request.with(as(who)).with(csrf())).andReturn().getResponse().getStatus();
    }

    private String page(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        MockHttpServletResponse response = mvc.perform(request.with(as(who))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    /** The cells after the label cell of a chart's data table row. */
    private static List<String> rowOf(String page, String label) {
        Matcher row = Pattern.compile("<tr>\\s*<td data-label=\"[^\"]*\">" + Pattern.quote(label) + "</td>(.*?)</tr>",
                Pattern.DOTALL).matcher(page);
        assertThat(row.find()).as("a table row for " + label).isTrue();
        Matcher cell = Pattern.compile("<td data-label=\"[^\"]*\">([^<]*)</td>").matcher(row.group(1));
        List<String> cells = new java.util.ArrayList<>();
        while (cell.find()) {
            cells.add(cell.group(1));
        }
        return cells;
    }

    private List<AuditEntry> recent(String action) {
        return audit.recent(org.id(), 200).stream().filter(e -> e.action().equals(action)).toList();
    }

    private long programmes() {
        return jdbc.sql("SELECT COUNT(*) FROM prg_programme WHERE org_id = ?").param(org.id()).query(Long.class).single();
    }

    private long outcomes(UUID programme) {
        return jdbc.sql("SELECT COUNT(*) FROM prg_outcome WHERE programme_id = ?").param(programme).query(Long.class).single();
    }

    private long ratings(UUID client) {
        return jdbc.sql("SELECT COUNT(*) FROM prg_outcome_rating WHERE client_id = ?").param(client).query(Long.class).single();
    }

    private UUID programmeOf(UUID client) {
        return jdbc.sql("SELECT programme_id FROM cas_client WHERE id = ?").param(client).query(UUID.class).optional()
                .orElse(null);
    }
}
