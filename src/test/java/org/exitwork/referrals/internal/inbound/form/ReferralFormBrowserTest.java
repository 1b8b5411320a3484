package org.exitwork.referrals.internal.inbound.form;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
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
import org.springframework.test.web.servlet.MockMvc;

import static org.exitwork.testing.Fixtures.formTokenWaived;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A referral arriving through a one-time link, in a real browser (as {@code BrowserJourneyTest}): the
 * manager creates the link; someone at the partner opens it in another browser without signing in,
 * fills the form and sees "received"; the link then says it is not valid.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@BrowserLaneTest
class ReferralFormBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPartnerRefersThroughAOneTimeLink() throws Exception {
        NewAccount admin = accounts.createOrganisation(Fixtures.unique("Org "), Fixtures.unique("admin"), "Admin");
        NewAccount created = accounts.createStaff(admin.member().organisationId(), Fixtures.unique("mgr"),
                "Mia Manager", Role.MANAGER, false);
        StaffPrincipal mia = Fixtures.principal(created.member());
        String partnerName = Fixtures.unique("State police ");
        mvc.perform(post("/network/partners").with(as(mia)).with(formTokenWaived()).param("name", partnerName)
                .param("kind", "POLICE").param("mandate", "Refers people").param("agreement", "INFORMAL"));
        long before = jdbc.sql("SELECT COUNT(*) FROM ref_inbox").query(Long.class).single();

        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            BrowserContext staff = browser.newContext(new Browser.NewContextOptions()
                    .setBaseURL("http://127.0.0.1:" + port).setLocale("en-GB"));
            Page page = staff.newPage();
            page.setDefaultTimeout(30_000);
            String link;
            try {
                Chromium.firstSignIn(page, mia.username(), created.temporaryPassword());

                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Referral access")).click();
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                        .setName("One-time links to the referral form")).click();
                page.getByLabel("Partner").selectOption(new com.microsoft.playwright.options.SelectOption()
                        .setLabel(partnerName));
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create link")).click();
                link = page.getByTestId("form-link").textContent().strip();
                screenshot(page, "link-created");
            } catch (Throwable failure) {
                screenshot(page, "FAILED-link");
                throw failure;
            }

            // The link names the public address (exitwork.public-address); this test's server has a port of its own.
            org.assertj.core.api.Assertions.assertThat(link).matches("http://localhost:8080/referral-form/[A-Za-z0-9_-]{43}");
            String served = "http://127.0.0.1:" + port + link.substring(link.indexOf("/referral-form/"));
            BrowserContext partner = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB"));
            Page form = partner.newPage();
            form.setDefaultTimeout(30_000);
            try {
                form.navigate(served);
                assertThat(form.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                        .hasText("Refer a person");
                form.getByLabel("Your reference").fill("PP 4711/26");
                form.getByLabel("Right-wing extremism").check();
                form.getByLabel("The person at risk themselves").check();
                form.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Browser Person");
                form.getByLabel("Your concern").fill("Has been posting threats.");
                form.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send referral")).click();
                assertThat(form.getByTestId("received")).hasText("Received, your reference PP 4711/26.");
                screenshot(form, "received");

                form.navigate(served);
                assertThat(form.getByTestId("not-valid")).hasText("This link is not valid");
            } catch (Throwable failure) {
                screenshot(form, "FAILED-form");
                throw failure;
            }
        }
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM ref_inbox").query(Long.class)
                .single()).isEqualTo(before + 1);
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT via FROM ref_inbox WHERE partner_id IN "
                + "(SELECT id FROM net_partner WHERE name = ?)").param(partnerName).query(String.class).list())
                .containsExactly("FORM");
    }

    private static void screenshot(Page page, String name) {
        try {
            Path dir = Paths.get("target", "screenshots");
            Files.createDirectories(dir);
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("referral-form-" + name + ".png"))
                    .setFullPage(true));
        } catch (Exception e) {
            System.err.println("could not take screenshot " + name + ": " + e);
        }
    }
}
