package org.exitwork.accounts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import org.exitwork.accounts.AccountAdministration.NewAccount;
import org.exitwork.testing.BrowserAvailable;
import org.exitwork.testing.BrowserLaneTest;
import org.exitwork.testing.Chromium;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.Totp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A reset in a real browser (R6): the administrator asks, a manager approves and reads the
 * temporary password once, the holder signs in with it, enrols a new second factor and is told.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@BrowserLaneTest
class AccountResetBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aResetTakesTwoPeopleAndTheHolderIsTold() throws Exception {
        NewAccount first = accounts.createOrganisation(Fixtures.unique("Org "), Fixtures.unique("admin"), "First Admin");
        UUID organisation = first.member().organisationId();
        NewAccount admin = accounts.createStaff(organisation, Fixtures.unique("admin"), "Ada Admin", Role.ADMIN, false);
        NewAccount manager = accounts.createStaff(organisation, Fixtures.unique("mana"), "Mia Manager", Role.MANAGER, false);
        NewAccount holder = accounts.createStaff(organisation, Fixtures.unique("prac"), "Hal Holder", Role.PRACTITIONER, false);
        // An approver's account must be older than the request by a week.
        jdbc.sql("UPDATE acc_staff SET created_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(30))), manager.member().id()).update();

        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            Page holderPage = context(browser).newPage();
            Page adminPage = context(browser).newPage();
            Page managerPage = context(browser).newPage();
            Page current = holderPage;
            try {
                Chromium.firstSignIn(holderPage, holder.member().username(), holder.temporaryPassword());

                current = adminPage;
                Chromium.firstSignIn(adminPage, admin.member().username(), admin.temporaryPassword());
                adminPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                        .setName("Ask to reset the password of Hal Holder")).click();
                assertThat(adminPage.locator("p.notice")).containsText("waiting for a programme manager");
                adminPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                        .setName("Ask to reset the second factor of Hal Holder")).click();
                assertThat(adminPage.getByTestId("reset-waiting")).hasCount(2);
                org.assertj.core.api.Assertions.assertThat(AccountResetTest.TEMPORARY_PASSWORD
                        .matcher(adminPage.content()).find()).as("no password on the administrator's page").isFalse();

                current = managerPage;
                Chromium.firstSignIn(managerPage, manager.member().username(), manager.temporaryPassword());
                Chromium.openMenu(managerPage);
                managerPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Account resets")).click();
                assertThat(managerPage.getByTestId("reset-request")).hasCount(2);
                screenshot(managerPage, "reset-requests-360");
                Number scrollWidth = (Number) managerPage.evaluate("document.documentElement.scrollWidth");
                org.assertj.core.api.Assertions.assertThat(scrollWidth.intValue()).as("no sideways scrolling at 360 px")
                        .isLessThanOrEqualTo(360);
                managerPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                        .setName("Approve: Password of Hal Holder")).click();
                assertThat(managerPage).hasURL(Pattern.compile("/manage/account-resets/[0-9a-f-]+/password$"));
                String temporary = managerPage.getByTestId("temporary-password").textContent().strip();
                managerPage.reload();
                assertThat(managerPage.getByTestId("reset-password-gone")).isVisible();
                assertThat(managerPage.getByTestId("temporary-password")).hasCount(0);
                managerPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the requests")).click();
                managerPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                        .setName("Approve: Second factor of Hal Holder")).click();
                assertThat(managerPage.locator("p.notice")).containsText("signed out everywhere");

                current = holderPage;
                // Signed out by the approval.
                holderPage.navigate("/start");
                assertThat(holderPage).hasURL(Pattern.compile("/sign-in$"));
                holderPage.getByLabel("User name", new Page.GetByLabelOptions().setExact(true))
                        .fill(holder.member().username());
                holderPage.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(temporary);
                holderPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
                assertThat(holderPage).hasURL(Pattern.compile("/sign-in/new-password$"));
                holderPage.getByLabel("Current (temporary) password").fill(temporary);
                holderPage.getByLabel("New password", new Page.GetByLabelOptions().setExact(true))
                        .fill("a passphrase only Hal knows");
                holderPage.getByLabel("Repeat the password").fill("a passphrase only Hal knows");
                holderPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save password")).click();
                assertThat(holderPage).hasURL(Pattern.compile("/sign-in/enrol$"));
                Totp totp = new Totp(holderPage.getByTestId("totp-secret").textContent());
                holderPage.getByLabel("Six-digit code from your app").fill(totp.nextCode());
                holderPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm and sign in")).click();
                holderPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                        .setName("I have stored them safely, continue")).click();
                assertThat(holderPage).hasURL(Pattern.compile("/account/reset-notice$"));
                assertThat(holderPage.getByTestId("reset-notices"))
                        .containsText("Ada Admin (Administrator) asked to reset your password; Mia Manager (Programme manager) approved it.");
                assertThat(holderPage.getByTestId("reset-notices")).containsText("asked to reset your second factor");
                screenshot(holderPage, "reset-notice");
                holderPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                        .setName("I have read this, continue")).click();
                assertThat(holderPage).hasURL(Pattern.compile("/start$"));
            } catch (Throwable failure) {
                screenshot(current, "FAILED-reset");
                throw failure;
            }
        }
    }

    private BrowserContext context(Browser browser) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://127.0.0.1:" + port).setLocale("en-GB").setViewportSize(360, 740));
        context.setDefaultTimeout(30_000);
        return context;
    }

    private static void screenshot(Page page, String name) {
        try {
            Path dir = Paths.get("target", "screenshots");
            Files.createDirectories(dir);
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("accounts-" + name + ".png")).setFullPage(true));
        } catch (Exception e) {
            System.err.println("could not take screenshot " + name + ": " + e);
        }
    }
}
