package org.exitwork.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The run's one Chromium for a browser test class: taken before the class's first test, and at its end every
 * context the class opened is closed (the shared browser and driver stay for the next class, see {@link Chromium}).
 * A class registers it as {@code @RegisterExtension static final ChromiumForClass chromium = new ChromiumForClass();}.
 */
public final class ChromiumForClass implements BeforeAllCallback, AfterAllCallback {

    private Playwright playwright;
    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    public Browser browser() {
        return browser;
    }
}
