package org.exitwork.testing;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** Playwright on Debian's Chromium for the browser tests, and the first sign-in every new account goes through. */
public final class Chromium {

    private Chromium() {
    }

    /** Playwright without its own browser download: the tests drive {@link BrowserAvailable#chromium()}. */
    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Headless Chromium without the sandbox (containers) and without any call home. */
    public static Browser launch(Playwright playwright) {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(BrowserAvailable.chromium())
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    /**
     * Opens the page's menu where it is folded (on a phone, below 48rem): the links of the navigation,
     * the language and sign-out are behind its "Menu" button there. On a wide screen it is open already.
     */
    public static void openMenu(Page page) {
        Locator button = page.locator("details.menu > summary");
        if (button.isVisible() && page.locator("details.menu[open]").count() == 0) {
            button.click();
        }
    }

    /**
     * The first sign-in of an account created without a temporary password: password, enrolment of
     * the second factor, the recovery codes acknowledged. Ends on the role's first page.
     */
    public static Totp firstSignIn(Page page, String username, String password) {
        page.navigate("/sign-in");
        page.getByLabel("User name", new Page.GetByLabelOptions().setExact(true)).fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(page).hasURL(Pattern.compile("/sign-in/enrol$"));
        Totp totp = new Totp(page.getByTestId("totp-secret").textContent());
        page.getByLabel("Six-digit code from your app").fill(totp.nextCode());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm and sign in")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("I have stored them safely, continue"))
                .click();
        assertThat(page).not().hasURL(Pattern.compile("/sign-in"));
        return totp;
    }
}
