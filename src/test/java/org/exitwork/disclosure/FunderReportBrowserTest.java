package org.exitwork.disclosure;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Date;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.internal.figures.CaseTallies;
import org.exitwork.programme.internal.design.Design;
import org.exitwork.programme.internal.design.Programmes;
import org.exitwork.testing.BrowserAvailable;
import org.exitwork.testing.BrowserLaneTest;
import org.exitwork.testing.Chromium;
import org.exitwork.testing.ChromiumForClass;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A funder report in a real browser on a phone (R17): a manager makes the reporting agreement, checks
 * the report of last year and releases it; the funder opens the link in a browser without any session
 * and sees the figures, small ones hidden, and downloads the CSV.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@BrowserLaneTest
class FunderReportBrowserTest {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    @RegisterExtension
    static final ChromiumForClass chromium = new ChromiumForClass();

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    Programmes programmes;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CaseWork caseWork;

    @Autowired
    CaseTallies tallies;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    void aManagerAgreesChecksAndReleasesAndTheFunderOpensTheLinkOnAPhone() throws Exception {
        clock.reset();
        StaffRequests web = new StaffRequests(mvc);
        Fixtures.Organisation organisation = fixtures.organisation();
        var created = accounts.createStaff(organisation.id(), Fixtures.unique("lena"), "Lena Manager", Role.MANAGER, false);
        StaffPrincipal manager = Fixtures.principal(created.member());
        StaffPrincipal a = fixtures.staff(organisation, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(organisation, Role.PRACTITIONER);
        String programmeName = Fixtures.unique("Exit North ");
        UUID programme = programmes.create(manager, new Design.Draft(programmeName, "Leaving for good", "Young people",
                EnumSet.of(PhenomenonArea.RIGHT_WING), EnumSet.noneOf(Pathway.class), Set.of()));
        org.assertj.core.api.Assertions.assertThat(web.status(post("/network/partners")
                .param("name", "Foundation Browser Fund").param("kind", "FUNDER").param("mandate", "Funds us")
                .param("agreement", "INFORMAL"), manager)).isEqualTo(302);
        LocalDate lastYear = LocalDate.now(clock).minusYears(1).withDayOfYear(1);
        for (int i = 0; i < 24; i++) {
            RegisteredClient client = fixtures.client(a, b, Fixtures.unique("Client "));
            org.assertj.core.api.Assertions.assertThat(web.status(post("/cases/{id}/programme", client.id())
                    .param("programme", programme.toString()), a)).isEqualTo(302);
            // Cases of last year: taken on in its spring, one area each (12 right-wing, 10 gangs, 2 cults).
            // (Written in SQL with the figures kept per programme, as the services keep them.)
            int n = i;
            tx.executeWithoutResult(status -> {
                tallies.touch(client.id());
                jdbc.sql("UPDATE cas_client SET became_client_on = ? WHERE id = ?")
                        .params(Date.valueOf(lastYear.plusMonths(3)), client.id()).update();
            });
            // Worked with: a session that year (written through the service, which keeps the counts the
            // report adds up).
            caseWork.writeNote(a, client.id(), lastYear.plusMonths(4), "A session");
            tx.executeWithoutResult(status -> {
                tallies.touch(client.id());
                jdbc.sql("DELETE FROM cas_phenomenon WHERE client_id = ?").param(client.id()).update();
                jdbc.sql("INSERT INTO cas_phenomenon (client_id, area) VALUES (?, ?)")
                        .params(client.id(), n < 12 ? "RIGHT_WING" : n < 22 ? "GANGS" : "CULTS").update();
            });
        }

        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setBaseURL("http://127.0.0.1:" + port).setLocale("en-GB").setViewportSize(360, 740))) {
            context.setDefaultTimeout(30_000);
            Page page = context.newPage();
            try {
                Chromium.firstSignIn(page, created.member().username(), created.temporaryPassword());
                page.navigate("/programmes/" + programme);
                page.getByTestId("agreements-link").click();
                page.getByTestId("new-agreement").click();
                page.getByLabel("Funder", new Page.GetByLabelOptions().setExact(true)).selectOption(
                        new com.microsoft.playwright.options.SelectOption().setLabel("Foundation Browser Fund"));
                page.getByLabel("Clients worked with", new Page.GetByLabelOptions().setExact(true)).check();
                page.getByLabel("Clients taken on", new Page.GetByLabelOptions().setExact(true)).check();
                page.getByLabel("By phenomenon area", new Page.GetByLabelOptions().setExact(true)).check();
                page.getByLabel("Yearly", new Page.GetByLabelOptions().setExact(true)).check();
                page.getByLabel("First period starts on (the first day of a month)").fill(lastYear.toString());
                page.getByLabel("English", new Page.GetByLabelOptions().setExact(true)).check();
                page.getByLabel("Agreed on").fill(lastYear.minusMonths(1).toString());
                page.getByLabel("Funder's reference").fill("Grant 77");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the agreement")).click();
                assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                        .hasText("Reporting agreement with Foundation Browser Fund");
                fitsThePhone(page);

                page.getByTestId("reports-link").click();
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Check and release")).first().click();
                assertThat(page.getByTestId("table-2")).containsText("Right-wing extremism");
                fitsThePhone(page);
                screenshot(page, "preview");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Release the report to the funder"))
                        .click();
                assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                        .hasText("Funder report");
                assertThat(page.getByTestId("funder-link")).containsText("It opens this report only, for 30 days.");
                String link = page.getByTestId("funder-link").locator("code").textContent().strip();
                org.assertj.core.api.Assertions.assertThat(link).matches(".*/funded/[A-Za-z0-9_-]{43}");
                fitsThePhone(page);
                screenshot(page, "released");

                String path = link.substring(link.indexOf("/funded/"));
                try (BrowserContext funder = chromium.browser().newContext(new Browser.NewContextOptions()
                        .setBaseURL("http://127.0.0.1:" + port).setViewportSize(360, 740))) {
                    Page report = funder.newPage();
                    report.navigate(path);
                    // The link opens a page with one button (a mail scanner opening it spends and records nothing).
                    assertThat(report.locator("body")).not().containsText("Right-wing extremism");
                    fitsThePhone(report);
                    report.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open the report")).click();
                    assertThat(report.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                            .hasText("Report to the funder");
                    assertThat(report.getByTestId("table-2").locator("tr", new com.microsoft.playwright.Locator.LocatorOptions()
                            .setHasText("Right-wing extremism")).first()).containsText("12");
                    assertThat(report.getByTestId("table-2").locator("tr", new com.microsoft.playwright.Locator.LocatorOptions()
                            .setHasText("Cults")).first()).containsText("x");
                    assertThat(report.getByTestId("report-rule")).containsText("fewer than 10 people");
                    fitsThePhone(report);
                    screenshot(report, "funder");
                    APIResponse csv = funder.request().get(path + "/report.csv");
                    org.assertj.core.api.Assertions.assertThat(csv.status()).isEqualTo(200);
                    org.assertj.core.api.Assertions.assertThat(new String(csv.body(), StandardCharsets.UTF_8))
                            .contains("\"Right-wing extremism\",\"12\"");
                    // The funder's browser holds no session: the organisation's pages stay closed.
                    report.navigate("/funder-reports");
                    assertThat(report).hasURL(Pattern.compile("/sign-in$"));
                }
            } catch (RuntimeException | AssertionError failure) {
                screenshot(page, "FAILED");
                throw failure;
            }
        }
    }

    /** Nothing wider than the phone's screen. */
    private static void fitsThePhone(Page page) {
        Object width = page.evaluate("() => document.documentElement.scrollWidth");
        org.assertj.core.api.Assertions.assertThat(((Number) width).intValue()).as(page.url()).isLessThanOrEqualTo(360);
    }

    private static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("funder-report-" + name + ".png"))
                    .setFullPage(true));
        } catch (Exception ignored) {
            // a screenshot is a help, not a result
        }
    }
}
