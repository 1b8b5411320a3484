package org.exitwork.safety.internal.staffsafety;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
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
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * R14 on a phone, in a real browser: "need help now" after the idle timeout, without signing in again;
 * and without signal, check-out kept on the phone and sent when the signal returns, while a call for
 * help shows whom to call and never claims to have been sent.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@BrowserLaneTest
class CheckInOnThePhoneBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    StaffSafety safety;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    record World(StaffPrincipal pat, String password, StaffPrincipal manager, UUID appointment) {
    }

    private World world() {
        clock.reset();
        NewAccount admin = accounts.createOrganisation(Fixtures.unique("Org "), Fixtures.unique("admin"), "Admin");
        UUID org = admin.member().organisationId();
        NewAccount created = accounts.createStaff(org, Fixtures.unique("prac"), "Pat Phone", Role.PRACTITIONER, false);
        StaffPrincipal pat = Fixtures.principal(created.member());
        StaffPrincipal manager = Fixtures.principal(accounts.createStaff(org, Fixtures.unique("mgr"), "Mo Manager",
                Role.MANAGER, false).member());
        safety.saveContact(manager, null, "+49 30 1234 567");
        Instant now = clock.instant();
        UUID appointment = safety.plan(pat, new StaffSafety.NewAppointment(now.minus(Duration.ofMinutes(10)),
                now.plus(Duration.ofHours(1)), PlaceKind.HOME_VISIT, "Phone test street 9", null, Set.of()));
        return new World(pat, created.temporaryPassword(), manager, appointment);
    }

    private BrowserContext phone(Browser browser) {
        return browser.newContext(new Browser.NewContextOptions().setBaseURL("http://127.0.0.1:" + port)
                .setLocale("en-GB").setViewportSize(360, 740).setIsMobile(true).setHasTouch(true));
    }

    /** Signs in, opens the check-in page and checks in: ends on the phone's own check-in page. */
    private void checkIn(Page page, World w) {
        Chromium.firstSignIn(page, w.pat().username(), w.password());
        page.navigate("/safety/check-in");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("I have arrived")).tap();
        assertThat(page).hasURL(Pattern.compile("/safety/help/" + w.appointment() + "\\?done=arrived$"));
        assertThat(page.locator("p.notice")).containsText("You are checked in.");
        // The phone's own page fits 360 px: nothing scrolls sideways (the extend buttons keep their words).
        org.assertj.core.api.Assertions.assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo((Integer) page.evaluate("document.documentElement.clientWidth"));
    }

    @Test
    void needHelpNowAfterTheIdleTimeoutWithoutSigningIn() {
        World w = world();
        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            Page page = phone(browser).newPage();
            page.setDefaultTimeout(30_000);
            try {
                checkIn(page, w);
                clock.advance(Duration.ofMinutes(21));

                page.getByTestId("help").tap();

                assertThat(page).hasURL(Pattern.compile("/safety/help/" + w.appointment() + "\\?done=help$"));
                assertThat(page.locator("p.notice")).containsText("Your colleagues have been alerted.");
                assertThat(page.getByTestId("check-in-card")).containsText("An alert is open");
                assertThat(page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true))).hasCount(0);
                screenshot(page, "help-after-idle-timeout");

                // The idle timeout did happen: any other page asks for the sign-in again.
                page.navigate("/safety/check-in");
                assertThat(page).hasURL(Pattern.compile("/sign-in\\?timed-out$"));
            } catch (Throwable failure) {
                screenshot(page, "FAILED-help-after-idle-timeout");
                throw failure;
            }
        }
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT kind FROM saf_alert WHERE appointment_id = ?")
                .param(w.appointment()).query(String.class).list()).containsExactly("HELP");
    }

    @Test
    void withoutSignalCheckOutWaitsOnThePhoneAndHelpShowsWhomToCall() {
        World w = world();
        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            BrowserContext context = phone(browser);
            Page page = context.newPage();
            page.setDefaultTimeout(30_000);
            try {
                checkIn(page, w);
                page.waitForFunction("navigator.serviceWorker.ready.then(() => true)");

                context.setOffline(true);
                page.getByTestId("help").tap();
                Locator call = page.getByTestId("call-for-help");
                assertThat(call).isVisible();
                assertThat(call).containsText("has NOT been sent");
                assertThat(page.getByTestId("call-emergency")).hasAttribute("href", "tel:112");
                assertThat(call.locator("a[href='tel:+49301234567']")).containsText("Mo Manager");
                assertThat(page.locator("body")).not().containsText("Your colleagues have been alerted.");
                screenshot(page, "help-without-signal");

                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("I have left")).tap();
                Locator queue = page.getByTestId("queue-status");
                assertThat(queue).containsText("queued");
                org.assertj.core.api.Assertions.assertThat(leftAt(w)).as("nothing reached the server yet").isNull();
                screenshot(page, "check-out-queued");
                @SuppressWarnings("unchecked")
                Map<String, Object> kept = (Map<String, Object>) page.evaluate(KEPT);
                org.assertj.core.api.Assertions.assertThat(kept).containsEntry("entries", 1)
                        .containsEntry("algorithm", "AES-GCM").containsEntry("extractable", false)
                        .containsEntry("readable", false);

                // The page itself comes from the phone while there is no signal.
                page.reload();
                assertThat(page.getByTestId("check-in-card")).containsText("On site");
                assertThat(page.getByTestId("help")).isVisible();

                context.setOffline(false);
                assertThat(page.getByTestId("queue-status")).containsText("Sent");

                // Signing out empties what the phone kept.
                page.navigate("/safety/check-in");
                Chromium.openMenu(page);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
                assertThat(page).hasURL(Pattern.compile("/sign-in\\?signed-out$"));
                page.waitForFunction("indexedDB.databases().then(dbs => !dbs.some(d => d.name === 'exitwork-check-in'))");
            } catch (Throwable failure) {
                screenshot(page, "FAILED-check-out-without-signal");
                throw failure;
            }
        }
        org.assertj.core.api.Assertions.assertThat(leftAt(w)).as("the check-out arrived").isNotNull();
        // The check-in, sent at once, carries its event id too; the check-out is the one kept on the phone.
        List<Map<String, Object>> events = jdbc.sql("SELECT action, phone_time, server_time FROM saf_check_in_event "
                + "WHERE appointment_id = ? AND action = 'LEFT'").param(w.appointment()).query().listOfRows();
        org.assertj.core.api.Assertions.assertThat(events).singleElement().satisfies(e -> {
            org.assertj.core.api.Assertions.assertThat(e.get("action")).isEqualTo("LEFT");
            org.assertj.core.api.Assertions.assertThat(e.get("phone_time")).isNotNull();
            org.assertj.core.api.Assertions.assertThat(e.get("server_time")).isNotNull();
        });
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM saf_alert WHERE appointment_id = ?")
                .param(w.appointment()).query(Long.class).single()).as("the call without signal was not sent").isZero();
    }

    /** What the phone keeps: the queue's entries, and whether the page could read them or their key. */
    private static final String KEPT = """
            () => new Promise((resolve, reject) => {
                const open = indexedDB.open('exitwork-check-in');
                open.onerror = () => reject(open.error);
                open.onsuccess = () => {
                    const db = open.result;
                    const tx = db.transaction(['key', 'queue']);
                    const key = tx.objectStore('key').get('queue');
                    const queue = tx.objectStore('queue').getAll();
                    tx.oncomplete = () => {
                        const text = queue.result.map(e => new TextDecoder().decode(e.data)).join(' ');
                        db.close();
                        resolve({ entries: queue.result.length, algorithm: key.result.algorithm.name,
                            extractable: key.result.extractable,
                            readable: text.includes('left') || text.includes('token') || text.includes('eventId') });
                    };
                };
            })""";

    private java.sql.Timestamp leftAt(World w) {
        return jdbc.sql("SELECT left_at FROM saf_appointment WHERE id = ?").param(w.appointment())
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getTimestamp(1))).single().orElse(null);
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
