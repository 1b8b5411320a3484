package org.exitwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.AccountAdministration.NewAccount;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.quality.internal.peergroups.PeerGroups;
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

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A case vignette in real browsers (R16), on a phone's width: the tandem writes it with a name and a
 * telephone number in it, sees both flagged as written and cannot submit it; corrects it and submits it;
 * a second colleague releases it; a peer of another organisation, in a browser of their own, reads it in
 * the group and answers along a principle; the author sees the answer.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@BrowserLaneTest
class VignetteBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    PeerGroups peerGroups;

    @Test
    void aVignetteIsFlaggedCorrectedReleasedAndAnsweredByAPeer() throws Exception {
        Fixtures.Organisation organisation = fixtures.organisation();
        NewAccount author = accounts.createStaff(organisation.id(), Fixtures.unique("anna"), "Anna Author", Role.PRACTITIONER, false);
        NewAccount second = accounts.createStaff(organisation.id(), Fixtures.unique("rita"), "Rita Reviewer", Role.PRACTITIONER,
                false);
        StaffPrincipal a = Fixtures.principal(author.member());
        RegisteredClient client = fixtures.client(a, fixtures.staff(organisation, Role.PRACTITIONER), "Jonas Brueckner");
        StaffPrincipal manager = fixtures.manager(organisation.id());
        String peerName = Fixtures.unique("peer").toLowerCase(Locale.ROOT);
        NewAccount peer = peerGroups.invite(manager, peerName, "Petra Peer", "Neighbouring exit NGO");
        UUID group = peerGroups.create(manager, "North cross-evaluation");
        peerGroups.addMember(manager, group, a.id());
        peerGroups.addMember(manager, group, peer.member().id());

        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            Page authorPage = context(browser).newPage();
            Page reviewerPage = context(browser).newPage();
            Page peerPage = context(browser).newPage();
            Page current = authorPage;
            List<String> problems = new ArrayList<>();
            try {
                Chromium.firstSignIn(authorPage, author.member().username(), author.temporaryPassword());
                authorPage.navigate("/cases/" + client.id() + "/vignettes");
                authorPage.getByTestId("new-vignette").click();
                authorPage.getByLabel("Group", new Page.GetByLabelOptions().setExact(true)).selectOption(group.toString());
                authorPage.getByLabel("Title", new Page.GetByLabelOptions().setExact(true)).fill("A long way out");
                authorPage.getByLabel("What happened, what you did, what you ask the group")
                        .fill("Jonas called us from 0151 2345678 after a year of silence.");
                authorPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the draft")).click();
                assertThat(authorPage.getByTestId("vignette-flags")).isVisible();
                assertThat(authorPage.getByTestId("vignette-flag")).hasCount(2);
                assertThat(authorPage.getByTestId("vignette-flags")).containsText("The client's name: Jonas");
                assertThat(authorPage.getByTestId("vignette-flags")).containsText("A telephone number: 0151 2345678");
                assertThat(authorPage.getByTestId("vignette-submit")).hasCount(0);
                problems.addAll(PhoneLayoutBrowserTest.phoneProblems(authorPage, "vignette draft"));
                screenshot(authorPage, "flagged-360");

                authorPage.getByLabel("What happened, what you did, what you ask the group")
                        .fill("A young man called us after a year of silence.");
                authorPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the changes")).click();
                assertThat(authorPage.getByTestId("vignette-flags")).hasCount(0);
                authorPage.getByTestId("vignette-submit").click();
                assertThat(authorPage.getByTestId("vignette-status")).hasText("Awaiting review");
                String code = authorPage.getByTestId("vignette-code").textContent().strip();

                current = reviewerPage;
                Chromium.firstSignIn(reviewerPage, second.member().username(), second.temporaryPassword());
                reviewerPage.navigate("/peer-groups");
                reviewerPage.getByTestId("vignette-reviews-link").click();
                reviewerPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                        .setName(code + " for the group North cross-evaluation")).click();
                assertThat(reviewerPage.getByTestId("vignette-narrative"))
                        .hasText("A young man called us after a year of silence.");
                org.assertj.core.api.Assertions.assertThat(reviewerPage.content()).doesNotContain(client.pseudonym());
                problems.addAll(PhoneLayoutBrowserTest.phoneProblems(reviewerPage, "vignette review"));
                reviewerPage.getByTestId("vignette-release").click();
                assertThat(reviewerPage.locator("p.notice")).hasText("The vignette is released to the group.");

                current = peerPage;
                signInWithTemporaryPassword(peerPage, peerName, peer.temporaryPassword());
                assertThat(peerPage).hasURL(Pattern.compile("/peer-groups$"));
                peerPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("North cross-evaluation")).click();
                peerPage.getByTestId("vignettes-link").click();
                peerPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(code + ": A long way out")).click();
                assertThat(peerPage.getByTestId("vignette-narrative"))
                        .hasText("A young man called us after a year of silence.");
                org.assertj.core.api.Assertions.assertThat(peerPage.content()).doesNotContain(client.pseudonym(),
                        client.id().toString());
                peerPage.getByLabel("Trust and relationship").check();
                peerPage.getByLabel("Your feedback").fill("The year of silence was held open: that built trust.");
                peerPage.getByTestId("feedback-submit").click();
                assertThat(peerPage.getByTestId("feedback")).hasCount(1);
                assertThat(peerPage.getByTestId("feedback")).containsText("Petra Peer");
                assertThat(peerPage.getByTestId("feedback")).containsText("that built trust");
                problems.addAll(PhoneLayoutBrowserTest.phoneProblems(peerPage, "group vignette"));
                screenshot(peerPage, "answered-360");

                // She finds a word she would rather put otherwise, and corrects her feedback.
                peerPage.getByTestId("feedback-correct").click();
                assertThat(peerPage.getByLabel("Your feedback"))
                        .hasValue("The year of silence was held open: that built trust.");
                problems.addAll(PhoneLayoutBrowserTest.phoneProblems(peerPage, "feedback correction"));
                peerPage.getByLabel("Your feedback").fill("Holding the year of silence open built trust.");
                peerPage.getByTestId("feedback-correction-submit").click();
                assertThat(peerPage).hasURL(Pattern.compile("/peer-groups/[0-9a-f-]+/vignettes/[0-9a-f-]+#feedback$"));
                assertThat(peerPage.getByTestId("feedback")).hasCount(1);
                assertThat(peerPage.getByTestId("feedback")).containsText("Holding the year of silence open built trust.");
                assertThat(peerPage.getByTestId("feedback-corrected")).hasCount(1);

                current = authorPage;
                authorPage.reload();
                assertThat(authorPage.getByTestId("vignette-status")).hasText("Released to the group");
                assertThat(authorPage.getByTestId("feedback")).containsText("Holding the year of silence open built trust.");
                problems.addAll(PhoneLayoutBrowserTest.phoneProblems(authorPage, "released vignette"));
                org.assertj.core.api.Assertions.assertThat(problems).isEmpty();
            } catch (Throwable failure) {
                screenshot(current, "FAILED");
                throw failure;
            }
        }
    }

    /** A peer's first sign-in: the temporary password replaced, the second factor enrolled. */
    private static void signInWithTemporaryPassword(Page page, String username, String temporary) {
        page.navigate("/sign-in");
        page.getByLabel("User name", new Page.GetByLabelOptions().setExact(true)).fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(temporary);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(page).hasURL(Pattern.compile("/sign-in/new-password$"));
        page.getByLabel("Current (temporary) password").fill(temporary);
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("a passphrase only Petra knows");
        page.getByLabel("Repeat the password").fill("a passphrase only Petra knows");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save password")).click();
        assertThat(page).hasURL(Pattern.compile("/sign-in/enrol$"));
        Totp totp = new Totp(page.getByTestId("totp-secret").textContent());
        page.getByLabel("Six-digit code from your app").fill(totp.nextCode());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm and sign in")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("I have stored them safely, continue")).click();
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
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("vignette-" + name + ".png")).setFullPage(true));
        } catch (Exception e) {
            System.err.println("could not take screenshot " + name + ": " + e);
        }
    }
}
