package org.exitwork.disclosure;

import java.nio.file.Files;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.exitwork.accounts.Role;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.BrowserAvailable;
import org.exitwork.testing.BrowserLaneTest;
import org.exitwork.testing.Chromium;
import org.exitwork.testing.ChromiumForClass;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.Totp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** R19 in a real browser: the tandem opens the client's report page from the case and downloads the report. */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@BrowserLaneTest
class ClientReportBrowserTest {

    @RegisterExtension
    static final ChromiumForClass chromium = new ChromiumForClass();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Test
    void theTandemDownloadsTheClientsReport() throws Exception {
        Fixtures.Organisation org = fixtures.organisation();
        Fixtures.Staff a = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        Fixtures.Staff b = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        RegisteredClient client = fixtures.client(a.principal(), b.principal(), "Robin Beispiel");
        fixtures.note(a.principal(), client.id(), "Talked about the new flat");

        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setBaseURL("http://127.0.0.1:" + port).setLocale("en-GB"))) {
            context.setDefaultTimeout(30_000);
            Page page = context.newPage();
            page.navigate("/sign-in");
            page.getByLabel("User name", new Page.GetByLabelOptions().setExact(true)).fill(a.principal().username());
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(a.password());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(page).hasURL(Pattern.compile("/sign-in/enrol$"));
            Totp totp = new Totp(page.getByTestId("totp-secret").textContent());
            page.getByLabel("Six-digit code from your app").fill(totp.nextCode());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm and sign in")).click();
            Locator codes = page.getByTestId("recovery-codes");
            assertThat(codes.locator("li")).hasCount(10);

            page.navigate("/cases/" + client.id());
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Client's report")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .hasText("The client's report and export");
            Download report = page.waitForDownload(() -> page.getByTestId("client-report-pdf").click());
            assertThat(report.suggestedFilename()).endsWith(".pdf");
            byte[] pdf = Files.readAllBytes(report.path());
            try (PDDocument document = Loader.loadPDF(pdf)) {
                assertThat(new PDFTextStripper().getText(document)).contains("What we record about you",
                        "Robin Beispiel", "Talked about the new flat", client.pseudonym());
            }
            Download export = page.waitForDownload(() -> page.getByTestId("client-report-export").click());
            assertThat(export.suggestedFilename()).endsWith(".zip");
        }
    }
}
