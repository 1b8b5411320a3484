package org.exitwork;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.exitwork.testing.BrowserAvailable;
import org.exitwork.testing.BrowserLaneTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The main path of a case in each language, in a real browser on the browser lane's application: each run
 * makes an organisation of its own, so it needs no empty installation (the first run is
 * {@link BrowserJourneyTest}'s, on one of its own) and runs in any order.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@BrowserLaneTest
class MainPathBrowserTest extends BrowserSteps {

    MainPathBrowserTest() {
        super("main-path-");
    }

    @BeforeAll
    static void clearOldScreenshots() throws Exception {
        clearScreenshots("main-path-");
    }

    /**
     * The main path of a case in one language (issue 4): a person comes in, the manager records the
     * safety discussion, the person consents, a work agreement is written, agreed, rated and printed,
     * a session is recorded and found by search, and the client ends the work and asks for erasure.
     * Labels come from the message bundles of the language under test.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "main path in {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"en", "de"})
    void mainPathOfACase(String language) throws Exception {
        try {
            mainPath(java.util.Locale.forLanguageTag(language));
        } catch (Throwable failure) {
            screenshot(page, "FAILED-" + language);
            throw failure;
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.MessageSource messages;

    @org.springframework.beans.factory.annotation.Autowired
    org.exitwork.accounts.AccountAdministration accounts;

    private java.util.Locale locale;

    private String t(String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private Person account(java.util.UUID org, String name, org.exitwork.accounts.Role role) {
        String username = (name.split(" ")[0] + System.nanoTime() % 100000).toLowerCase();
        var created = accounts.createStaff(org, username, name, role, false);
        return new Person(name, username, created.temporaryPassword());
    }

    private void mainPath(java.util.Locale language) throws Exception {
        String lang = language.getLanguage();
        var newOrg = accounts.createOrganisation("Main Path " + lang + " e.V.", "admin" + lang + System.nanoTime() % 100000,
                "Admin");
        java.util.UUID orgId = newOrg.member().organisationId();
        Person a = account(orgId, "Alma Ahrens", org.exitwork.accounts.Role.PRACTITIONER);
        Person b = account(orgId, "Bela Brandt", org.exitwork.accounts.Role.PRACTITIONER);
        Person manager = account(orgId, "Mona Meier", org.exitwork.accounts.Role.MANAGER);
        String today = LocalDate.now().toString();

        // The practitioner signs in (in English, the browser's language) and switches to the language under test.
        locale = java.util.Locale.ENGLISH;
        enterPassword(a);
        enrol(a);
        page.navigate("/start?lang=" + lang);
        locale = language;
        assertThat(heading()).hasText(t("start.title"));

        // A person comes in.
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(t("start.new-prospect"))).first().click();
        page.getByLabel(t("prospect.pathway")).selectOption(new SelectOption().setLabel(t("pathway.SELF_REFERRAL")));
        page.getByLabel(t("phenomenon.CONSPIRACY_IDEOLOGY")).check();
        page.getByLabel(t("phenomenon.OTHER_GROUP_HATRED")).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(t("prospect.new.submit"))).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText(t("intake.notice.prospect-opened"));
        String pseudonym = page.locator(".case-nav-title").textContent().strip();
        String caseUrl = page.url().replace("/intake", "");

        // The manager records the safety discussion in a browser of their own.
        try (BrowserContext managerContext = newContext(true, null)) {
            Page practitionerPage = page;
            page = managerContext.newPage();
            locale = java.util.Locale.ENGLISH;
            enterPassword(manager);
            enrol(manager);
            page.navigate("/manage/overview?lang=" + lang);
            locale = language;
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                    .setName(t("manager.awaiting.record", pseudonym))).click();
            page.getByLabel(t("discussion.held-on")).fill(today);
            page.getByLabel(t("discussion.risks")).fill("Treffen zunächst nur im Büro.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(t("discussion.save"))).click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText(t("intake.notice.discussion-recorded"));
            page = practitionerPage;
        }

        // Consent to take part, in the client's language.
        page.navigate(caseUrl + "/take-on");
        page.getByLabel(t("consent.given-on")).fill(today);
        page.getByLabel(t("consent.informed-how")).selectOption(new SelectOption().setLabel(t("informed.TEXT_READ_TOGETHER")));
        page.getByLabel(t("consent.text")).selectOption(new SelectOption()
                .setLabel(t("consent.text.option", 2, t("language." + lang), "de".equals(lang) ? "02.12.2026" : "2 Dec 2026")));
        page.getByLabel(t("consent.language")).selectOption(lang);
        page.getByLabel(t("identity.full-name")).fill("Kim Beispiel");
        page.getByLabel(t("case.second-practitioner")).selectOption(new SelectOption().setLabel(b.displayName));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(t("take-on.submit"))).click();
        assertThat(page).hasURL(caseUrl);
        assertThat(page.getByRole(AriaRole.STATUS)).hasText(t("intake.notice.taken-on"));

        // The work agreement: a version, the client's agreement, a rating, the chart and the printout.
        page.navigate(caseUrl + "/agreement/new");
        page.getByLabel(t("agreement.objective")).fill("Ein Leben ohne Hass und Gewalt führen.");
        page.getByLabel(t("agreement.change", 1)).fill("Wieder mit der Schwester sprechen.");
        page.getByLabel(t("agreement.next-steps")).fill("Termin beim Jobcenter vereinbaren.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(t("agreement.save"))).click();
        page.getByLabel(t("agreement.agreed-on")).fill(today);
        page.getByLabel(t("agreement.way.ORALLY")).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(t("agreement.record"))).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText(t("agreement.notice.agreed"));
        page.getByLabel(t("rating.rated-on")).fill(today);
        page.getByLabel("4", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(t("rating.save"))).click();
        assertThat(page.locator("svg[role=img]").first()).isVisible();
        com.microsoft.playwright.Download pdf = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName(t("agreement.pdf.version", 1))).click());
        org.assertj.core.api.Assertions.assertThat(pdf.suggestedFilename()).endsWith(".pdf");
        org.assertj.core.api.Assertions.assertThat(Files.readAllBytes(pdf.path())).startsWith("%PDF".getBytes());
        screenshot(page, lang + "-agreement");

        // A session, and the search over the encrypted notes finds it.
        page.navigate(caseUrl + "/sessions");
        page.getByLabel(t("session.date")).fill(today);
        page.getByLabel(t("session.setting")).selectOption(new SelectOption().setLabel(t("setting.ONE_ON_ONE")));
        page.getByLabel(t("theme.ANGER")).check();
        page.getByLabel(t("session.note"), new Page.GetByLabelOptions().setExact(true))
                .fill("Er erzählte vom Kompasswerk, wo er eine Lehre anfangen möchte.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(t("session.save"))).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText(t("session.notice.saved"));
        page.getByLabel(t("search.label")).fill("kompasswerk");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(t("search.submit"))).click();
        assertThat(page.locator("main")).containsText(pseudonym);
        screenshot(page, lang + "-search");

        // The client ends the work by their own choice and asks for erasure: no reason is asked.
        page.navigate(caseUrl + "/ending");
        Locator choice = page.getByTestId("clients-choice");
        org.assertj.core.api.Assertions.assertThat(choice.locator("textarea").count()).as("no reason field").isZero();
        choice.getByLabel(t("ending.ended-on")).fill(today);
        choice.getByLabel(t("ending.choice.erase-now")).check();
        screenshot(page, lang + "-ending");
        choice.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(t("ending.choice.submit"))).click();
        assertThat(page).hasURL(Pattern.compile("/start$"));
        assertThat(page.getByRole(AriaRole.STATUS)).hasText(t("ending.notice.erased"));
        assertThat(page.locator("main")).not().containsText(pseudonym);
        page.navigate(caseUrl);
        assertThat(heading()).hasText(t("error.404"));
    }
}
