package org.exitwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.BrowserAvailable;
import org.exitwork.testing.BrowserLaneTest;
import org.exitwork.testing.Chromium;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A new share and a session one question per page, on a phone (360 x 740), end to end in a real browser
 * with its real session: every page fits the screen and breaks no content rule of the page, "Change" on
 * the check page keeps the answers, nothing of the answers reaches the database (the session tables
 * included) before the last button, and that button makes exactly one share or session.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@BrowserLaneTest
class StepsOnAPhoneBrowserTest {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void aShareOneQuestionPerPageOnAPhone() throws Exception {
        clock.reset();
        StaffRequests web = new StaffRequests(mvc);
        Fixtures.Organisation organisation = fixtures.organisation();
        Fixtures.Staff practitioner = fixtures.staffWithPassword(organisation, Role.PRACTITIONER);
        StaffPrincipal a = practitioner.principal();
        RegisteredClient client = fixtures.client(a, fixtures.staff(organisation, Role.PRACTITIONER), "Kim Phonemarker Beispiel");
        UUID housing = partner(web, organisation, "HOUSING");
        consent(web, a, client, housing);
        String marker = Fixtures.unique("phonestepmarker").replace("-", "");
        String text = "Needs a flat with two rooms, " + marker;

        List<String> problems = new ArrayList<>();
        List<String> refusedByThePolicy = new ArrayList<>();
        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright);
                BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                        .setBaseURL("http://127.0.0.1:" + port).setLocale("en-GB")
                        .setViewportSize(PhoneLayoutBrowserTest.WIDTH, PhoneLayoutBrowserTest.HEIGHT)
                        .setIsMobile(true).setHasTouch(true))) {
            context.setDefaultTimeout(30_000);
            Page page = context.newPage();
            page.onConsoleMessage(message -> {
                if (message.text().contains("Content Security Policy")) {
                    refusedByThePolicy.add(message.text());
                }
            });
            Chromium.firstSignIn(page, a.username(), practitioner.password());
            try {
                page.navigate("/cases/" + client.id() + "/shares");
                page.getByTestId("new-share").click();
                question(page, "Which partner receives the share?", "partner", problems);
                page.getByLabel("Which partner receives the share?").selectOption(housing.toString());
                next(page);

                question(page, "For which purpose?", "purpose", problems);
                page.getByLabel("For which purpose?").selectOption(new SelectOption().setIndex(1));
                next(page);

                question(page, "Which kinds of data do you share?", "kinds", problems);
                page.getByLabel("Housing situation", new Page.GetByLabelOptions().setExact(true)).check();
                next(page);

                question(page, "What goes to the partner?", "texts", problems);
                page.getByLabel("What to share: Housing situation").fill(text);
                next(page);

                question(page, "In which form and language?", "form", problems);
                assertThat(page.getByLabel("PDF with a download link")).isChecked();
                page.getByLabel("JSON for the partner's own system, with a download link").check();
                next(page);

                assertThat(heading(page)).hasText("Check your answers");
                problems.addAll(PhoneLayoutBrowserTest.phoneProblems(page, "check"));
                assertThat(page.getByTestId("text-HOUSING")).hasText(text);
                screenshot(page, "share-check");

                // Change the kinds: the question comes back as answered, and back to the check page unchanged.
                page.getByTestId("change-kinds").click();
                question(page, "Which kinds of data do you share?", "kinds", problems);
                assertThat(page.getByLabel("Housing situation", new Page.GetByLabelOptions().setExact(true)))
                        .isChecked();
                next(page);
                assertThat(heading(page)).hasText("Check your answers");
                assertThat(page.getByTestId("text-HOUSING")).hasText(text);
                assertThat(page.getByTestId("answers")).containsText("JSON for the partner's own system");

                org.assertj.core.api.Assertions.assertThat(DatabaseScan.tables(dataSource).stream()
                        .map(String::toLowerCase)).contains("spring_session", "spring_session_attributes");
                org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session")
                        .query(Long.class).single()).as("the browser's session is in the database").isPositive();
                org.assertj.core.api.Assertions.assertThat(DatabaseScan.find(dataSource, List.of(marker)))
                        .as("the answers before sharing").isEmpty();
                org.assertj.core.api.Assertions.assertThat(shares(client)).isZero();

                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Share").setExact(true)).click();
                assertThat(heading(page)).hasText("Shared");
                assertThat(page.getByTestId("share-link")).containsText("/shared/");
                problems.addAll(PhoneLayoutBrowserTest.phoneProblems(page, "shared"));
                screenshot(page, "share-shared");
            } catch (RuntimeException | AssertionError failure) {
                screenshot(page, "share-FAILED");
                throw failure;
            }
        }
        org.assertj.core.api.Assertions.assertThat(shares(client)).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(problems).as("pages that do not fit a phone").isEmpty();
        org.assertj.core.api.Assertions.assertThat(refusedByThePolicy).as("anything the page policy refused").isEmpty();
    }

    @Test
    void aSessionOneQuestionPerPageOnAPhone() throws Exception {
        clock.reset();
        Fixtures.Organisation organisation = fixtures.organisation();
        Fixtures.Staff practitioner = fixtures.staffWithPassword(organisation, Role.PRACTITIONER);
        StaffPrincipal a = practitioner.principal();
        RegisteredClient client = fixtures.client(a, fixtures.staff(organisation, Role.PRACTITIONER),
                "Kim Sessionmarker Beispiel");
        String marker = Fixtures.unique("phonesessionmarker").replace("-", "");
        String note = "Talked about the new flat, " + marker;

        List<String> problems = new ArrayList<>();
        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright);
                BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                        .setBaseURL("http://127.0.0.1:" + port).setLocale("en-GB")
                        .setViewportSize(PhoneLayoutBrowserTest.WIDTH, PhoneLayoutBrowserTest.HEIGHT)
                        .setIsMobile(true).setHasTouch(true))) {
            context.setDefaultTimeout(30_000);
            Page page = context.newPage();
            Chromium.firstSignIn(page, a.username(), practitioner.password());
            try {
                page.navigate("/cases/" + client.id() + "/sessions");
                page.getByTestId("session-steps").click();
                sessionQuestion(page, "When and how did you meet?", "when", problems);
                page.getByLabel("Setting").selectOption(new SelectOption().setLabel("Family or context, without the client"));
                next(page);

                // Asked after the setting: a session with the context alone does not tick the client.
                sessionQuestion(page, "Who took part?", "who", problems);
                assertThat(page.getByLabel("The client", new Page.GetByLabelOptions().setExact(true))).not().isChecked();
                next(page);

                sessionQuestion(page, "What happened?", "what", problems);
                next(page);
                assertThat(page.getByTestId("session-step")).hasAttribute("data-step", "what");
                assertThat(page.locator("[data-error-summary]")).containsText("There is a problem");
                page.getByLabel("Note", new Page.GetByLabelOptions().setExact(true)).fill(note);
                next(page);

                sessionQuestion(page, "What comes next?", "next", problems);
                next(page);

                assertThat(heading(page)).hasText("Check your answers");
                assertThat(page.getByTestId("answer-note")).hasText(note);
                assertThat(page.getByTestId("answer-participants")).containsText("Without the client");
                problems.addAll(PhoneLayoutBrowserTest.phoneProblems(page, "check"));
                screenshot(page, "session-check");
                org.assertj.core.api.Assertions.assertThat(DatabaseScan.find(dataSource, List.of(marker)))
                        .as("the answers before saving").isEmpty();

                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save session").setExact(true))
                        .click();
                assertThat(page).hasURL(Pattern.compile("/cases/" + client.id() + "/sessions$"));
                assertThat(page.getByRole(AriaRole.STATUS)).hasText("The session is saved.");
                assertThat(page.locator(".note-text")).hasText(note);
            } catch (RuntimeException | AssertionError failure) {
                screenshot(page, "session-FAILED");
                throw failure;
            }
        }
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_session_note WHERE client_id = ?")
                .param(client.id()).query(Long.class).single()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(problems).as("pages that do not fit a phone").isEmpty();
    }

    private static void sessionQuestion(Page page, String question, String step, List<String> problems) {
        assertThat(heading(page)).hasText(question);
        assertThat(page.getByTestId("session-step")).hasAttribute("data-step", step);
        problems.addAll(PhoneLayoutBrowserTest.phoneProblems(page, step).stream().map(p -> step + ": " + p).toList());
        screenshot(page, "session-" + step);
    }

    private static void question(Page page, String question, String step, List<String> problems) {
        assertThat(heading(page)).hasText(question);
        assertThat(page.getByTestId("share-step")).hasAttribute("data-step", step);
        assertThat(page).hasURL(Pattern.compile("/shares/steps(/[a-z]+(/change)?)?$"));
        problems.addAll(PhoneLayoutBrowserTest.phoneProblems(page, step).stream().map(p -> step + ": " + p).toList());
        screenshot(page, "share-" + step);
    }

    private static com.microsoft.playwright.Locator heading(Page page) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
    }

    private static void next(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue").setExact(true)).click();
    }

    private long shares(RegisteredClient client) {
        return jdbc.sql("SELECT COUNT(*) FROM dis_share WHERE client_id = ?").param(client.id()).query(Long.class)
                .single();
    }

    private UUID partner(StaffRequests web, Fixtures.Organisation organisation, String kind) throws Exception {
        String name = "Partner " + kind + " " + UUID.randomUUID().toString().substring(0, 8);
        org.assertj.core.api.Assertions.assertThat(web.status(post("/network/partners").param("name", name)
                .param("kind", kind).param("mandate", "A mandate").param("agreement", "INFORMAL"),
                fixtures.manager(organisation.id()))).isEqualTo(302);
        return jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = ?").params(organisation.id(), name)
                .query(UUID.class).single();
    }

    private void consent(StaffRequests web, StaffPrincipal a, RegisteredClient client, UUID partner) throws Exception {
        org.assertj.core.api.Assertions.assertThat(web.status(post("/cases/{id}/consents", client.id())
                .param("partnerId", partner.toString()).param("purpose", "Find a flat").param("kinds", "HOUSING")
                .param("validFrom", LocalDate.now(clock).toString())
                .param("validUntil", LocalDate.now(clock).plusMonths(6).toString())
                .param("informedHow", "FORM_READ_TOGETHER"), a)).isEqualTo(302);
    }

    private static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("steps-phone-" + name + ".png"))
                    .setFullPage(true));
        } catch (Exception ignored) {
            // a screenshot is a help, not a result
        }
    }
}
