package org.exitwork.disclosure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import jakarta.mail.internet.MimeMessage;
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
import org.exitwork.testing.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The two outbound paths besides shares, in a real browser. A case conference (R10) offers only the
 * partners the client consented to, refuses a security partner slipped into the form and minutes
 * that name the client, and sends the minutes through the gate. A danger alert (R8) is raised by a
 * practitioner with one identifying field ticked, waits, is approved by a manager signed in in a
 * second browser, and only then reaches the police contact's mailbox with exactly that field.
 * Partners and consents are set up through the application's own requests; the work is in the browser.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@BrowserLaneTest
class DisclosureBrowserTest {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final String CLIENT_NAME = "Kim Namemarker Beispiel";
    private static final int SMTP_PORT = TestSmtp.freePort();

    @RegisterExtension
    static GreenMailExtension mail = TestSmtp.server(SMTP_PORT);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        TestSmtp.use(registry, SMTP_PORT);
    }

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

    private final List<BrowserContext> contexts = new java.util.ArrayList<>();
    private Page page;
    private String testName;
    private StaffRequests web;
    private Fixtures.Organisation organisation;
    private StaffPrincipal a;
    private StaffPrincipal manager;
    private AccountAdministration.NewAccount managerAccount;
    private RegisteredClient client;


    @BeforeEach
    void setUp(TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        web = new StaffRequests(mvc);
        organisation = fixtures.organisation();
        var created = accounts.createStaff(organisation.id(), Fixtures.unique("pia"), "Pia Practitioner",
                Role.PRACTITIONER, false);
        a = Fixtures.principal(created.member());
        managerAccount = accounts.createStaff(organisation.id(), Fixtures.unique("mara"), "Mara Manager", Role.MANAGER,
                false);
        manager = Fixtures.principal(managerAccount.member());
        client = fixtures.client(a, fixtures.staff(organisation, Role.PRACTITIONER), CLIENT_NAME);
        page = signedIn(created);
    }

    @AfterEach
    void tearDown() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Test
    void aCaseConferenceTakesOnlyConsentedPartnersAndSendsMinutesUnderThePseudonym() throws Exception {
        UUID housing = partner("HOUSING", "Hanna Housing", "hanna@housing.example");
        UUID youth = partner("YOUTH_AND_FAMILY", "Yusuf Youth", "yusuf@youth.example");
        UUID police = partner("POLICE", "Petra Police", "petra@police.example");
        DisclosureTestSupport.consent(web, jdbc, a, client.id(), housing, LocalDate.now(clock));
        String housingName = DisclosureTestSupport.partnerName(jdbc, housing);
        try {
            page.navigate("/cases/" + client.id());
            page.locator("nav.case-nav").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                    .setName("Case conferences")).click();
            page.getByTestId("new-conference").click();
            assertThat(heading()).hasText("Plan a case conference");

            // Only the consented partner is offered: not the youth office without consent, never the police.
            assertThat(page.getByTestId("offered-partner")).hasCount(1);
            assertThat(page.getByTestId("offered-partner")).containsText(housingName);
            assertThat(page.getByTestId("conference-form")).not().containsText(DisclosureTestSupport.partnerName(jdbc, youth));
            assertThat(page.getByTestId("conference-form")).not().containsText(DisclosureTestSupport.partnerName(jdbc, police));

            // The police slipped into the form by hand: refused, nothing planned.
            fillPlan(housingName);
            page.evaluate("id => { const f = document.querySelector('[data-testid=conference-form]');"
                    + " for (const [n, v] of [['invitees[1].partnerId', id], ['invitees[1].chosen', 'true']]) {"
                    + " const i = document.createElement('input'); i.type = 'hidden'; i.name = n; i.value = v;"
                    + " f.appendChild(i); } }", police.toString());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Plan case conference")).click();
            assertThat(page.getByTestId("conference-refused")).containsText(
                    "security partners (police, intelligence services, judiciary, prosecution) receive nothing but "
                            + "a danger alert");
            org.assertj.core.api.Assertions.assertThat(count("SELECT COUNT(*) FROM dis_conference WHERE client_id = ?"))
                    .isZero();
            screenshot("conference-refused-security");

            fillPlan(housingName);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Plan case conference")).click();
            assertThat(page.locator("p.notice")).hasText("The case conference has been planned.");
            assertThat(page.getByTestId("conference")).hasCount(1);
            page.getByTestId("conference").getByRole(AriaRole.LINK).first().click();
            assertThat(page.getByTestId("conference-partners")).containsText(housingName + " (Ms Flat)");

            // Minutes that name the client are refused; under the pseudonym they are saved.
            page.getByLabel("Minutes", new Page.GetByLabelOptions().setExact(true))
                    .fill("We spoke with " + CLIENT_NAME + " about a flat.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save minutes")).click();
            assertThat(page.getByTestId("minutes-form")).containsText("The minutes contain the client's name");
            page.getByLabel("Minutes", new Page.GetByLabelOptions().setExact(true))
                    .fill(client.pseudonym() + " needs a flat with two rooms; the housing office looks for one.");
            page.getByLabel("Yes").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save minutes")).click();
            assertThat(page.locator("p.notice")).hasText("The minutes have been saved.");
            assertThat(page.getByTestId("minutes")).containsText("needs a flat with two rooms");

            page.getByTestId("send-minutes").click();
            assertThat(page.locator("p.notice")).hasText("The minutes have been released. Print them and hand them to the participants.");
            assertThat(page.getByTestId("conference-partners").locator("li")).hasCount(1);
            assertThat(page.getByTestId("conference-partners")).containsText("minutes released");
            assertThat(page.getByTestId("send-minutes")).hasCount(0);
            screenshot("conference-sent");

            page.getByTestId("print-minutes").click();
            assertThat(heading()).containsText(client.pseudonym());
            assertThat(page.locator("main")).containsText("needs a flat with two rooms");
            assertThat(page.locator("main")).not().containsText("Namemarker");
        } catch (RuntimeException | AssertionError failure) {
            screenshot("FAILED-" + testName);
            throw failure;
        }
        org.assertj.core.api.Assertions.assertThat(disclosures())
                .containsExactly("CONFERENCE_MINUTES:" + housing);
    }

    @Test
    void aDangerAlertGoesOutOnlyWhenASecondStaffMemberApprovesIt() throws Exception {
        String policeMail = "duty-" + UUID.randomUUID().toString().substring(0, 8) + "@police.example";
        UUID police = partner("POLICE", "Petra Police", policeMail);
        String policeName = DisclosureTestSupport.partnerName(jdbc, police);
        try {
            page.navigate("/cases/" + client.id());
            page.locator("nav.case-nav").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                    .setName("Danger alerts")).click();
            page.getByTestId("new-danger-alert").click();
            assertThat(heading()).hasText("Raise a danger alert");
            page.getByLabel("Security partner", new Page.GetByLabelOptions().setExact(true)).selectOption(police.toString());
            page.getByLabel("Named contact at the security partner").selectOption(new com.microsoft.playwright.options
                    .SelectOption().setLabel("Petra Police (Duty officer)"));
            page.getByLabel("Violence against others").check();
            page.getByLabel("What the danger is").fill("Announced an attack on a named neighbour.");
            page.getByLabel("Who is at risk").fill("The neighbour in flat 3");
            page.getByLabel("How soon (for example: today, within hours)").fill("Tonight");
            // The default is no identifying data at all; only the full name is needed here.
            for (String field : List.of("Full name", "Date of birth", "Contact details", "Aliases")) {
                assertThat(page.getByLabel(field, new Page.GetByLabelOptions().setExact(true))).not().isChecked();
            }
            page.getByLabel("Full name", new Page.GetByLabelOptions().setExact(true)).check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Raise the alert")).click();

            assertThat(page.locator("p.notice")).containsText("It goes out only once a second staff member approves it.");
            assertThat(page.getByTestId("alert-status")).hasText("Awaiting approval by a second staff member");
            assertThat(page.getByTestId("alert-content")).containsText(CLIENT_NAME);
            assertThat(page.getByTestId("told-form")).hasCount(0);
            org.assertj.core.api.Assertions.assertThat(mail.getReceivedMessages()).isEmpty();

            // The one who raised it cannot approve it.
            UUID alert = jdbc.sql("SELECT id FROM dis_danger_alert WHERE client_id = ?").param(client.id())
                    .query(UUID.class).single();
            page.navigate("/danger-alerts/" + alert);
            assertThat(page.getByText("You raised this alert: a second staff member must decide on it.")).isVisible();
            assertThat(page.getByTestId("approve-alert")).hasCount(0);
            screenshot("alert-awaiting");

            // A manager, in another browser, finds it waiting and approves it.
            Page second = signedIn(managerAccount);
            second.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main navigation"))
                    .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Danger alerts")).click();
            Locator waiting = second.getByTestId("waiting-alert");
            assertThat(waiting).hasCount(1);
            assertThat(waiting).containsText(client.pseudonym());
            assertThat(waiting).containsText("Pia Practitioner");
            waiting.getByRole(AriaRole.LINK).click();
            assertThat(second.getByTestId("alert-content")).containsText("Announced an attack on a named neighbour.");
            second.getByTestId("approve-alert").click();
            assertThat(second.locator("p.notice")).hasText("The alert has been approved and sent by e-mail.");
            assertThat(second.getByTestId("alert-status")).hasText("Approved and sent");

            // Exactly one e-mail, to the named contact, with the ticked field and nothing else of the case.
            MimeMessage[] received = mail.getReceivedMessages();
            org.assertj.core.api.Assertions.assertThat(received).hasSize(1);
            org.assertj.core.api.Assertions.assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(policeMail);
            String body = GreenMailUtil.getBody(received[0]);
            org.assertj.core.api.Assertions.assertThat(body).contains("Announced an attack on a named neighbour.",
                    "The neighbour in flat 3", "Tonight", CLIENT_NAME).doesNotContain(client.pseudonym());

            // Back with the practitioner: the record shows who approved, when it went out, and the client told.
            page.navigate("/cases/" + client.id() + "/danger-alerts");
            assertThat(page.getByTestId("alert-status")).hasText("Approved and sent");
            assertThat(page.getByTestId("alert-decided")).containsText("Mara Manager");
            assertThat(page.getByTestId("alert-to")).containsText("Petra Police, " + policeName);
            assertThat(page.getByTestId("alert-sent")).containsText("by e-mail");
            assertThat(page.getByTestId("alert-told")).hasText("Not recorded yet");
            page.getByLabel("Yes, on the date below").check();
            page.getByTestId("told-form").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Record"))
                    .click();
            assertThat(page.locator("p.notice")).hasText("Recorded whether the client was told.");
            assertThat(page.getByTestId("alert-told")).containsText("Told on");
            assertThat(page.getByTestId("alert-told")).containsText("Pia Practitioner");
            screenshot("alert-sent");
        } catch (RuntimeException | AssertionError failure) {
            screenshot("FAILED-" + testName);
            throw failure;
        }
        org.assertj.core.api.Assertions.assertThat(disclosures())
                .containsExactly("DANGER_ALERT:" + police);
    }

    // --- steps -------------------------------------------------------------------------------

    private void fillPlan(String partnerName) {
        page.getByLabel("Date", new Page.GetByLabelOptions().setExact(true)).fill(LocalDate.now(clock).toString());
        page.getByLabel("Purpose of the case conference").fill("Find a flat before the winter");
        page.getByLabel(partnerName, new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("Who attends for " + partnerName + " (names, optional)").fill("Ms Flat");
        page.getByLabel("The client is invited").check();
    }

    /** What went out for the client, as channel:partner. */
    private List<String> disclosures() {
        return jdbc.sql("SELECT channel, partner_id FROM dis_disclosure WHERE client_id = ?").param(client.id())
                .query((rs, i) -> rs.getString(1) + ":" + rs.getObject(2, UUID.class)).list();
    }

    private Locator heading() {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
    }

    private long count(String sql) {
        return jdbc.sql(sql).param(client.id()).query(Long.class).single();
    }

    private UUID partner(String kind, String contact, String email) throws Exception {
        return DisclosureTestSupport.partner(web, jdbc, manager, kind, contact, email);
    }

    /** A fresh browser context, signed in as the given new account (enrolling the second factor). */
    private Page signedIn(AccountAdministration.NewAccount account) {
        BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setBaseURL("http://127.0.0.1:" + port).setLocale("en-GB"));
        context.setDefaultTimeout(30_000);
        contexts.add(context);
        Page p = context.newPage();
        Chromium.firstSignIn(p, account.member().username(), account.temporaryPassword());
        assertThat(p).hasURL(Pattern.compile("/(start|manage/overview)$"));
        return p;
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("disclosure-" + name + ".png"))
                    .setFullPage(true));
        } catch (Exception ignored) {
            // a screenshot is a help, not a result
        }
    }
}
