package org.exitwork.referrals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.AccountAdministration.NewAccount;
import org.exitwork.accounts.Role;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.referrals.internal.InboundReferral;
import org.exitwork.referrals.internal.Inbox;
import org.exitwork.referrals.internal.ReferralMatcher;
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
 * A referral arriving (R7), in a real browser (Debian's Chromium, as in {@code BrowserJourneyTest}):
 * the inbox receives it (standing in for the partner API), the matcher takes it, the manager sees it
 * among the referrals awaiting a practitioner and assigns one, and the practitioner finds "Referral
 * from" the partner on the new prospect's referral page.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@BrowserLaneTest
class ReferralBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    Inbox inbox;

    @Autowired
    ReferralMatcher matcher;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReferralArrivesAndIsAssigned() throws Exception {
        NewAccount admin = accounts.createOrganisation(Fixtures.unique("Org "), Fixtures.unique("admin"), "Admin");
        UUID org = admin.member().organisationId();
        NewAccount manager = accounts.createStaff(org, Fixtures.unique("mana"), "Lena Leitung", Role.MANAGER, false);
        NewAccount practitioner = accounts.createStaff(org, Fixtures.unique("prac"), "Pia Praxis", Role.PRACTITIONER,
                false);
        String partnerName = "State police " + UUID.randomUUID().toString().substring(0, 6);
        String concern = Fixtures.unique("Worried about recruitment at school ");

        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            BrowserContext managerContext = browser.newContext(new Browser.NewContextOptions()
                    .setBaseURL("http://127.0.0.1:" + port).setLocale("en-GB"));
            Page page = managerContext.newPage();
            page.setDefaultTimeout(30_000);
            try {
                signIn(page, manager);

                // The manager registers the partner (a police service).
                page.navigate("/network/partners/new");
                page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(partnerName);
                page.getByLabel("Kind", new Page.GetByLabelOptions().setExact(true))
                        .selectOption(new SelectOption().setLabel("Security: Police"));
                page.getByLabel("Mandate (one sentence)").fill("Public safety");
                page.getByLabel("Informal").check();
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register the partner")).click();
                assertThat(page).hasURL(Pattern.compile("/network/partners/[0-9a-f-]{36}$"));
                UUID partner = UUID.fromString(page.url().substring(page.url().lastIndexOf('/') + 1));

                // The partner refers a person (the API's side: an inbox entry), the matcher takes it.
                inbox.append(org, partner, Inbox.Via.API, new InboundReferral("POL-2026-17",
                        Set.of(PhenomenonArea.RIGHT_WING), false, "Max Muster", LocalDate.of(2008, 3, 4),
                        "+49 30 555 0101", concern));
                matcher.matchNow();

                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Referrals").setExact(true)).click();
                assertThat(page).hasURL(Pattern.compile("/referrals$"));
                assertThat(page.getByTestId("referral")).containsText("From " + partnerName + " (Police), received on");
                assertThat(page.getByTestId("referrals")).not().containsText(concern);
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open")).click();
                assertThat(page.getByTestId("referral-content")).containsText(concern);
                page.getByLabel("Practitioner").selectOption(new SelectOption().setLabel("Pia Praxis"));
                screenshot(page, "assign");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Assign").setExact(true)).click();
                assertThat(page).hasURL(Pattern.compile("/referrals$"));
                assertThat(page.locator("p.notice")).containsText("The referral was assigned.");
                assertThat(page.getByTestId("referrals")).hasCount(0);
            } catch (Throwable failure) {
                screenshot(page, "FAILED-manager");
                throw failure;
            }

            UUID prospect = jdbc.sql("SELECT client_id FROM ref_referral WHERE org_id = ?").param(org)
                    .query(UUID.class).single();
            BrowserContext practitionerContext = browser.newContext(new Browser.NewContextOptions()
                    .setBaseURL("http://127.0.0.1:" + port).setLocale("en-GB"));
            Page pia = practitionerContext.newPage();
            pia.setDefaultTimeout(30_000);
            try {
                signIn(pia, practitioner);
                pia.navigate("/cases/" + prospect + "/intake");
                pia.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Referral").setExact(true)).click();
                assertThat(pia.getByTestId("case-referral")).containsText("Referral from " + partnerName
                        + ", received on");
                assertThat(pia.getByTestId("case-referral")).containsText(concern);
                screenshot(pia, "in-the-case");
            } catch (Throwable failure) {
                screenshot(pia, "FAILED-practitioner");
                throw failure;
            }
        }
    }

    private static void signIn(Page page, NewAccount account) {
        Chromium.firstSignIn(page, account.member().username(), account.temporaryPassword());
    }

    private static void screenshot(Page page, String name) {
        try {
            Path dir = Paths.get("target", "screenshots");
            Files.createDirectories(dir);
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("referral-" + name + ".png"))
                    .setFullPage(true));
        } catch (Exception e) {
            System.err.println("could not take screenshot " + name + ": " + e);
        }
    }
}
