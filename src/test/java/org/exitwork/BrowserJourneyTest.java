package org.exitwork;

import java.time.LocalDate;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.exitwork.testing.BrowserAvailable;
import org.exitwork.testing.BrowserLane;
import org.exitwork.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The whole journey in a real browser (Debian's Chromium, driven by Playwright) against the real
 * application on a random port and a fresh, empty database: first run, TOTP enrolment, staff
 * accounts, a client with a tandem, a session note, the identity vault (with and without
 * JavaScript), a colleague refused and then breaking the glass, the tandem seeing who did, and the
 * language switch. Skipped loudly where no Chromium is installed (see {@link BrowserAvailable}). The
 * journey is the only test here: a first run exists only on an empty installation, so nothing else may
 * use this one (a case's main path, which once ran here, passed or failed by method order; it is
 * {@link MainPathBrowserTest} now).
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
class BrowserJourneyTest extends BrowserSteps {

    private static final Pattern PSEUDONYM = Pattern.compile("[A-Z][a-z]{5} [A-Z][a-z]{5}");

    BrowserJourneyTest() {
        super("journey-");
    }

    @BeforeAll
    static void clearOldScreenshots() throws Exception {
        clearScreenshots("journey-");
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
}
