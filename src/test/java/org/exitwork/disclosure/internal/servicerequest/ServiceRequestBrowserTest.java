package org.exitwork.disclosure.internal.servicerequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.BrowserAvailable;
import org.exitwork.testing.BrowserLaneTest;
import org.exitwork.testing.Chromium;
import org.exitwork.testing.ChromiumForClass;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The loop of a service request (R11) in real browsers: the tandem asks a partner; the partner's staff
 * member answers through the link in a browser of their own, without any session of ours; the tandem
 * sees the answer with who gave it; a second request stays unanswered and, once the clock has moved past
 * the partner's agreed time, the reminder job reminds the tandem, which the list then says. Partners,
 * services and the consent are set up through the application's own requests.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@BrowserLaneTest
class ServiceRequestBrowserTest {

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
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RequestReminders reminders;

    private BrowserContext staffContext;
    private Page page;
    private StaffRequests web;
    private Fixtures.Organisation organisation;
    private StaffPrincipal a;
    private RegisteredClient client;
    private UUID housing;

    @BeforeEach
    void setUp() throws Exception {
        web = new StaffRequests(mvc);
        clock.reset();
        organisation = fixtures.organisation();
        var created = accounts.createStaff(organisation.id(), Fixtures.unique("sam"), "Sam Practitioner",
                Role.PRACTITIONER, false);
        a = Fixtures.principal(created.member());
        client = fixtures.client(a, fixtures.staff(organisation, Role.PRACTITIONER), "Kim Requestmarker Beispiel");
        StaffPrincipal manager = fixtures.manager(organisation.id());
        String name = "Housing office " + UUID.randomUUID().toString().substring(0, 8);
        org.assertj.core.api.Assertions.assertThat(web.status(post("/network/partners").param("name", name)
                .param("kind", "HOUSING").param("mandate", "Flats").param("agreement", "INFORMAL"), manager))
                .isEqualTo(302);
        housing = jdbc.sql("SELECT id FROM net_partner WHERE name = ?").param(name).query(UUID.class).single();
        org.assertj.core.api.Assertions.assertThat(web.status(post("/network/partners/{id}/services", housing)
                .param("needs", "HOUSING", "DEBT").param("howToReach", "Intake desk").param("responseDays", "3"),
                manager)).isEqualTo(302);
        org.assertj.core.api.Assertions.assertThat(web.status(post("/cases/{id}/consents", client.id())
                .param("partnerId", housing.toString()).param("purpose", "Find a flat")
                .param("kinds", "SERVICE_REQUEST", "CURRENT_NEEDS").param("validFrom", LocalDate.now(clock).toString())
                .param("validUntil", LocalDate.now(clock).plusMonths(6).toString())
                .param("informedHow", "FORM_READ_TOGETHER"), a)).isEqualTo(302);
        staffContext = chromium.browser().newContext(new Browser.NewContextOptions().setBaseURL("http://127.0.0.1:" + port)
                .setLocale("en-GB"));
        staffContext.setDefaultTimeout(30_000);
        page = staffContext.newPage();
        Chromium.firstSignIn(page, created.member().username(), created.temporaryPassword());
        assertThat(page).hasURL(Pattern.compile("/start$"));
    }

    @AfterEach
    void tearDown() {
        clock.reset();
        if (staffContext != null) {
            staffContext.close();
        }
    }

    @Test
    void theTandemAsksThePartnerAnswersAndAnUnansweredRequestIsReminded() {
        try {
            String link = send("HOUSING", "Needs a flat with two rooms by March.");

            // The partner's staff member, in a browser of their own.
            try (BrowserContext partner = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("en-GB")
                    .setViewportSize(360, 740))) {
                Page answer = partner.newPage();
                // The link names the public address (exitwork.public-address); this test's server has a port of its own.
                org.assertj.core.api.Assertions.assertThat(link).matches("http://localhost:8080/service-request/[A-Za-z0-9_-]{43}");
                answer.navigate("http://127.0.0.1:" + port + link.substring(link.indexOf("/service-request/")));
                // The link opens a page with one button (a mail scanner opening it reads nothing), then the request.
                assertFitsAPhone(answer, "the link's page");
                assertThat(answer.locator("body")).not().containsText("Needs a flat");
                answer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open the request")).click();
                assertFitsAPhone(answer, "the partner's page");
                assertThat(answer.getByTestId("pseudonym")).hasText(client.pseudonym());
                assertThat(answer.getByTestId("request")).containsText("Needs a flat with two rooms by March.");
                assertThat(answer.locator("body")).not().containsText("Requestmarker");
                answer.getByLabel("Accepted: we will provide the service").check();
                answer.getByLabel("Your name").fill("Alex at the housing office");
                answer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the answer")).click();
                assertThat(answer.getByRole(AriaRole.STATUS)).hasText("Thank you, your answer was recorded.");
                answer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open the request")).click();
                assertThat(answer.getByTestId("status")).hasText("Accepted");
                org.assertj.core.api.Assertions.assertThat(partner.cookies()).as("no session for the partner").isEmpty();
                screenshot(answer, "partner-answered");
            }
            page.navigate("/cases/" + client.id() + "/service-requests");
            assertThat(page.getByTestId("service-request")).containsText("by Alex at the housing office at the partner");

            // A second request nobody answers: past the partner's three days, the job reminds the tandem.
            send("DEBT", "Debts of about 2000 euros; needs advice.");
            // Off the application's pages while the clock is ahead: their banners ask the server every 30 s,
            // and a question asked three days on would end the staff member's session as idle.
            page.navigate("about:blank");
            clock.advance(Duration.ofDays(3).plusMinutes(1));
            reminders.run();
            clock.reset(); // the staff member's session is judged by the clock too
            page.navigate("/cases/" + client.id() + "/service-requests");
            assertThat(page.getByTestId("reminded")).hasCount(1);
            assertThat(page.locator("[data-testid=service-request][data-status=REQUESTED]"))
                    .containsText("the tandem was reminded on");
            page.setViewportSize(360, 740);
            page.reload();
            assertFitsAPhone(page, "the service requests of a case");
            page.navigate("/cases/" + client.id() + "/service-requests/new");
            assertFitsAPhone(page, "the request form");
            screenshot(page, "reminded");
        } catch (RuntimeException | AssertionError failure) {
            screenshot(page, "FAILED");
            throw failure;
        }
    }

    /** Sends a request through the form; the partner's link. */
    private String send(String need, String text) {
        page.navigate("/cases/" + client.id() + "/service-requests");
        page.getByTestId("new-service-request").click();
        page.getByLabel("Partner", new Page.GetByLabelOptions().setExact(true)).selectOption(housing.toString());
        page.getByLabel("Need", new Page.GetByLabelOptions().setExact(true)).selectOption(need);
        page.getByLabel("Under the client's consent").selectOption(new SelectOption().setIndex(1));
        page.getByLabel("Current needs", new Page.GetByLabelOptions().setExact(true)).fill(text);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the request")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Request sent");
        return page.getByTestId("service-request-link").textContent().strip();
    }

    /** At 360 px nothing scrolls sideways (as the phone layout checks every page linked from the menus). */
    private static void assertFitsAPhone(Page on, String what) {
        on.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
        Object fits = on.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");
        org.assertj.core.api.Assertions.assertThat(fits).as(what + " fits a phone").isEqualTo(Boolean.TRUE);
    }

    private static void screenshot(Page on, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            on.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("service-request-" + name + ".png"))
                    .setFullPage(true));
        } catch (Exception ignored) {
            // a screenshot is a help, not a result
        }
    }
}
