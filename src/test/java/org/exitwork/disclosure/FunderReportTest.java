package org.exitwork.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.internal.figures.CaseTallies;
import org.exitwork.disclosure.internal.LinkToken;
import org.exitwork.programme.FunderReport;
import org.exitwork.programme.FunderReports;
import org.exitwork.programme.Measure;
import org.exitwork.programme.internal.dashboard.OutcomeTallies;
import org.exitwork.programme.internal.design.Design;
import org.exitwork.programme.internal.design.Programmes;
import org.exitwork.programme.internal.reporting.ReportAttacker;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Funder reports (R17, R7, R1), tried from the outside: who can be a funder, what can be agreed, a
 * report released once through the gate with its small numbers hidden, no period reported twice or
 * overlapping, a released report unchanged by an erasure, and a funder's link that opens that report
 * and nothing else.
 */
@DatabaseTest
@AutoConfigureMockMvc
public class FunderReportTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    Programmes programmes;

    @Autowired
    FunderReports funderReports;

    @Autowired
    Clock clock;

    @Autowired
    CaseTallies caseTallies;

    @Autowired
    OutcomeTallies outcomeTallies;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    javax.sql.DataSource dataSource;

    Fixtures.Organisation org;
    StaffPrincipal manager;
    StaffPrincipal dpo;
    StaffPrincipal a;
    StaffPrincipal b;
    UUID programme;
    UUID funder;
    LocalDate quarter;

    @BeforeEach
    void organisation() throws Exception {
        org = fixtures.organisation();
        manager = fixtures.staff(org, Role.MANAGER);
        dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        programme = programmes.create(manager, new Design.Draft(Fixtures.unique("Exit "), "Leaving for good",
                "Young people", EnumSet.of(PhenomenonArea.RIGHT_WING), EnumSet.noneOf(Pathway.class), Set.of()));
        funder = partner("FUNDER", "Foundation for Democracy");
        LocalDate today = LocalDate.now(clock);
        quarter = today.withDayOfMonth(1).withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1);
    }

    // ---------------------------------------------------------------------------------------------
    // Agreements

    @Test
    void aSecurityPartnerOrASocialServiceCanNeverBeTheFunder() throws Exception {
        for (String kind : List.of("POLICE", "INTELLIGENCE", "HOUSING", "PEER_NGO")) {
            UUID partner = partner(kind, Fixtures.unique("Partner "));
            MockHttpServletResponse refused = send(agreement(partner, "PHENOMENON_AREA"), manager);
            assertThat(refused.getStatus()).as(kind).isEqualTo(400);
            assertThat(refused.getContentAsString(StandardCharsets.UTF_8))
                    .contains("This partner cannot receive funder reports");
        }
        assertThat(agreements()).isZero();
        assertThat(recent("REPORTING_AGREEMENT_REFUSED")).hasSize(4);
        // The form offers funders only.
        assertThat(page(get("/programmes/{id}/agreements/new", programme), manager))
                .contains("Foundation for Democracy").doesNotContain("Partner ");
    }

    @Test
    void breakdownsThatWouldTellAboutReferralsEndingsOrPractitionersAreRefusedByName() throws Exception {
        for (String breakdown : List.of("PATHWAY", "REFERRAL_SOURCE", "REFERRING_PARTNER", "PARTNER")) {
            MockHttpServletResponse refused = send(agreement(funder, breakdown), manager);
            assertThat(refused.getStatus()).as(breakdown).isEqualTo(400);
            assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).as(breakdown)
                    .contains("about the people it referred");
        }
        assertThat(body(send(agreement(funder, "ENDING_REASON"), manager)))
                .contains("own choice leaves no mark");
        assertThat(body(send(agreement(funder, "PRACTITIONER"), manager))).contains("nobody is ranked");
        assertThat(send(agreement(funder, "SOMETHING_ELSE"), manager).getStatus()).isEqualTo(400);
        assertThat(send(agreement(funder, "PHENOMENON_AREA").param("measures", "REFERRALS_RECEIVED"), manager)
                .getStatus()).isEqualTo(400);
        assertThat(agreements()).isZero();
        // Nothing in the catalogue counts referrals or endings by their reason.
        assertThat(EnumSet.allOf(Measure.class)).extracting(Enum::name)
                .noneMatch(n -> n.contains("REFERR") || n.contains("CHOICE") || n.contains("REASON"));
    }

    @Test
    void changingAnAgreementSavesANewVersionAndKeepsTheEarlierOne() throws Exception {
        UUID agreement = makeAgreement(funder, 3, quarter);
        MockHttpServletResponse changed = send(post("/programmes/{id}/agreements/{a}", programme, agreement)
                .param("funder", funder.toString()).param("measures", "CLIENTS_TAKEN_ON")
                .param("periodMonths", "3").param("firstPeriodStart", quarter.toString()).param("language", "en")
                .param("agreedOn", LocalDate.now(clock).toString()).param("reference", "Grant 2").param("version", "1"),
                manager);
        assertThat(changed.getStatus()).isEqualTo(302);
        assertThat(changed.getRedirectedUrl()).isEqualTo("/programmes/" + programme + "/agreements/" + agreement);
        assertThat(jdbc.sql("SELECT version, measures FROM prg_agreement_version WHERE agreement_id = ? ORDER BY version")
                .param(agreement).query((rs, n) -> rs.getInt(1) + ":" + rs.getString(2)).list())
                .containsExactly("1:CLIENTS_WORKED_WITH,CLIENTS_TAKEN_ON,CLIENTS_ENDED,SESSIONS_HELD",
                        "2:CLIENTS_TAKEN_ON");
        // A second save on the version already replaced is refused; nothing is lost.
        MockHttpServletResponse stale = send(post("/programmes/{id}/agreements/{a}", programme, agreement)
                .param("funder", funder.toString()).param("measures", "CLIENTS_ENDED")
                .param("periodMonths", "3").param("firstPeriodStart", quarter.toString()).param("language", "en")
                .param("agreedOn", LocalDate.now(clock).toString()).param("version", "1"), manager);
        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM prg_agreement_version WHERE agreement_id = ?").param(agreement)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(page(get("/programmes/{id}/agreements/{a}", programme, agreement), dpo))
                .contains("Version 2 (current)").contains("Version 1");
    }

    // ---------------------------------------------------------------------------------------------
    // Reports

    @Test
    void aReportGoesOutOnceThroughTheGateAndNoCellOfOneThreeOrNinePeopleIsVisible() throws Exception {
        clientsIn(PhenomenonArea.RIGHT_WING, 12);
        clientsIn(PhenomenonArea.ISLAMIST, 9);
        clientsIn(PhenomenonArea.LEFT_WING, 3);
        clientsIn(PhenomenonArea.CULTS, 1);
        UUID agreement = makeAgreement(funder, 3, quarter);

        // Not before the quarter has ended.
        assertThat(send(post("/programmes/{id}/agreements/{a}/reports/{s}", programme, agreement, quarter), manager)
                .getStatus()).isEqualTo(400);
        endQuarter();
        String preview = page(get("/programmes/{id}/agreements/{a}/reports/{s}", programme, agreement, quarter), manager);
        assertThat(preview).contains("Release the report to the funder");

        MockHttpServletResponse released = send(post("/programmes/{id}/agreements/{a}/reports/{s}", programme,
                agreement, quarter), manager);
        assertThat(released.getStatus()).isEqualTo(200);
        UUID report = reportOf(released);
        String link = linkOf(released);
        assertThat(link).matches("http://localhost(:\\d+)?/funded/[A-Za-z0-9_-]{43}");
        assertThat(body(released)).contains("It opens this report only, for 30 days.");
        // The report's page shows no link of its own: the link is shown once, in the answer to the release.
        assertThat(page(get("/funder-reports/{r}", report), manager)).doesNotContain("/funded/");

        String csv = download("/funder-reports/" + report + "/report.csv", manager);
        assertThat(line(csv, "Clients worked with by phenomenon area", "Right-wing extremism"))
                .isEqualTo("\"Right-wing extremism\",\"12\",\"48.0 %\"");
        for (String hidden : List.of("Islamist extremism", "Left-wing extremism", "Cults and cult-like groups", "Several areas",
                "No area recorded")) {
            assertThat(line(csv, "Clients worked with by phenomenon area", hidden)).as(hidden)
                    .endsWith(",\"x\",\"x\"");
        }
        assertThat(line(csv, "Clients worked with by phenomenon area", "Total")).isEqualTo("\"Total\",\"25\",\"100.0 %\"");
        assertThat(csv).doesNotContain("\"9\"").doesNotContain("\"3\"").doesNotContain("\"1\"");
        // The released figures, attacked with everything they say about each other.
        FunderReports.Agreement terms = funderReports.agreement(org.id(), agreement).orElseThrow();
        FunderReport figures = funderReports.figures(terms, terms.periodStarting(quarter).orElseThrow());
        List<ReportAttacker.Bounds> attacked = ReportAttacker.attack(figures);
        assertThat(attacked).hasSizeGreaterThan(20).noneMatch(ReportAttacker.Bounds::determined)
                .allMatch(bounds -> bounds.max() >= 10 - 1e-6);
                String pdfText = pdfText(downloadBytes("/funder-reports/" + report + "/report.pdf", manager));
        assertThat(pdfText).contains("Report to the funder").contains("Foundation for Democracy")
                .contains("fewer than 10 people");

        // Exactly once: neither again nor for the same period under a new version.
        assertThat(send(post("/programmes/{id}/agreements/{a}/reports/{s}", programme, agreement, quarter), manager)
                .getStatus()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_funder_report WHERE org_id = ?").param(org.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(recent("FUNDER_REPORT_RELEASED")).hasSize(1);
        assertThat(recent("FUNDER_REPORT_REFUSED")).hasSize(2);
        // What was kept names no client.
        String content = jdbc.sql("SELECT content FROM dis_funder_report WHERE id = ?").param(report)
                .query(String.class).single();
        for (String pseudonym : jdbc.sql("SELECT pseudonym FROM cas_client WHERE org_id = ?").param(org.id())
                .query(String.class).list()) {
            assertThat(content).doesNotContain(pseudonym);
        }
        assertThat(page(get("/funder-reports"), dpo)).contains("Foundation for Democracy");
    }

    @Test
    void aPeriodOverlappingAReleasedReportIsRefusedButTheSamePeriodGoesToAnotherFunder() throws Exception {
        clientsIn(PhenomenonArea.RIGHT_WING, 11);
        UUID quarterly = makeAgreement(funder, 3, quarter);
        UUID secondFunder = partner("FUNDER", "City fund");
        UUID sameQuarter = makeAgreement(secondFunder, 3, quarter);
        UUID halfYear = makeAgreement(secondFunder, 6, quarter.minusMonths(3));
        endQuarter();
        assertThat(send(post("/programmes/{id}/agreements/{a}/reports/{s}", programme, quarterly, quarter), manager)
                .getStatus()).isEqualTo(200);

        MockHttpServletResponse overlapping = send(post("/programmes/{id}/agreements/{a}/reports/{s}", programme,
                halfYear, quarter.minusMonths(3)), manager);
        assertThat(overlapping.getStatus()).isEqualTo(400);
        assertThat(body(overlapping)).contains("cannot be reported, so that no two reports can be set against each other");
        assertThat(send(post("/programmes/{id}/agreements/{a}/reports/{s}", programme, sameQuarter, quarter), manager)
                .getStatus()).isEqualTo(200);
        // A day that starts no period of the agreement is none.
        assertThat(send(post("/programmes/{id}/agreements/{a}/reports/{s}", programme, quarterly,
                quarter.plusDays(1)), manager).getStatus()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_funder_report WHERE org_id = ?").param(org.id())
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void theSamePeriodForAnotherFunderIsRefusedWhenItsFiguresWouldDifferFromTheReportAlreadyReleased() throws Exception {
        // Two funders may receive the same quarter, but two reports of one period with different figures
        // can be subtracted: here the one client erased in between would be the difference.
        List<RegisteredClient> clients = clientsIn(PhenomenonArea.RIGHT_WING, 11);
        UUID first = makeAgreement(funder, 3, quarter);
        UUID second = makeAgreement(partner("FUNDER", "City fund"), 3, quarter);
        endQuarter();
        UUID report = release(first, quarter);
        assertThat(line(download("/funder-reports/" + report + "/report.csv", manager), "Clients worked with", "Total"))
                .isEqualTo("\"Total\",\"11\",\"100.0 %\"");
        assertThat(send(post("/cases/{id}/ending/clients-choice", clients.get(0).id())
                .param("endedOn", LocalDate.now(clock).toString()).param("eraseNow", "true"), a).getStatus())
                .isEqualTo(302);

        assertThat(page(get("/programmes/{id}/agreements/{a}/reports/{s}", programme, second, quarter), manager))
                .contains("differ from the report already released");
        MockHttpServletResponse refused = send(post("/programmes/{id}/agreements/{a}/reports/{s}", programme, second,
                quarter), manager);
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(body(refused)).contains("differ from the report already released");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_funder_report WHERE org_id = ?").param(org.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(recent("FUNDER_REPORT_REFUSED")).hasSize(1);

    }

    @Test
    void outcomeFiguresOfTwoPeriodsCannotBeSubtractedToShowOnePersonsProgress() throws Exception {
        // Twenty clients rated twice in the first quarter, ten of them better; one more client rated twice
        // in the second quarter, better. Counted up to each period's end, the second report would show 21 and
        // 11: subtracted from the first, the one client of the second quarter and that they improved.
        UUID outcome = UUID.randomUUID();
        jdbc.sql("INSERT INTO prg_outcome (id, programme_id, position, name, scale_max, low_en, low_de, high_en, high_de)"
                + " VALUES (?, ?, 99, 'Stable relationships', 5, 'none', 'keine', 'many', 'viele')")
                .params(outcome, programme).update();
        LocalDate first = quarter.minusMonths(3);
        for (int i = 0; i < 20; i++) {
            UUID client = UUID.randomUUID();
            rate(client, outcome, first.plusDays(1), 2);
            rate(client, outcome, first.plusDays(20), i < 10 ? 4 : 2);
        }
        UUID latecomer = UUID.randomUUID();
        rate(latecomer, outcome, quarter.plusDays(1), 2);
        rate(latecomer, outcome, quarter.plusDays(20), 4);
        MockHttpServletResponse made = send(post("/programmes/{id}/agreements", programme)
                .param("funder", funder.toString()).param("measures", "OUTCOMES_IMPROVED")
                .param("periodMonths", "3").param("firstPeriodStart", first.toString()).param("language", "en")
                .param("agreedOn", LocalDate.now(clock).toString()), manager);
        assertThat(made.getStatus()).isEqualTo(302);
        UUID agreement = UUID.fromString(made.getRedirectedUrl().substring(made.getRedirectedUrl().lastIndexOf('/') + 1));
        FunderReports.Agreement terms = funderReports.agreement(org.id(), agreement).orElseThrow();

        FunderReport.Row earlier = funderReports.figures(terms, terms.periodStarting(first).orElseThrow())
                .tables().get(0).rows().get(0);
        assertThat(earlier.people()).isEqualTo(20L);
        assertThat(earlier.count()).isEqualTo(10L);
        FunderReport.Row later = funderReports.figures(terms, terms.periodStarting(quarter).orElseThrow())
                .tables().get(0).rows().get(0);
        assertThat(later.suppressed()).isTrue();
    }

    /** A rating written in SQL, and the outcome tallies kept with it as the ratings' service keeps them. */
    private void rate(UUID client, UUID outcome, LocalDate on, int score) {
        outcomeTallies.change(client, outcome, () -> jdbc.sql("INSERT INTO prg_outcome_rating (id, org_id, client_id,"
                + " outcome_id, rated_on, score, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)")
                .params(UUID.randomUUID(), org.id(), client, outcome, on, score, a.id()).update());
    }

    /** A case's rows changed in SQL, and the figures kept per programme with them, as the services keep them. */
    private void asTheServicesWrite(UUID client, Runnable sql) {
        tx.executeWithoutResult(s -> {
            caseTallies.touch(client);
            sql.run();
        });
    }

    @Test
    void anErasureLooksLikeAQuarterWithoutSessionsSoReportsOfTwoQuartersDoNotShowIt() throws Exception {
        // Clients worked with, counted as everyone taken on and not ended, would be a stock: the next
        // quarter's figure is this quarter's, less those who ended, plus those taken on. Set side by side,
        // two reports would then show every client erased in between (ended by their own choice, R1) and
        // any small number of endings or takings-on hidden in one of them. Counted as the clients with a
        // session in the quarter, an erased client looks like one who had no session.
        List<RegisteredClient> clients = new ArrayList<>(clientsIn(PhenomenonArea.RIGHT_WING, 11));
        RegisteredClient quiet = clientsWithoutSessions(PhenomenonArea.RIGHT_WING, 1).get(0);
        clients.add(quiet);
        LocalDate previous = quarter.minusMonths(3);
        for (RegisteredClient client : clients) {
            asTheServicesWrite(client.id(), () -> jdbc.sql("UPDATE cas_client SET became_client_on = ? WHERE id = ?")
                    .params(java.sql.Date.valueOf(previous.plusDays(1)), client.id()).update());
        }
        UUID agreement = makeAgreement(funder, 3, previous);
        FunderReports.Agreement terms = funderReports.agreement(org.id(), agreement).orElseThrow();
        FunderReports.Period period = terms.periodStarting(quarter).orElseThrow();
        FunderReport withoutSession = funderReports.figures(terms, period);
        assertThat(withoutSession.tables().get(0).total().people()).isEqualTo(11L);

        assertThat(send(post("/cases/{id}/ending/clients-choice", quiet.id())
                .param("endedOn", LocalDate.now(clock).toString()).param("eraseNow", "true"), a).getStatus())
                .isEqualTo(302);
        assertThat(funderReports.figures(terms, period)).isEqualTo(withoutSession);
    }

    @Test
    void erasingAClientChangesNoReleasedReportAndLaterFiguresNoLongerCountThem() throws Exception {
        List<RegisteredClient> clients = clientsIn(PhenomenonArea.RIGHT_WING, 12);
        UUID agreement = makeAgreement(funder, 3, quarter);
        endQuarter();
        UUID report = release(agreement, quarter);
        String before = download("/funder-reports/" + report + "/report.csv", manager);
        assertThat(line(before, "Clients worked with", "Total")).isEqualTo("\"Total\",\"12\",\"100.0 %\"");

        MockHttpServletResponse erased = send(post("/cases/{id}/ending/clients-choice", clients.get(0).id())
                .param("endedOn", LocalDate.now(clock).toString()).param("eraseNow", "true"), a);
        assertThat(erased.getStatus()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE id = ?").param(clients.get(0).id())
                .query(Long.class).single()).isZero();

        assertThat(download("/funder-reports/" + report + "/report.csv", manager)).isEqualTo(before);
        FunderReports.Agreement terms = funderReports.agreement(org.id(), agreement).orElseThrow();
        FunderReport now = funderReports.figures(terms, terms.periodStarting(quarter).orElseThrow());
        assertThat(now.tables().get(0).total().people()).isEqualTo(11L);
    }

    /**
     * Mail scanners open links by themselves: the funder's link opens a page with one button, the same for a
     * live link and one that never was, which counts, records and shows nothing and starts no session. Only the
     * button opens the report, one use, one entry.
     */
    @Test
    void openingTheLinkShowsOnlyAButtonAndTakesNothing() throws Exception {
        String token = releasedLinkToken();
        String unknown = "C".repeat(43);
        String unknownPage = body(mvc.perform(get("/funded/{t}", unknown)).andReturn().getResponse())
                .replace(unknown, "TOKEN");
        for (String t : List.of(token, unknown)) {
            for (int i = 0; i < 3; i++) {
                MockHttpServletResponse page = mvc.perform(get("/funded/{t}", t)).andReturn().getResponse();
                assertThat(page.getStatus()).isEqualTo(200);
                assertThat(page.getHeader("Set-Cookie")).as("no session for a visitor of the page").isNull();
                assertThat(body(page)).contains("data-testid=\"funder-open-form\"", "action=\"/funded/" + t + "/open\"")
                        .doesNotContain("Clients worked with", "Foundation for Democracy", "_csrf");
                assertThat(body(page).replace(t, "TOKEN")).isEqualTo(unknownPage);
            }
        }
        assertThat(recent("FUNDER_REPORT_FETCHED")).isEmpty();
        UUID report = jdbc.sql("SELECT id FROM dis_funder_report WHERE token_hash = ?")
                .param(LinkToken.sha256(token)).query(UUID.class).single();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_link_use WHERE link_id = ?").param(report).query(Long.class)
                .single()).as("uses counted").isZero();

        MockHttpServletResponse opened = mvc.perform(post("/funded/{t}/open", token)).andReturn().getResponse();
        assertThat(opened.getStatus()).isEqualTo(200);
        assertThat(opened.getHeader("Set-Cookie")).isNull();
        assertThat(body(opened)).contains("Foundation for Democracy", "Clients worked with",
                "href=\"/funded/" + token + "?lang=de\"").doesNotContain("/open?lang=");
        assertThat(recent("FUNDER_REPORT_FETCHED")).hasSize(1);
        assertThat(mvc.perform(post("/funded/{t}/open", unknown)).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void theFundersLinkOpensThatOneReportAndNothingElse() throws Exception {
        clientsIn(PhenomenonArea.RIGHT_WING, 10);
        UUID agreement = makeAgreement(funder, 3, quarter);
        endQuarter();
        MockHttpServletResponse released = send(post("/programmes/{id}/agreements/{a}/reports/{s}", programme,
                agreement, quarter), manager);
        String link = linkOf(released);
        String token = link.substring(link.lastIndexOf('/') + 1);
        // Someone with a database login finds no link to use: only the token's SHA-256 is kept.
        assertThat(DatabaseScan.find(dataSource, List.of(token))).isEmpty();
        UUID report = reportOf(released);

        MockHttpServletResponse page = opened(mvc, token).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(body(page)).contains("Foundation for Democracy").contains("Clients worked with");
        MockHttpServletResponse csv = mvc.perform(get("/funded/{t}/report.csv", token)).andReturn().getResponse();
        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(mvc.perform(get("/funded/{t}/report.pdf", token)).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(recent("FUNDER_REPORT_FETCHED")).hasSize(3);
        // Every use is audited, so a link is used at most 50 times a day; then 429, its end audited once.
        for (int i = 3; i < 50; i++) {
            assertThat(mvc.perform(get("/funded/{t}/report.csv", token)).andReturn().getResponse().getStatus())
                    .as("use " + (i + 1)).isEqualTo(200);
        }
        assertThat(opened(mvc, token).andReturn().getResponse().getStatus()).isEqualTo(429);
        assertThat(mvc.perform(get("/funded/{t}/report.pdf", token)).andReturn().getResponse().getStatus()).isEqualTo(429);
        assertThat(recent("FUNDER_REPORT_FETCHED")).hasSize(50);
        assertThat(recent("LINK_USES_USED_UP")).hasSize(1);

        // The token opens nothing else: not a share, not the staff pages of the same report.
        assertThat(mvc.perform(post("/shared/{t}", token).with(csrf())).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        MockHttpServletResponse staffPage = mvc.perform(get("/funder-reports/{r}", report)).andReturn().getResponse();
        assertThat(staffPage.getStatus()).isEqualTo(302);
        assertThat(staffPage.getRedirectedUrl()).endsWith("/sign-in");
        MockHttpServletResponse unknown = opened(mvc, token.substring(1) + "A").andReturn().getResponse();
        assertThat(unknown.getStatus()).isEqualTo(404);
        MockHttpServletResponse malformed = opened(mvc, "not-a-token").andReturn().getResponse();
        assertThat(malformed.getStatus()).isEqualTo(404);
        assertThat(body(malformed).replace("not-a-token", "T")).isEqualTo(body(unknown).replace(token.substring(1) + "A", "T"));
        // After 30 days the link is closed like any unknown one.
        ((MutableClock) clock).advance(Duration.ofDays(31));
        MockHttpServletResponse expired = opened(mvc, token).andReturn().getResponse();
        assertThat(expired.getStatus()).isEqualTo(404);
        assertThat(body(expired).replace(token, "T")).isEqualTo(body(unknown).replace(token.substring(1) + "A", "T"));
        assertThat(mvc.perform(get("/funded/{t}/report.csv", token)).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void deactivatingTheFunderClosesItsLinksAtOnce() throws Exception {
        // A link sent to the wrong address, or a funder the organisation no longer works with: the
        // manager deactivates the partner, and the link opens nothing more, like any unknown one.
        String token = releasedLinkToken();
        assertThat(opened(mvc, token).andReturn().getResponse().getStatus()).isEqualTo(200);

        assertThat(send(post("/network/partners/{id}/active", funder).param("active", "false"), manager).getStatus())
                .isEqualTo(302);
        MockHttpServletResponse closed = opened(mvc, token).andReturn().getResponse();
        assertThat(closed.getStatus()).isEqualTo(404);
        MockHttpServletResponse unknown = opened(mvc, token.substring(1) + "A").andReturn()
                .getResponse();
        assertThat(body(closed).replace(token, "T")).isEqualTo(body(unknown).replace(token.substring(1) + "A", "T"));
        assertThat(mvc.perform(get("/funded/{t}/report.csv", token)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/funded/{t}/report.pdf", token)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(recent("FUNDER_REPORT_FETCHED")).hasSize(1);
    }

    @Test
    void endingsAreOneCountWhateverTheirReasonSoTheClientsChoiceLeavesNoMark() throws Exception {
        List<RegisteredClient> clients = clientsIn(PhenomenonArea.RIGHT_WING, 12);
        LocalDate today = LocalDate.now(clock);
        for (int i = 0; i < 12; i++) {
            MockHttpServletRequestBuilder ending = i % 2 == 0
                    ? post("/cases/{id}/ending/completed", clients.get(i).id()).param("closedOn", today.toString())
                            .param("aftercarePlan", "Aftercare")
                    : post("/cases/{id}/ending/clients-choice", clients.get(i).id()).param("endedOn", today.toString());
            assertThat(send(ending, a).getStatus()).isEqualTo(302);
        }
        UUID agreement = makeAgreement(funder, 3, quarter);
        endQuarter();
        UUID report = release(agreement, quarter);
        String csv = download("/funder-reports/" + report + "/report.csv", manager);
        assertThat(line(csv, "Clients whose work ended (for any reason)", "Total")).isEqualTo("\"Total\",\"12\",\"100.0 %\"");
        String content = jdbc.sql("SELECT content FROM dis_funder_report WHERE id = ?").param(report)
                .query(String.class).single();
        assertThat(content).doesNotContainIgnoringCase("choice").doesNotContain("COMPLETED");
        assertThat(csv).doesNotContainIgnoringCase("choice");
    }

    @Test
    void theOrganisationSetsItsThresholdButNeverBelowFive() throws Exception {
        assertThat(send(post("/programmes/{id}/threshold", programme).param("threshold", "4"),
                manager).getStatus()).isEqualTo(400);
        assertThat(send(post("/programmes/{id}/threshold", programme).param("threshold", "5"),
                dpo).getStatus()).isEqualTo(403);
        MockHttpServletResponse saved = send(post("/programmes/{id}/threshold", programme).param("threshold", "5"), manager);
        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(saved.getRedirectedUrl()).isEqualTo("/programmes/" + programme + "/agreements");
        clientsIn(PhenomenonArea.RIGHT_WING, 6);
        clientsIn(PhenomenonArea.ISLAMIST, 5);
        clientsIn(PhenomenonArea.LEFT_WING, 4);
        UUID agreement = makeAgreement(funder, 3, quarter);
        endQuarter();
        UUID report = release(agreement, quarter);
        String csv = download("/funder-reports/" + report + "/report.csv", manager);
        assertThat(line(csv, "Clients worked with by phenomenon area", "Right-wing extremism"))
                .isEqualTo("\"Right-wing extremism\",\"6\",\"40.0 %\"");
        assertThat(line(csv, "Clients worked with by phenomenon area", "Left-wing extremism")).endsWith(",\"x\",\"x\"");
        assertThat(csv).contains("fewer than 5 people");
    }

    @Test
    void onlyManagersAgreeAndReleaseTheDataProtectionOfficerReadsNobodyElseSeesAnything() throws Exception {
        UUID agreement = makeAgreement(funder, 3, quarter);
        endQuarter();
        for (StaffPrincipal who : List.of(a, org.admin(), dpo)) {
            assertThat(send(agreement(funder, "PHENOMENON_AREA"), who).getStatus()).isEqualTo(403);
            assertThat(send(post("/programmes/{id}/agreements/{a}/reports/{s}", programme, agreement, quarter), who)
                    .getStatus()).isEqualTo(403);
        }
        assertThat(mvc.perform(get("/funder-reports").with(as(a))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/programmes/{id}/agreements", programme).with(as(org.admin()))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(page(get("/programmes/{id}/agreements/{a}/reports", programme, agreement), dpo))
                .contains("Not released yet").doesNotContain("Check and release");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_funder_report WHERE org_id = ?").param(org.id())
                .query(Long.class).single()).isZero();
        // Another organisation's manager finds none of it.
        StaffPrincipal stranger = fixtures.staff(fixtures.organisation(), Role.MANAGER);
        assertThat(mvc.perform(get("/programmes/{id}/agreements/{a}/reports/{s}", programme, agreement, quarter)
                .with(as(stranger))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    // ---------------------------------------------------------------------------------------------

    /** Clients of the programme in one area, each with a session today (in the current quarter). */
    private List<RegisteredClient> clientsIn(PhenomenonArea area, int count) throws Exception {
        List<RegisteredClient> made = clientsWithoutSessions(area, count);
        for (RegisteredClient client : made) {
            fixtures.note(a, client.id(), "A session");
        }
        return made;
    }

    private List<RegisteredClient> clientsWithoutSessions(PhenomenonArea area, int count) throws Exception {
        List<RegisteredClient> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RegisteredClient client = fixtures.client(a, b, Fixtures.unique("Client "));
            assertThat(send(post("/cases/{id}/programme", client.id()).param("programme", programme.toString()), a)
                    .getStatus()).isEqualTo(302);
            asTheServicesWrite(client.id(), () -> {
                jdbc.sql("DELETE FROM cas_phenomenon WHERE client_id = ?").param(client.id()).update();
                jdbc.sql("INSERT INTO cas_phenomenon (client_id, area) VALUES (?, ?)").params(client.id(), area.name())
                        .update();
            });
            made.add(client);
        }
        return made;
    }

    private void endQuarter() {
        LocalDate today = LocalDate.now(clock);
        ((MutableClock) clock).advance(Duration.ofDays(ChronoUnit.DAYS.between(today, quarter.plusMonths(3)) + 1));
    }

    private UUID partner(String kind, String name) throws Exception {
        MockHttpServletResponse made = send(post("/network/partners").param("name", name).param("kind", kind)
                .param("mandate", "Their mandate").param("agreement", "INFORMAL"), manager);
        assertThat(made.getStatus()).as("partner " + kind).isEqualTo(302);
        return UUID.fromString(made.getRedirectedUrl().substring("/network/partners/".length()));
    }

    private MockHttpServletRequestBuilder agreement(UUID partner, String breakdown) {
        return post("/programmes/{id}/agreements", programme).param("funder", partner.toString())
                .param("measures", "CLIENTS_WORKED_WITH", "CLIENTS_ENDED").param("breakdowns", breakdown)
                .param("periodMonths", "3").param("firstPeriodStart", quarter.toString()).param("language", "en")
                .param("agreedOn", LocalDate.now(clock).toString()).param("reference", "Grant 1");
    }

    private UUID makeAgreement(UUID partner, int months, LocalDate firstStart) throws Exception {
        MockHttpServletResponse made = send(post("/programmes/{id}/agreements", programme)
                .param("funder", partner.toString())
                .param("measures", "CLIENTS_WORKED_WITH", "CLIENTS_TAKEN_ON", "CLIENTS_ENDED", "SESSIONS_HELD")
                .param("breakdowns", "PHENOMENON_AREA").param("periodMonths", Integer.toString(months))
                .param("firstPeriodStart", firstStart.toString()).param("language", "en")
                .param("agreedOn", LocalDate.now(clock).toString()).param("reference", "Grant 1"), manager);
        assertThat(made.getStatus()).as("agreement made").isEqualTo(302);
        String prefix = "/programmes/" + programme + "/agreements/";
        assertThat(made.getRedirectedUrl()).startsWith(prefix);
        return UUID.fromString(made.getRedirectedUrl().substring(prefix.length()));
    }

    private UUID release(UUID agreement, LocalDate start) throws Exception {
        MockHttpServletResponse released = send(post("/programmes/{id}/agreements/{a}/reports/{s}", programme,
                agreement, start), manager);
        assertThat(released.getStatus()).as("released").isEqualTo(200);
        return reportOf(released);
    }

    /** The released report's id, from its download links on the page that answers the release. */
    public static UUID reportOf(MockHttpServletResponse released) throws Exception {
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("/funder-reports/([0-9a-f-]{36})/report\\.pdf")
                .matcher(body(released));
        assertThat(id.find()).as("the released report's page").isTrue();
        return UUID.fromString(id.group(1));
    }

    /** Ten clients, an agreement with the funder, the quarter ended and its report released: the link's token. */
    private String releasedLinkToken() throws Exception {
        clientsIn(PhenomenonArea.RIGHT_WING, 10);
        UUID agreement = makeAgreement(funder, 3, quarter);
        endQuarter();
        String link = linkOf(send(post("/programmes/{id}/agreements/{a}/reports/{s}", programme, agreement,
                quarter), manager));
        return link.substring(link.lastIndexOf('/') + 1);
    }

    /**
     * What the funder does: opens the link, a page with one button (the same for every well-formed token; 404
     * for a token of no such shape), and presses it.
     */
    static org.springframework.test.web.servlet.ResultActions opened(MockMvc mvc, String token) throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/funded/{t}", token)).andReturn().getResponse();
        if (LinkToken.wellFormed(token)) {
            assertThat(page.getStatus()).isEqualTo(200);
            assertThat(page.getContentAsString()).contains("action=\"/funded/" + token + "/open\"");
        } else {
            assertThat(page.getStatus()).isEqualTo(404);
        }
        return mvc.perform(post("/funded/{t}/open", token));
    }

    /** The funder's link, shown once on the page that answers the release. */
    public static String linkOf(MockHttpServletResponse released) throws Exception {
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("<code>(https?://[^<]*/funded/[A-Za-z0-9_-]{43})</code>")
                .matcher(body(released));
        assertThat(link.find()).as("the funder's link").isTrue();
        return link.group(1);
    }

    private long agreements() {
        return jdbc.sql("SELECT COUNT(*) FROM prg_reporting_agreement WHERE org_id = ?").param(org.id())
                .query(Long.class).single();
    }

    /** The line of a table's block in the CSV whose first cell is {@code label}. */
    private static String line(String csv, String table, String label) {
        String[] lines = csv.split("\r\n");
        boolean inTable = false;
        for (String l : lines) {
            if (l.equals("\"" + table + "\"")) {
                inTable = true;
            } else if (l.isEmpty()) {
                inTable = false;
            } else if (inTable && l.startsWith("\"" + label + "\",")) {
                return l;
            }
        }
        throw new AssertionError("no line " + label + " in " + table + ":\n" + csv);
    }

    private String download(String path, StaffPrincipal who) throws Exception {
        return new String(downloadBytes(path, who), StandardCharsets.UTF_8);
    }

    private byte[] downloadBytes(String path, StaffPrincipal who) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path).with(as(who))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsByteArray();
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return mvc.perform(request.with(as(who)).with(csrf())).andReturn().getResponse();
    }

    private String page(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        MockHttpServletResponse response = mvc.perform(request.with(as(who))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return body(response);
    }

    private static String body(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private List<AuditEntry> recent(String action) {
        return audit.recent(org.id(), 500).stream().filter(e -> e.action().equals(action)).toList();
    }
}
