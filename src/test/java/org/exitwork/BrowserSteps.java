package org.exitwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.exitwork.testing.Chromium;
import org.exitwork.testing.ChromiumForClass;
import org.exitwork.testing.Totp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInfo;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * What a person does in the browser on the way in (sign in, choose a password, enrol the second factor,
 * enter a code, sign out) and the browser around it, for the journeys in Chromium: {@link BrowserJourneyTest}
 * (the first run, on an installation of its own) and {@link MainPathBrowserTest} (a case's main path).
 */
abstract class BrowserSteps {

    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    @RegisterExtension
    static final ChromiumForClass chromium = new ChromiumForClass();

    @LocalServerPort
    int port;

    BrowserContext context;
    Page page;
    String testName;
    private final String screenshotPrefix;

    BrowserSteps(String screenshotPrefix) {
        this.screenshotPrefix = screenshotPrefix;
    }

    /** Someone who uses the application: credentials and their authenticator app. */
    static final class Person {
        final String displayName;
        final String username;
        String password;
        Totp totp;
        final List<String> recoveryCodes = new ArrayList<>();

        Person(String displayName, String username, String password) {
            this.displayName = displayName;
            this.username = username;
            this.password = password;
        }
    }

    @BeforeEach
    void openPage(TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        context = newContext(true, null);
        page = context.newPage();
    }

    @AfterEach
    void closePage() {
        if (context != null) {
            context.close();
        }
    }

    BrowserContext newContext(boolean javaScript, String storageState) {
        Browser.NewContextOptions options = new Browser.NewContextOptions()
                .setBaseURL("http://127.0.0.1:" + port)
                .setLocale("en-GB")
                .setJavaScriptEnabled(javaScript);
        if (storageState != null) {
            options.setStorageState(storageState);
        }
        BrowserContext created = chromium.browser().newContext(options);
        created.setDefaultTimeout(30_000);
        return created;
    }

    // --- steps -------------------------------------------------------------------------------

    Locator heading() {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
    }

    void enterPassword(Person who) {
        if (!page.url().contains("/sign-in")) {
            page.navigate("/sign-in");
        }
        assertThat(heading()).hasText("Sign in");
        page.getByLabel("User name", new Page.GetByLabelOptions().setExact(true)).fill(who.username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(who.password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        // Past the password step: on to the next step, not back to the sign-in page (?failed).
        assertThat(page).not().hasURL(Pattern.compile("/sign-in(\\?[^/]*)?$"));
    }

    void chooseNewPassword(Person who, String newPassword) {
        assertThat(page).hasURL(Pattern.compile("/sign-in/new-password$"));
        page.getByLabel("Current (temporary) password").fill(who.password);
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill(newPassword);
        page.getByLabel("Repeat the password").fill(newPassword);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save password")).click();
        who.password = newPassword;
    }

    /** Types the key shown into "the authenticator app", confirms a code and keeps the recovery codes. */
    void enrol(Person who) {
        assertThat(page).hasURL(Pattern.compile("/sign-in/enrol$"));
        assertThat(heading()).hasText("Set up your second factor");
        who.totp = new Totp(page.getByTestId("totp-secret").textContent());
        org.assertj.core.api.Assertions.assertThat(who.totp.secret()).matches("[A-Z2-7]{32}");
        page.getByLabel("Six-digit code from your app").fill(who.totp.nextCode());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm and sign in")).click();

        Locator codes = page.getByTestId("recovery-codes");
        assertThat(codes.locator("li")).hasCount(10);
        who.recoveryCodes.addAll(codes.locator("li").allTextContents().stream().map(String::strip).toList());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("I have stored them safely, continue"))
                .click();
    }

    void enterCode(String code) {
        assertThat(page).hasURL(Pattern.compile("/sign-in/code$"));
        page.getByLabel("Six-digit code, or a recovery code").fill(code);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
    }

    /** Creates a practitioner account on the staff page and returns its temporary password. */
    String createAccount(Person who, String role) {
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(who.displayName);
        page.getByLabel("User name", new Page.GetByLabelOptions().setExact(true)).fill(who.username);
        page.getByLabel("Role").selectOption(new SelectOption().setLabel(role));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page.getByTestId("created-account")).containsText("Account " + who.username + " created.");
        String temporary = page.getByTestId("temporary-password").textContent().strip();
        org.assertj.core.api.Assertions.assertThat(temporary).hasSizeGreaterThanOrEqualTo(12);
        assertThat(page.locator("table")).containsText(who.displayName);
        return temporary;
    }

    void signOut() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out").setExact(true)).click();
        assertThat(page).hasURL(Pattern.compile("/sign-in\\?signed-out$"));
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("You have been signed out.");
    }

    /** Removes the screenshots of an earlier run whose names start so, so a stale FAILED picture cannot mislead. */
    static void clearScreenshots(String prefix) throws java.io.IOException {
        if (!Files.isDirectory(SCREENSHOTS)) {
            return;
        }
        try (var old = Files.newDirectoryStream(SCREENSHOTS, prefix + "*.png")) {
            for (Path file : old) {
                Files.delete(file);
            }
        }
    }

    void screenshot(Page page, String name) {
        if (page == null || page.isClosed()) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SCREENSHOTS.resolve(screenshotPrefix + name + ".png")).setFullPage(true));
        } catch (Exception e) {
            System.err.println("could not take screenshot " + name + ": " + e);
        }
    }
}
