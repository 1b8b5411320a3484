package org.exitwork.disclosure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.BrowserAvailable;
import org.exitwork.testing.BrowserLaneTest;
import org.exitwork.testing.Chromium;
import org.exitwork.testing.ChromiumForClass;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Shares (R9) in a real browser: a consent-bound share is granted and its link fetched by someone
 * without a session; refused shares (a partner without consent, a revoked consent, a security
 * partner added to the form by hand) show their reason and create nothing. Partners, clients and
 * consents are set up through the application's own requests; only the tandem's work is in the browser.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@BrowserLaneTest
class ShareBrowserTest {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    @RegisterExtension
    static final ChromiumForClass chromium = new ChromiumForClass();

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    private BrowserContext context;
    private Page page;
    private String testName;
    private StaffRequests web;
    private Fixtures.Organisation organisation;
    private StaffPrincipal a;
    private RegisteredClient client;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        web = new StaffRequests(mvc);
        clock.reset();
        organisation = fixtures.organisation();
        var created = accounts.createStaff(organisation.id(), Fixtures.unique("pia"), "Pia Practitioner", Role.PRACTITIONER,
                false);
        a = Fixtures.principal(created.member());
        client = fixtures.client(a, fixtures.staff(organisation, Role.PRACTITIONER), "Kim Namemarker Beispiel");
        context = chromium.browser().newContext(new Browser.NewContextOptions().setBaseURL("http://127.0.0.1:" + port)
                .setLocale("en-GB"));
        context.setDefaultTimeout(30_000);
        page = context.newPage();
        signIn(created.member().username(), created.temporaryPassword());
    }

    @AfterEach
    void tearDown() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aConsentBoundShareIsGrantedAndItsLinkFetched() throws Exception {
        UUID housing = partner("HOUSING");
        consent(housing, "Find a flat", "HOUSING");
        try {
            openForm();
            page.getByLabel("Partner", new Page.GetByLabelOptions().setExact(true))
                    .selectOption(housing.toString());
            page.getByLabel("Purpose (from the client's consent)").selectOption(new SelectOption().setIndex(1));
            page.getByLabel("Housing situation", new Page.GetByLabelOptions().setExact(true)).check();
            page.getByLabel("What to share: Housing situation").fill("Needs a flat with two rooms.");
            page.getByLabel("JSON for the partner's own system, with a download link").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Share").setExact(true)).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Shared");
            String link = page.getByTestId("share-link").textContent().strip();
            screenshot("granted");

            try (BrowserContext partner = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("en-GB")
                    .setViewportSize(360, 740))) {
                // The link names the public address (exitwork.public-address); this test's server has a port of its own.
                org.assertj.core.api.Assertions.assertThat(link).matches("http://localhost:8080/shared/[A-Za-z0-9_-]{43}");
                // The partner opens it on a phone: a page with a button; the document comes with the button.
                Page partnerPage = partner.newPage();
                partnerPage.navigate("http://127.0.0.1:" + port + link.substring(link.indexOf("/shared/")));
                assertThat(partnerPage.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                        .hasText("A document shared with you");
                org.assertj.core.api.Assertions.assertThat(
                        org.exitwork.PhoneLayoutBrowserTest.phoneProblems(partnerPage, "share link")).isEmpty();
                com.microsoft.playwright.Download download = partnerPage.waitForDownload(
                        () -> partnerPage.getByTestId("share-download").click());
                org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).matches("share-.*\\.json");
                String json = Files.readString(download.path(), StandardCharsets.UTF_8);
                org.assertj.core.api.Assertions.assertThat(json).contains(client.pseudonym(),
                        "Needs a flat with two rooms.", "you may not use it to investigate or prosecute the client")
                        .doesNotContain("Namemarker");
            }
            page.getByTestId("to-shares").click();
            assertThat(page.getByTestId("share")).hasCount(1);
            assertThat(page.getByTestId("share")).containsText("Link active");
        } catch (RuntimeException | AssertionError failure) {
            screenshot("FAILED-" + testName);
            throw failure;
        }
    }

    @Test
    void refusedSharesShowWhyAndCreateNothing() throws Exception {
        UUID housing = partner("HOUSING");
        UUID youth = partner("YOUTH_AND_FAMILY");
        UUID police = partner("POLICE");
        UUID employment = partner("EMPLOYMENT");
        consent(housing, "Find a flat", "HOUSING");
        try {
            // A partner without consent, with the purpose of another partner's consent.
            openForm();
            fillForm(youth.toString(), "Find a flat");
            submitAndExpect("there is no valid consent of the client for this partner and purpose");

            // A consent revoked while the form was open.
            UUID revoked = consent(employment, "Apprenticeship", "HOUSING");
            openForm();
            fillForm(employment.toString(), "Apprenticeship");
            org.assertj.core.api.Assertions.assertThat(web.status(post("/cases/{id}/consents/{c}/revoke",
                    client.id(), revoked).param("revokedOn", LocalDate.now(clock).toString()), a)).isEqualTo(302);
            submitAndExpect("there is no valid consent of the client for this partner and purpose");

            // A security partner is never offered; added to the select by hand, it is refused.
            openForm();
            org.assertj.core.api.Assertions.assertThat(page.locator("#partnerId option[value='" + police + "']")
                    .count()).isZero();
            page.evaluate("id => { const o = document.createElement('option'); o.value = id; o.textContent = 'Police';"
                    + " document.getElementById('partnerId').appendChild(o); }", police.toString());
            fillForm(police.toString(), "Find a flat");
            submitAndExpect("security partners (police, intelligence services, judiciary, prosecution) receive nothing "
                    + "but a danger alert");
            screenshot("refused-security");
        } catch (RuntimeException | AssertionError failure) {
            screenshot("FAILED-" + testName);
            throw failure;
        }
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_share WHERE client_id = ?")
                .param(client.id()).query(Long.class).single()).isZero();
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_disclosure WHERE client_id = ?")
                .param(client.id()).query(Long.class).single()).isZero();
    }

    // --- steps -------------------------------------------------------------------------------

    private void openForm() {
        page.navigate("/cases/" + client.id() + "/shares");
        page.getByTestId("new-share-one-page").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("New share");
    }

    private void fillForm(String partnerId, String purpose) {
        page.getByLabel("Partner", new Page.GetByLabelOptions().setExact(true)).selectOption(partnerId);
        Locator purposes = page.getByLabel("Purpose (from the client's consent)");
        String value = (String) page.evaluate("text => [...document.querySelectorAll('#consentId option')]"
                + ".find(o => o.textContent.startsWith(text)).value", purpose);
        purposes.selectOption(value);
        page.getByLabel("Housing situation", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("What to share: Housing situation").fill("Needs a flat.");
    }

    private void submitAndExpect(String reason) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Share").setExact(true)).click();
        assertThat(page.getByTestId("share-refused")).containsText(reason);
        assertThat(page.getByTestId("share-link")).hasCount(0);
    }

    private UUID partner(String kind) {
        String name = "Partner " + kind + " " + UUID.randomUUID().toString().substring(0, 8);
        try {
            org.assertj.core.api.Assertions.assertThat(web.status(post("/network/partners").param("name", name)
                    .param("kind", kind).param("mandate", "A mandate").param("agreement", "INFORMAL"),
                    fixtures.manager(organisation.id()))).isEqualTo(302);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = ?").params(organisation.id(), name)
                .query(UUID.class).single();
    }

    private UUID consent(UUID partner, String purpose, String kind) {
        try {
            org.assertj.core.api.Assertions.assertThat(web.status(post("/cases/{id}/consents", client.id())
                    .param("partnerId", partner.toString()).param("purpose", purpose).param("kinds", kind)
                    .param("validFrom", LocalDate.now(clock).toString())
                    .param("validUntil", LocalDate.now(clock).plusMonths(6).toString())
                    .param("informedHow", "FORM_READ_TOGETHER"), a)).isEqualTo(302);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return jdbc.sql("SELECT id FROM con_consent WHERE client_id = ? AND partner_id = ?")
                .params(client.id(), partner).query(UUID.class).single();
    }

    private void signIn(String username, String temporaryPassword) {
        Chromium.firstSignIn(page, username, temporaryPassword);
        assertThat(page).hasURL(Pattern.compile("/start$"));
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("shares-" + name + ".png"))
                    .setFullPage(true));
        } catch (Exception ignored) {
            // a screenshot is a help, not a result
        }
    }
}
