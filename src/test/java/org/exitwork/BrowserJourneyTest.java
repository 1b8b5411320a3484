package org.exitwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.exitwork.testing.BrowserAvailable;
import org.exitwork.testing.BrowserLane;
import org.exitwork.testing.Chromium;
import org.exitwork.testing.TestDatabase;
import org.exitwork.testing.Totp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The whole journey in a real browser (Debian's Chromium, driven by Playwright) against the real
 * application on a random port and a fresh, empty database: first run, TOTP enrolment, staff
 * accounts, a client with a tandem, a session note, the identity vault (with and without
 * JavaScript), a colleague refused and then breaking the glass, the tandem seeing who did, and the
 * language switch. Skipped loudly where no Chromium is installed (see {@link BrowserAvailable}).
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
// The journey starts at the first run, so it needs a database of its own: other browser tests with
// the same configuration would otherwise share the context and have created accounts already.
@TestPropertySource(properties = "exitwork.test.context=browser-journey")
@BrowserLane
class BrowserJourneyTest {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final String SCREENSHOT_PREFIX = "journey-";
    private static final Pattern PSEUDONYM = Pattern.compile("[A-Z][a-z]{5} [A-Z][a-z]{5}");

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    int port;

    private BrowserContext context;
    private Page page;
    private String testName;

    /** Someone who uses the application: credentials and their authenticator app. */
    private static final class Person {
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

    @BeforeAll
    static void launchBrowser() throws Exception {
        clearScreenshots();
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
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

    private BrowserContext newContext(boolean javaScript, String storageState) {
        Browser.NewContextOptions options = new Browser.NewContextOptions()
                .setBaseURL("http://127.0.0.1:" + port)
                .setLocale("en-GB")
                .setJavaScriptEnabled(javaScript);
        if (storageState != null) {
            options.setStorageState(storageState);
        }
        BrowserContext created = browser.newContext(options);
        created.setDefaultTimeout(30_000);
        return created;
    }

    @Test
    void firstRunToBreakingTheGlass() throws Exception {
        try {
            journey();
        } catch (Throwable failure) {
            screenshot(page, "FAILED-" + testName);
            throw failure;
        }
    }

    private void journey() throws Exception {
        Person admin = new Person("Ada Admin", "ada", "a long admin passphrase 1");
        Person first = new Person("Pia Practitioner", "pia", null);
        Person second = new Person("Paul Partner", "paul", null);
        Person colleague = new Person("Colin Colleague", "colin", null);
        Person manager = new Person("Lena Leitung", "lena", null);

        // 1. First run: the start page leads to the set-up form while no account exists.
        page.navigate("/");
        assertThat(page).hasURL(Pattern.compile("/setup$"));
        screenshot(page, "01-setup");
        page.getByLabel("Name of the organisation").fill("Exit Together e.V.");
        page.getByLabel("Your name").fill(admin.displayName);
        page.getByLabel("User name", new Page.GetByLabelOptions().setExact(true)).fill(admin.username);
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill(admin.password);
        page.getByLabel("Repeat the password", new Page.GetByLabelOptions().setExact(true)).fill(admin.password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create organisation and administrator"))
                .click();
        assertThat(page).hasURL(Pattern.compile("/sign-in\\?welcome$"));
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your organisation is set up");

        // 2. The administrator signs in and must set up the second factor first.
        enterPassword(admin);
        enrol(admin);
        assertThat(page).hasURL(Pattern.compile("/admin/staff$"));
        assertThat(heading()).hasText("Staff accounts");

        // 3. Three practitioners and a programme manager, each with a temporary password shown once.
        first.password = createAccount(first, "Practitioner");
        second.password = createAccount(second, "Practitioner");
        colleague.password = createAccount(colleague, "Practitioner");
        manager.password = createAccount(manager, "Programme manager");
        screenshot(page, "02-staff-accounts");
        signOut();

        // 4. The first practitioner: own password, second factor, then a person comes in (R1).
        enterPassword(first);
        chooseNewPassword(first, "pia's own long passphrase");
        enrol(first);
        assertThat(page).hasURL(Pattern.compile("/start$"));
        assertThat(heading()).hasText("My work");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("A person comes in")).first().click();
        assertThat(page).hasURL(Pattern.compile("/cases/new$"));
        page.getByLabel("How did the person come to us?").selectOption(new SelectOption().setLabel("Through a school"));
        page.getByLabel("Right-wing extremism").check();
        screenshot(page, "03-prospect");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the prospect")).click();
        assertThat(page).hasURL(Pattern.compile("/cases/[0-9a-f-]{36}/intake$"));
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("The prospect is recorded.");
        String pseudonym = page.locator(".case-nav-title").textContent().strip();
        org.assertj.core.api.Assertions.assertThat(pseudonym).matches(PSEUDONYM);
        String caseUrl = page.url().replace("/intake", "");
        String caseId = caseUrl.substring(caseUrl.lastIndexOf('/') + 1);
        page.getByLabel("Date", new Page.GetByLabelOptions().setExact(true)).fill(LocalDate.now().toString());
        page.getByLabel("What kind of contact").selectOption(new SelectOption().setLabel("Motivational conversation"));
        page.getByLabel("Reached the person").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record contact")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("The contact is recorded.");
        assertThat(page.getByTestId("next-step")).containsText("safety discussion");

        // The programme manager, in a browser of their own, records the safety discussion.
        try (BrowserContext managerContext = newContext(true, null)) {
            Page managerPage = managerContext.newPage();
            Page practitionerPage = page;
            page = managerPage;
            enterPassword(manager);
            chooseNewPassword(manager, "lena's own long passphrase");
            enrol(manager);
            assertThat(page).hasURL(Pattern.compile("/manage/overview$"));
            assertThat(page.getByTestId("figures")).containsText("1 prospects waiting");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                    .setName("Record the safety discussion for " + pseudonym)).click();
            page.getByLabel("Date of the discussion").fill(LocalDate.now().toString());
            page.getByLabel("Risks to staff considered, and what was agreed")
                    .fill("First meetings at the school only; no home visits.");
            page.getByLabel(first.displayName).check();
            screenshot(page, "03b-safety-discussion");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the safety discussion"))
                    .click();
            assertThat(page).hasURL(Pattern.compile("/manage/overview$"));
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("The safety discussion is recorded.");
            assertThat(page.getByTestId("awaiting-discussion")).hasCount(0);
            page = practitionerPage;
        }

        // The person agrees: consent, identity and tandem; now a client.
        String clientName = "Mara Musterfrau";
        page.reload();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Record consent and take on")).click();
        page.getByLabel("Date of the consent").fill(LocalDate.now().toString());
        page.getByLabel("How was the person informed?")
                .selectOption(new SelectOption().setLabel("We read the text together"));
        page.getByLabel("Which information text did the person receive?").selectOption(new SelectOption()
                .setLabel("Version 2, English (published 2 Dec 2026)"));
        page.getByLabel("Full name").fill(clientName);
        page.getByLabel("Date of birth").fill("1998-04-17");
        page.getByLabel("Contact (phone, e-mail)").fill("0170 1234567");
        page.getByLabel("Other names, nicknames").fill("Mimi");
        page.getByLabel("Second practitioner of the tandem")
                .selectOption(new SelectOption().setLabel(second.displayName));
        screenshot(page, "03c-consent");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record consent and take on")).click();
        assertThat(page).hasURL(caseUrl);
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("The consent is recorded. The person is now a client.");
        assertThat(heading()).hasText(pseudonym);
        org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain(clientName);

        // A session, on the case's sessions page.
        String noteText = "First meeting at the drop-in; wants help with housing and a bank account.";
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Parts of the case"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Sessions")).click();
        assertThat(page).hasURL(Pattern.compile("/cases/" + caseId + "/sessions$"));
        page.getByLabel("Date of the session").fill(LocalDate.now().minusDays(1).toString());
        page.getByLabel("Setting").selectOption(new SelectOption().setLabel("One-on-one"));
        page.getByLabel("Note", new Page.GetByLabelOptions().setExact(true)).fill(noteText);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save session")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("The session is saved.");
        assertThat(page.locator(".note-text")).hasText(noteText);
        screenshot(page, "04a-sessions");
        // The client's context: a person around them and the institution they are in.
        page.navigate(caseUrl + "/context");
        page.getByLabel("Relation to the client").selectOption(new SelectOption().setLabel("Brother or sister"));
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Jonas");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add person")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("The person is added.");
        page.getByLabel("Kind of institution").selectOption(new SelectOption().setLabel("School"));
        page.getByLabel("Name of the institution").fill("Berufsschule Mitte");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record institution")).click();
        assertThat(page.getByTestId("current-institution")).containsText("Berufsschule Mitte");
        assertThat(page.getByTestId("context-persons")).containsText("Jonas");
        screenshot(page, "04b-context");
        page.navigate(caseUrl);
        assertThat(page.getByTestId("session-summary")).containsText("Sessions held");
        org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain(noteText);

        // The identity vault, swapped into the page by htmx ...
        Locator identity = page.locator("#identity");
        assertThat(identity).not().containsText(clientName);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Show identity")).click();
        assertThat(identity.locator("dl")).containsText(clientName);
        assertThat(identity).containsText("Mimi");
        assertThat(page).hasURL(Pattern.compile("/cases/" + caseId + "$")); // swapped, not navigated
        screenshot(page, "04-case-with-identity");
        // ... and, without JavaScript, as a page of its own.
        showIdentityWithoutJavaScript(caseUrl, clientName);
        signOut();

        // 5. A colleague outside the tandem sees the pseudonym but not the case ...
        enterPassword(colleague);
        chooseNewPassword(colleague, "colin's own long passphrase");
        enrol(colleague);
        assertThat(page).hasURL(Pattern.compile("/start$"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Cases").setExact(true)).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(pseudonym).setExact(true)).click();
        assertThat(page).hasURL(caseUrl);
        assertThat(page.getByTestId("restricted")).isVisible();
        assertThat(heading()).hasText(pseudonym);
        String restricted = page.content();
        org.assertj.core.api.Assertions.assertThat(restricted).doesNotContain(noteText).doesNotContain(clientName);
        screenshot(page, "05-restricted");

        // ... until breaking the glass with a recorded reason.
        String explanation = "Client called the crisis line at night; the tandem is unreachable.";
        page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Emergency")).check();
        page.getByLabel("Explanation").fill(explanation);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Break the glass and read the case"))
                .click();
        assertThat(page).hasURL(caseUrl);
        assertThat(page.getByTestId("restricted")).hasCount(0);
        assertThat(page.getByRole(AriaRole.NOTE).filter(new Locator.FilterOptions().setHasText("breaking the glass")))
                .isVisible();
        page.navigate(caseUrl + "/sessions");
        assertThat(page.locator(".note-text")).hasText(noteText);
        page.navigate(caseUrl);
        screenshot(page, "06-broken-glass");
        signOut();

        // 6. The first practitioner signs in again (a fresh TOTP step) and sees who broke the glass, and why.
        enterPassword(first);
        enterCode(first.totp.nextCode());
        assertThat(page).hasURL(Pattern.compile("/start$"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(pseudonym).setExact(true)).click();
        Locator grants = page.getByTestId("grants");
        assertThat(grants).containsText(colleague.displayName);
        assertThat(grants).containsText("Emergency");
        assertThat(grants).containsText(explanation);
        screenshot(page, "07-grants");

        // 7. The language switch, on the list of cases and then through a whole sign-in.
        page.navigate("/cases");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Deutsch")).click();
        assertThat(page).hasURL(Pattern.compile("/cases\\?lang=de$"));
        assertThat(heading()).hasText("Fälle");
        assertThat(page.locator("html")).hasAttribute("lang", "de");
        screenshot(page, "08-cases-de");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Abmelden").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Sie wurden abgemeldet.");

        // The language survives signing out; the administrator signs in with a recovery code.
        page.getByLabel("Benutzername", new Page.GetByLabelOptions().setExact(true)).fill(admin.username);
        page.getByLabel("Passwort", new Page.GetByLabelOptions().setExact(true)).fill(admin.password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Weiter")).click();
        assertThat(page).hasURL(Pattern.compile("/sign-in/code$"));
        page.getByLabel("Sechsstelliger Code oder ein Wiederherstellungscode").fill(admin.recoveryCodes.get(0));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Anmelden").setExact(true)).click();
        assertThat(page).hasURL(Pattern.compile("/admin/staff$"));
        assertThat(heading()).hasText("Benutzerkonten");
        assertThat(page.locator("table")).containsText(first.username);
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
            screenshot(page, "FAILED-main-path-" + language);
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
        screenshot(page, "main-path-" + lang + "-agreement");

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
        screenshot(page, "main-path-" + lang + "-search");

        // The client ends the work by their own choice and asks for erasure: no reason is asked.
        page.navigate(caseUrl + "/ending");
        Locator choice = page.getByTestId("clients-choice");
        org.assertj.core.api.Assertions.assertThat(choice.locator("textarea").count()).as("no reason field").isZero();
        choice.getByLabel(t("ending.ended-on")).fill(today);
        choice.getByLabel(t("ending.choice.erase-now")).check();
        screenshot(page, "main-path-" + lang + "-ending");
        choice.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(t("ending.choice.submit"))).click();
        assertThat(page).hasURL(Pattern.compile("/start$"));
        assertThat(page.getByRole(AriaRole.STATUS)).hasText(t("ending.notice.erased"));
        assertThat(page.locator("main")).not().containsText(pseudonym);
        page.navigate(caseUrl);
        assertThat(heading()).hasText(t("error.404"));
    }

    // --- steps -------------------------------------------------------------------------------

    private Locator heading() {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
    }

    private void enterPassword(Person who) {
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

    private void chooseNewPassword(Person who, String newPassword) {
        assertThat(page).hasURL(Pattern.compile("/sign-in/new-password$"));
        page.getByLabel("Current (temporary) password").fill(who.password);
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill(newPassword);
        page.getByLabel("Repeat the password").fill(newPassword);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save password")).click();
        who.password = newPassword;
    }

    /** Types the key shown into "the authenticator app", confirms a code and keeps the recovery codes. */
    private void enrol(Person who) {
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

    private void enterCode(String code) {
        assertThat(page).hasURL(Pattern.compile("/sign-in/code$"));
        page.getByLabel("Six-digit code, or a recovery code").fill(code);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
    }

    /** Creates a practitioner account on the staff page and returns its temporary password. */
    private String createAccount(Person who, String role) {
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

    private void signOut() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out").setExact(true)).click();
        assertThat(page).hasURL(Pattern.compile("/sign-in\\?signed-out$"));
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("You have been signed out.");
    }

    /** The same session in a browser without JavaScript: "Show identity" is an ordinary link. */
    private void showIdentityWithoutJavaScript(String caseUrl, String clientName) {
        try (BrowserContext noScript = newContext(false, context.storageState())) {
            Page plain = noScript.newPage();
            plain.navigate(caseUrl);
            assertThat(plain.locator("#identity")).not().containsText(clientName);
            plain.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Show identity")).click();
            assertThat(plain).hasURL(caseUrl + "/identity");
            assertThat(plain.locator("#identity dl")).containsText(clientName);
            assertThat(plain.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the case")))
                    .hasAttribute("href", caseUrl.substring(caseUrl.indexOf("/cases/")));
        }
    }

    /** Removes this test's screenshots of an earlier run, so a stale FAILED picture cannot mislead. */
    private static void clearScreenshots() throws java.io.IOException {
        if (!Files.isDirectory(SCREENSHOTS)) {
            return;
        }
        try (var old = Files.newDirectoryStream(SCREENSHOTS, SCREENSHOT_PREFIX + "*.png")) {
            for (Path file : old) {
                Files.delete(file);
            }
        }
    }

    private static void screenshot(Page page, String name) {
        if (page == null || page.isClosed()) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SCREENSHOTS.resolve(SCREENSHOT_PREFIX + name + ".png")).setFullPage(true));
        } catch (Exception e) {
            System.err.println("could not take screenshot " + name + ": " + e);
        }
    }
}
