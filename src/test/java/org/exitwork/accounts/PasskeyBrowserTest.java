package org.exitwork.accounts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import org.exitwork.accounts.AccountAdministration.NewAccount;
import org.exitwork.audit.AuditLog;
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
 * Passkeys in a real browser, with Chromium's virtual authenticator standing in for the phone's or
 * laptop's (a platform authenticator that verifies its user): a programme manager registers one,
 * signs out, signs in with it alone, and then with it after the password instead of the app's code.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@BrowserLaneTest
class PasskeyBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPasskeySignsInAloneAndAsTheSecondFactor() throws Exception {
        NewAccount first = accounts.createOrganisation(Fixtures.unique("Org "), Fixtures.unique("admin"), "First Admin");
        NewAccount manager = accounts.createStaff(first.member().organisationId(), Fixtures.unique("mana"),
                "Mia Manager", Role.MANAGER, false);
        UUID managerId = manager.member().id();

        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            // A passkey belongs to a host name, never to an IP address: the page is opened at localhost.
            BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                    .setBaseURL("http://localhost:" + port).setLocale("en-GB").setViewportSize(360, 740));
            context.setDefaultTimeout(30_000);
            Page page = context.newPage();
            try {
                virtualAuthenticator(page);
                Chromium.firstSignIn(page, manager.member().username(), manager.temporaryPassword());

                page.navigate("/profile");
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My passkeys")).click();
                assertThat(page).hasURL(Pattern.compile("/profile/passkeys$"));
                // No name: the device is not asked, the form says what is missing.
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register a passkey")).click();
                assertThat(page.locator("#name-error")).hasText("Please give the passkey a name.");
                page.getByLabel("Name").fill("work laptop");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register a passkey")).click();
                assertThat(page.locator("p.notice")).containsText("Your passkey is registered");
                assertThat(page.getByTestId("passkey")).hasCount(1);
                assertThat(page.getByTestId("passkey")).containsText("work laptop");
                assertThat(page.getByTestId("passkey")).containsText("not yet");
                screenshot(page, "passkeys-360");
                Number scrollWidth = (Number) page.evaluate("document.documentElement.scrollWidth");
                org.assertj.core.api.Assertions.assertThat(scrollWidth.intValue()).as("no sideways scrolling at 360 px")
                        .isLessThanOrEqualTo(360);
                org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM acc_passkey WHERE staff_id = ?")
                        .param(managerId).query(Integer.class).single()).isEqualTo(1);

                signOut(page);
                screenshot(page, "sign-in-with-passkey-360");
                // Without user name and password: the device's passkey names its holder.
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with a passkey")).click();
                assertThat(page).hasURL(Pattern.compile("/manage/overview$"));
                page.navigate("/profile/passkeys");
                assertThat(page.getByTestId("passkey")).not().containsText("not yet");

                signOut(page);
                // After the password the passkey stands in for the code from the app.
                page.getByLabel("User name", new Page.GetByLabelOptions().setExact(true))
                        .fill(manager.member().username());
                page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true))
                        .fill(manager.temporaryPassword());
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
                assertThat(page).hasURL(Pattern.compile("/sign-in/code$"));
                screenshot(page, "code-or-passkey-360");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use my passkey instead")).click();
                assertThat(page).hasURL(Pattern.compile("/manage/overview$"));

                // Both sign-ins are in the audit chain as passkey sign-ins.
                org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                        "SELECT COUNT(*) FROM aud_entry WHERE action = 'PASSKEY_SIGN_IN' AND actor_id = ?")
                        .param(managerId).query(Integer.class).single()).isEqualTo(2);
            } catch (Throwable failure) {
                screenshot(page, "FAILED-passkeys");
                throw failure;
            }
        }
    }

    /** CDP: a platform authenticator that keeps discoverable passkeys and verifies its user at once. */
    private static void virtualAuthenticator(Page page) {
        CDPSession cdp = page.context().newCDPSession(page);
        cdp.send("WebAuthn.enable", new JsonObject());
        JsonObject options = new JsonObject();
        options.addProperty("protocol", "ctap2");
        options.addProperty("transport", "internal");
        options.addProperty("hasResidentKey", true);
        options.addProperty("hasUserVerification", true);
        options.addProperty("isUserVerified", true);
        options.addProperty("automaticPresenceSimulation", true);
        JsonObject params = new JsonObject();
        params.add("options", options);
        cdp.send("WebAuthn.addVirtualAuthenticator", params);
    }

    private static void signOut(Page page) {
        Chromium.openMenu(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page).hasURL(Pattern.compile("/sign-in\\?signed-out$"));
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
