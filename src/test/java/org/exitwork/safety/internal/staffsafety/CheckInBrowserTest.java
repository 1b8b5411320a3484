package org.exitwork.safety.internal.staffsafety;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.AccountAdministration.NewAccount;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.BrowserAvailable;
import org.exitwork.testing.BrowserLaneTest;
import org.exitwork.testing.Chromium;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * R14 on a phone: the check-in page at 360 pixels wide, in a real browser (Debian's Chromium, as in
 * {@code BrowserJourneyTest}): no sideways scrolling, large buttons, one tap each.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@BrowserLaneTest
class CheckInBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    StaffSafety safety;

    @Autowired
    JdbcClient jdbc;

    @Test
    void checkingInOnAPhone() throws Exception {
        NewAccount admin = accounts.createOrganisation(Fixtures.unique("Org "), Fixtures.unique("admin"), "Admin");
        NewAccount created = accounts.createStaff(admin.member().organisationId(), Fixtures.unique("prac"),
                "Pat Phone", Role.PRACTITIONER, false);
        StaffPrincipal pat = Fixtures.principal(created.member());
        Instant now = Instant.now();
        safety.plan(pat, new StaffSafety.NewAppointment(now.minus(Duration.ofMinutes(10)), now.plus(Duration.ofHours(1)),
                PlaceKind.HOME_VISIT, "Phone test street 5", null, Set.of()));

        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            Page page = browser.newContext(new Browser.NewContextOptions().setBaseURL("http://127.0.0.1:" + port)
                    .setLocale("en-GB").setViewportSize(360, 740).setIsMobile(true).setHasTouch(true)).newPage();
            page.setDefaultTimeout(30_000);
            try {
                Chromium.firstSignIn(page, pat.username(), created.temporaryPassword());

                page.navigate("/safety/check-in");
                Locator card = page.getByTestId("check-in-card");
                assertThat(card).containsText("Home visit");
                assertThat(card).containsText("Phone test street 5");
                Number scrollWidth = (Number) page.evaluate("document.documentElement.scrollWidth");
                org.assertj.core.api.Assertions.assertThat(scrollWidth.intValue()).as("no sideways scrolling at 360 px")
                        .isLessThanOrEqualTo(360);
                Locator help = page.getByTestId("help");
                org.assertj.core.api.Assertions.assertThat(help.boundingBox().height).as("a large button")
                        .isGreaterThanOrEqualTo(44);
                org.assertj.core.api.Assertions.assertThat(help.boundingBox().width).isGreaterThan(250);

                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("I have arrived")).tap();
                assertThat(page.locator("p.notice")).containsText("You are checked in.");
                assertThat(card).containsText("On site");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("30 minutes")).tap();
                assertThat(page.locator("p.notice")).containsText("The appointment is extended.");
                page.getByTestId("help").tap();
                assertThat(page.locator("p.notice")).containsText("Your colleagues have been alerted.");
                assertThat(page.getByTestId("check-in-card")).containsText("An alert is open");
                screenshot(page, "check-in-360");
            } catch (Throwable failure) {
                screenshot(page, "FAILED-check-in-360");
                throw failure;
            }
        }
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT kind FROM saf_alert WHERE staff_id = ?")
                .param(pat.id()).query(String.class).list()).containsExactly("HELP");
    }

    private static void screenshot(Page page, String name) {
        try {
            Path dir = Paths.get("target", "screenshots");
            Files.createDirectories(dir);
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("safety-" + name + ".png")).setFullPage(true));
        } catch (Exception e) {
            System.err.println("could not take screenshot " + name + ": " + e);
        }
    }
}
