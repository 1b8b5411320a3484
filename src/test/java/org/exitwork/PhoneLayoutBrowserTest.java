package org.exitwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.BrowserAvailable;
import org.exitwork.testing.BrowserLaneTest;
import org.exitwork.testing.Chromium;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.GroupFixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.PageCrawler;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Phone-first: every page every role reaches by links from its start page, at 360 x 740 CSS pixels
 * and in both languages, neither scrolls sideways nor spends 120 pixels or more on the header. The
 * organisation has a row in every list (a client with context, consents, a share, sessions, a threat;
 * a prospect with intake contacts; a group; appointments today; partners), and the texts hold long
 * words and addresses, the things that push a table off the screen.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@BrowserLaneTest
public class PhoneLayoutBrowserTest {

    static final int WIDTH = 360;
    static final int HEIGHT = 740;
    static final int HEADER_LIMIT = 120;
    static final int MAX_PAGES = 150;

    private static final String LONG_WORD = "Kinder-und-Jugendhilfe-Beratungsstellenverbundskoordinationsstelle";
    private static final String LONG_ADDRESS = "https://www.example.org/beratung/ausstieg/anmeldung/formular?"
            + "quelle=schulsozialarbeit&bezirk=hamburg-altona";

    /** Pages each role must have reached by links, so that the crawl is known to see the lists. */
    private static final Map<Role, List<String>> MUST_REACH = Map.of(
            Role.PRACTITIONER, List.of("/start", "/cases", "/cases/[0-9a-f-]{36}", "/cases/[0-9a-f-]{36}/context",
                    "/cases/[0-9a-f-]{36}/consents", "/cases/[0-9a-f-]{36}/shares", "/cases/[0-9a-f-]{36}/intake",
                    "/cases/[0-9a-f-]{36}/sessions", "/cases/[0-9a-f-]{36}/safety/threats", "/groups",
                    "/groups/[0-9a-f-]{36}", "/safety/today", "/safety/appointments", "/safety/check-in",
                    "/network/partners", "/network/partners/[0-9a-f-]{36}", "/profile/emergency-contacts", "/profile/passkeys",
                    "/danger-alerts", "/danger-alerts/[0-9a-f-]{36}",
                    "/cases/[0-9a-f-]{36}/tandem", "/cases/[0-9a-f-]{36}/high-risk"),
            Role.MANAGER, List.of("/manage/overview", "/cases", "/safety/today", "/network/partners", "/team",
                    "/referrals", "/manage/account-resets", "/danger-alerts", "/danger-alerts/[0-9a-f-]{36}",
                    "/cases/[0-9a-f-]{36}/tandem", "/manage/handovers/[0-9a-f-]{36}", "/peer-groups/[0-9a-f-]{36}",
                    "/peer-groups/peers"),
            Role.DATA_PROTECTION_OFFICER, List.of("/audit", "/cases", "/profile"),
            Role.ADMIN, List.of("/admin/staff", "/profile"),
            Role.PEER, List.of("/peer-groups", "/peer-groups/[0-9a-f-]{36}"));

    /** Pages kept as pictures in target/screenshots, for a person to look at. */
    private static final List<String> SCREENSHOTS = List.of("/start", "/cases", "/safety/today",
            "/safety/appointments", "/network/partners", "/audit", "/admin/staff", "/cases/[0-9a-f-]{36}/consents",
            "/cases/[0-9a-f-]{36}/context", "/cases/[0-9a-f-]{36}/shares", "/groups/[0-9a-f-]{36}",
            "/cases/[0-9a-f-]{36}/intake");

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    /** What one page must be at 360 px; the problems found, each said so a person can find it. */
    public static List<String> phoneProblems(Page page, String path) {
        // A page reached by a click may show its heading before its style sheet has loaded; measured then,
        // a long code would seem to overflow. Measure the page as a person sees it.
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
        List<String> problems = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> sizes = (Map<String, Object>) page.evaluate("""
                () => {
                  const root = document.documentElement;
                  const header = document.querySelector('header.top');
                  const wide = [];
                  for (const e of document.body.querySelectorAll('*')) {
                    const r = e.getBoundingClientRect();
                    if (r.width > 0 && r.right > root.clientWidth + 1 && wide.length < 3) {
                      wide.push(e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
                          ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' (' + Math.round(r.right) + ')');
                    }
                  }
                  return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
                           header: header ? header.getBoundingClientRect().height : 0, wide: wide.join(', ') };
                }""");
        int scrollWidth = ((Number) sizes.get("scrollWidth")).intValue();
        int clientWidth = ((Number) sizes.get("clientWidth")).intValue();
        double header = ((Number) sizes.get("header")).doubleValue();
        if (scrollWidth > clientWidth) {
            problems.add("scrolls sideways (" + scrollWidth + " > " + clientWidth + " px; too wide: "
                    + sizes.get("wide") + ")");
        }
        if (header >= HEADER_LIMIT) {
            problems.add("header " + Math.round(header) + " px tall");
        }
        return problems;
    }

    @Test
    void everyPageOfEveryRoleFitsAPhone() throws Exception {
        clock.reset();
        StaffRequests web = new StaffRequests(mvc);
        Fixtures.Organisation org = fixtures.organisation();
        Fixtures.Staff admin = fixtures.staffWithPassword(org, Role.ADMIN);
        Fixtures.Staff practitioner = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        StaffPrincipal a = practitioner.principal();
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        Fixtures.Staff manager = fixtures.staffWithPassword(org, Role.MANAGER);
        Fixtures.Staff dpo = fixtures.staffWithPassword(org, Role.DATA_PROTECTION_OFFICER);
        fillTheOrganisation(web, org, a, b, manager.principal());
        Fixtures.Staff peer = fixtures.staffWithPassword(org, Role.PEER);
        peerGroup(web, org, a, peer.principal(), manager.principal());

        List<String> report = new ArrayList<>();
        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            for (Fixtures.Staff who : List.of(practitioner, manager, dpo, admin, peer)) {
                try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                        .setBaseURL("http://127.0.0.1:" + port).setLocale("en-GB")
                        .setViewportSize(WIDTH, HEIGHT).setIsMobile(true).setHasTouch(true))) {
                    context.setDefaultTimeout(30_000);
                    Page page = context.newPage();
                    clock.reset(); // the test clock stands still; the authenticator's code is of now
                    try {
                        Chromium.firstSignIn(page, who.principal().username(), who.password());
                    } catch (RuntimeException | AssertionError failure) {
                        screenshot(page, "FAILED-sign-in-" + who.principal().role());
                        throw failure;
                    }
                    String start = page.url().substring(("http://127.0.0.1:" + port).length());
                    menuFoldsAndOpens(page);
                    screenshot(page, who.principal().role() + "-menu-open");
                    PageCrawler.Result result = PageCrawler.crawl(page, "http://127.0.0.1:" + port, start,
                            MAX_PAGES, PhoneLayoutBrowserTest::phoneProblems);
                    System.out.println("PhoneLayoutBrowserTest: " + who.principal().role() + " opened "
                            + result.visited().size() + " pages: " + result.visited());
                    for (String expected : MUST_REACH.get(who.principal().role())) {
                        assertThat(result.visited()).as("pages %s opened", who.principal().role())
                                .anyMatch(path -> path.matches(expected));
                    }
                    result.findings().forEach(f -> report.add(who.principal().role() + " " + f));
                    for (String path : SCREENSHOTS) {
                        result.visited().stream().filter(visited -> visited.matches(path)).findFirst().ifPresent(visited -> {
                            page.navigate(visited);
                            screenshot(page, who.principal().role() + visited.replaceAll("[0-9a-f-]{36}", "id")
                                    .replaceAll("[^A-Za-z0-9]+", "-"));
                        });
                    }
                    menuOpenOnAWideScreen(page, who.principal().role() + "-wide", who.principal().role());
                    if (!result.findings().isEmpty()) {
                        page.navigate(result.findings().get(0).path());
                        screenshot(page, "FAILED-" + who.principal().role());
                    }
                    // German words are longer: the same pages once more in German.
                    page.navigate(start + "?lang=de");
                    assertThat(page.locator("html").getAttribute("lang")).as("the pages in German").isEqualTo("de");
                    PageCrawler.Result german = PageCrawler.crawl(page, "http://127.0.0.1:" + port, start,
                            MAX_PAGES, PhoneLayoutBrowserTest::phoneProblems);
                    for (String expected : MUST_REACH.get(who.principal().role())) {
                        assertThat(german.visited()).as("pages %s opened in German", who.principal().role())
                                .anyMatch(path -> path.matches(expected));
                    }
                    german.findings().forEach(f -> report.add(who.principal().role() + " (de) " + f));
                    if (!german.findings().isEmpty()) {
                        page.navigate(german.findings().get(0).path());
                        screenshot(page, "FAILED-de-" + who.principal().role());
                    }
                }
            }
        }
        assertThat(report).as("pages that do not fit a phone (%d x %d)", WIDTH, HEIGHT).isEmpty();
    }

    /**
     * A large organisation's lists that only exist there (issue 19): the overview's caseloads paged and the
     * appointment forms' colleague search, planning and correcting (more than forty practitioners and managers), at
     * 360 px in both languages.
     */
    @Test
    void aLargeOrganisationsPagedCaseloadsAndColleagueSearchFitAPhone() throws Exception {
        clock.reset();
        Fixtures.Organisation org = fixtures.organisation();
        Fixtures.Staff practitioner = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        Fixtures.Staff manager = fixtures.staffWithPassword(org, Role.MANAGER);
        for (int i = 0; i < 51; i++) {
            fixtures.staff(org, Role.PRACTITIONER);
        }
        List<String> report = new ArrayList<>();
        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            for (Fixtures.Staff who : List.of(manager, practitioner)) {
                try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                        .setBaseURL("http://127.0.0.1:" + port).setLocale("en-GB")
                        .setViewportSize(WIDTH, HEIGHT).setIsMobile(true).setHasTouch(true))) {
                    context.setDefaultTimeout(30_000);
                    Page page = context.newPage();
                    clock.reset();
                    Chromium.firstSignIn(page, who.principal().username(), who.password());
                    String path = who == manager ? "/manage/overview" : "/safety/appointments?colleague=Name";
                    String marker = who == manager ? "nav.pagination a[rel=next]" : "[data-testid=colleague-search]";
                    for (String language : List.of("en", "de")) {
                        page.navigate(path + (path.contains("?") ? "&" : "?") + "lang=" + language);
                        assertThat(page.locator(marker).count()).as(path + " " + language).isEqualTo(1);
                        phoneProblems(page, path).forEach(p -> report.add(path + " (" + language + ") " + p));
                    }
                    if (who == practitioner) {
                        // An appointment planned, then its correction page with the same search.
                        LocalDate day = LocalDate.now(clock).plusDays(2);
                        page.navigate("/safety/appointments?lang=en");
                        page.fill("#startsAt", day + "T10:00");
                        page.fill("#endsAt", day + "T11:00");
                        page.check("input[name=placeKind][value=OFFICE]");
                        page.fill("#place", "Office");
                        page.click("[data-testid=appointment-form] button[type=submit]");
                        String correction = page.locator("a[href^='/safety/appointments/']").first().getAttribute("href")
                                + "?colleague=Name";
                        for (String language : List.of("en", "de")) {
                            page.navigate(correction + "&lang=" + language);
                            assertThat(page.locator(marker).count()).as(correction + " " + language).isEqualTo(1);
                            phoneProblems(page, correction).forEach(p -> report.add(correction + " (" + language + ") " + p));
                        }
                    }
                    screenshot(page, "large-" + who.principal().role());
                }
            }
        }
        assertThat(report).as("pages that do not fit a phone (%d x %d)", WIDTH, HEIGHT).isEmpty();
    }

    /**
     * At 360 px the menu is folded: its links are hidden behind one labelled button, opened and closed
     * without script (a details element), while sign-out and the language are inside it.
     */
    private static void menuFoldsAndOpens(Page page) {
        Locator menu = page.locator("details.menu");
        Locator button = menu.getByText("Menu", new Locator.GetByTextOptions().setExact(true));
        Locator signOut = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"));
        assertThat(button.isVisible()).as("the menu button").isTrue();
        assertThat(signOut.isVisible()).as("sign-out folded away").isFalse();
        button.click();
        assertThat(signOut.isVisible()).as("sign-out in the opened menu").isTrue();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Deutsch")).isVisible())
                .as("the language in the opened menu").isTrue();
    }

    /** On a laptop the same page shows the menu open, without its button. */
    private static void menuOpenOnAWideScreen(Page page, String screenshot, Role role) {
        page.setViewportSize(1280, 800);
        // A peer of another organisation has no profile here; their one page is the peer groups.
        page.navigate(role == Role.PEER ? "/peer-groups" : "/profile");
        assertThat(page.locator("details.menu > summary").isVisible()).as("no menu button").isFalse();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                .setName(role == Role.PEER ? "Peer groups" : "My profile").setExact(true)).isVisible())
                .as("the menu's links").isTrue();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).isVisible())
                .as("sign-out").isTrue();
        screenshot(page, screenshot);
        page.setViewportSize(WIDTH, HEIGHT);
    }

    /** A peer group of practitioner A and a peer of another organisation with a long name, and a meeting. */
    private void peerGroup(StaffRequests web, Fixtures.Organisation org, StaffPrincipal a, StaffPrincipal peer,
            StaffPrincipal manager) throws Exception {
        jdbc.sql("INSERT INTO qua_peer (staff_id, org_id, peer_organisation, invited_by, invited_at) VALUES (?, ?, ?, ?, ?)")
                .params(peer.id(), org.id(), LONG_WORD, manager.id(), java.sql.Timestamp.from(clock.instant())).update();
        expect(302, web.status(post("/peer-groups").param("name", "Cross-evaluation " + LONG_WORD), manager));
        UUID group = jdbc.sql("SELECT id FROM qua_peer_group WHERE org_id = ?").param(org.id()).query(UUID.class).single();
        for (StaffPrincipal member : List.of(a, peer)) {
            expect(302, web.status(post("/peer-groups/{id}/members", group).param("staffId", member.id().toString()),
                    manager));
        }
        expect(302, web.status(post("/peer-groups/{id}/meetings", group).param("heldOn",
                LocalDate.now(clock).minusDays(7).toString()), manager));
    }

    /** A row in every list the roles see, with long words and a long address in the texts. */
    private void fillTheOrganisation(StaffRequests web, Fixtures.Organisation org, StaffPrincipal a,
            StaffPrincipal b, StaffPrincipal manager) throws Exception {
        RegisteredClient client = fixtures.client(a, b, "Kim Beispiel");
        fixtures.note(a, client.id(), "Met at " + LONG_ADDRESS);
        RegisteredClient prospect = fixtures.prospect(a);
        expect(302, web.status(post("/cases/{id}/contacts", prospect.id())
                .param("contactedOn", LocalDate.now(clock).toString()).param("kind", "MOTIVATIONAL_CONVERSATION")
                .param("reached", "true").param("note", "Talked at " + LONG_ADDRESS), a));
        expect(302, web.status(post("/cases/{id}/context/persons", client.id()).param("relation", "PARENT")
                .param("name", LONG_WORD).param("note", "See " + LONG_ADDRESS), a));
        expect(302, web.status(post("/cases/{id}/context/institutions", client.id()).param("kind", "SCHOOL")
                .param("institutionName", LONG_WORD).param("since", LocalDate.now(clock).minusYears(1).toString()), a));
        expect(302, web.status(post("/cases/{id}/sessions", client.id())
                .param("sessionDate", LocalDate.now(clock).minusDays(2).toString()).param("setting", "TANDEM")
                .param("text", "Session about " + LONG_ADDRESS).param("nextSteps", "Call the " + LONG_WORD), a));
        expect(302, web.status(post("/cases/{id}/safety/threats", client.id())
                .param("occurredOn", LocalDate.now(clock).minusDays(3).toString()).param("kind", "THREATENED")
                .param("fromWhom", LONG_WORD).param("whatHappened", "Posted " + LONG_ADDRESS), a));
        expect(302, web.status(post("/network/partners").param("name", "Youth office " + LONG_WORD)
                .param("kind", "YOUTH_AND_FAMILY").param("mandate", "Supports families").param("agreement", "INFORMAL")
                .param("contacts[0].name", "Contact " + LONG_WORD)
                .param("contacts[0].email", "ausstiegsberatung.koordination@jugendamt-hamburg-altona.example"), manager));
        UUID partner = jdbc.sql("SELECT id FROM net_partner WHERE org_id = ?").param(org.id()).query(UUID.class).single();
        expect(302, web.status(post("/network/partners").param("name", "Police " + LONG_WORD).param("kind", "POLICE")
                .param("mandate", "Averts danger").param("agreement", "INFORMAL")
                .param("contacts[0].name", "Duty " + LONG_WORD).param("contacts[0].phone", "+49 40 1100 2200"), manager));
        // Danger alerts by B that A and the manager may decide: the banner, the waiting list and an alert's
        // page with the review form. One awaits approval; one went out at once a day ago, its review overdue.
        UUID police = jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND kind = 'POLICE'").param(org.id())
                .query(UUID.class).single();
        UUID duty = jdbc.sql("SELECT id FROM net_partner_contact WHERE partner_id = ?").param(police)
                .query(UUID.class).single();
        for (boolean cannotWait : List.of(false, true)) {
            clock.advance(java.time.Duration.ofHours(cannotWait ? -25 : 0));
            expect(302, web.status(post("/cases/{id}/danger-alerts", client.id()).param("partnerId", police.toString())
                    .param("contactId", duty.toString()).param("kind", "VIOLENCE_AGAINST_OTHERS")
                    .param("danger", "Threatens " + LONG_WORD).param("atRisk", LONG_WORD).param("howSoon", "Tonight")
                    .param("cannotWait", Boolean.toString(cannotWait)), b));
            clock.reset();
        }
        expect(302, web.status(post("/cases/{id}/consents", client.id()).param("partnerId", partner.toString())
                .param("purpose", "Housing at " + LONG_ADDRESS).param("kinds", "ATTENDANCE", "CASE_CONFERENCE")
                .param("validFrom", LocalDate.now(clock).toString())
                .param("validUntil", LocalDate.now(clock).plusMonths(3).toString())
                .param("informedHow", "WITH_INTERPRETER"), a));
        UUID consent = jdbc.sql("SELECT id FROM con_consent WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        expect(200, web.status(post("/cases/{id}/shares", client.id()).param("partnerId", partner.toString())
                .param("consentId", consent.toString()).param("kinds", "ATTENDANCE")
                .param("texts[4]", "Came every week").param("form", "JSON").param("language", "en"), a));
        expect(302, web.status(post("/cases/{id}/conferences", client.id())
                .param("heldOn", LocalDate.now(clock).toString()).param("purpose", "Plan " + LONG_WORD)
                .param("invitees[0].partnerId", partner.toString()).param("invitees[0].chosen", "true"), a));
        UUID group = GroupFixtures.group(mvc, a, "Group " + LONG_WORD, LONG_WORD);
        GroupFixtures.participant(mvc, a, group);
        LocalDateTime now = LocalDateTime.now(clock).withSecond(0).withNano(0);
        for (StaffPrincipal who : List.of(a, b)) {
            MockHttpServletRequestBuilder appointment = post("/safety/appointments")
                    .param("startsAt", now.minusMinutes(30).toString()).param("endsAt", now.plusHours(2).toString())
                    .param("placeKind", "HOME_VISIT").param("place", LONG_WORD + " street 12, " + LONG_ADDRESS)
                    .param("clientId", client.id().toString());
            expect(302, web.status(appointment, who));
        }
        expect(302, web.status(post("/profile/emergency-contacts").param("name", "Kin " + LONG_WORD)
                .param("relation", "Brother").param("phone", "+49 40 7654321 0000 1111 2222"), a));
        // A passkey with a long name, so the passkey list has a card (how one is made: PasskeysTest).
        jdbc.sql("INSERT INTO acc_passkey_user (staff_id, user_handle) VALUES (?, ?)").params(a.id(), "cGhvbmUtaGFuZGxl")
                .update();
        jdbc.sql("INSERT INTO acc_passkey (id, staff_id, credential_id, label, public_key, signature_count, uv_initialized, "
                + "transports, backup_eligible, backup_state, created_at) VALUES (?, ?, 'cGhvbmUtY3JlZGVudGlhbA', ?, ?, 0, "
                + "TRUE, 'internal', FALSE, FALSE, ?)").params(UUID.randomUUID(), a.id(),
                ("Laptop " + LONG_WORD).substring(0, Math.min(64, 7 + LONG_WORD.length())), new byte[] {1},
                java.sql.Timestamp.from(clock.instant())).update();
        // The case changes hands and is marked high-risk; the newcomer's account is then deactivated, so the
        // manager's overview lists the case and the person, and the tandem and high-risk pages have rows.
        StaffPrincipal newcomer = fixtures.staff(org, Role.PRACTITIONER);
        expect(302, web.status(post("/cases/{id}/tandem", client.id()).param("leaving", b.id().toString())
                .param("joining", newcomer.id().toString()).param("reason", "CLIENTS_WISH")
                .param("note", "Asked for " + LONG_WORD + " " + LONG_ADDRESS), a));
        expect(302, web.status(post("/cases/{id}/high-risk", client.id()).param("highRisk", "true")
                .param("reason", "RETALIATION").param("note", "Posted at " + LONG_ADDRESS), a));
        expect(302, web.status(post("/programmes").param("name", "Programme " + LONG_WORD).param("goal", "Goal " + LONG_WORD)
                .param("targetGroups", "Groups " + LONG_WORD).param("areas", "RIGHT_WING", "CULTS")
                .param("pathways", "SCHOOL").param("staff", a.id().toString(), b.id().toString()), manager));
        UUID programme = jdbc.sql("SELECT id FROM prg_programme WHERE org_id = ?").param(org.id()).query(UUID.class)
                .single();
        expect(302, web.status(post("/programmes/{id}/outcomes", programme).param("name", "Outcome " + LONG_WORD)
                .param("scaleMax", "10").param("lowEn", "low " + LONG_WORD).param("lowDe", "niedrig " + LONG_WORD)
                .param("highEn", "high " + LONG_WORD).param("highDe", "hoch " + LONG_WORD)
                .param("indicators[0].name", "Indicator " + LONG_WORD).param("indicators[0].direction", "INCREASE")
                .param("indicators[0].baseline", "Baseline " + LONG_WORD).param("indicators[0].frequency", "QUARTERLY"),
                manager));
        UUID outcome = jdbc.sql("SELECT id FROM prg_outcome WHERE programme_id = ?").param(programme).query(UUID.class)
                .single();
        expect(302, web.status(post("/cases/{id}/programme", client.id()).param("programme", programme.toString()), a));
        for (int daysAgo : new int[] { 20, 2 }) {
            expect(302, web.status(post("/cases/{id}/outcomes", client.id()).param("ratedOn",
                    LocalDate.now(clock).minusDays(daysAgo).toString()).param("entries[0].outcome", outcome.toString())
                    .param("entries[0].score", "7").param("entries[0].comment", "Comment " + LONG_WORD), a));
        }
        expect(302, web.status(post("/admin/staff/{id}/active", newcomer.id()).param("active", "false"), org.admin()));
    }

    private static void expect(int status, int actual) {
        assertThat(actual).as("set-up request").isEqualTo(status);
    }

    private static void screenshot(Page page, String name) {
        try {
            Path dir = Paths.get("target", "screenshots");
            Files.createDirectories(dir);
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("phone-" + name + ".png")).setFullPage(true));
        } catch (Exception e) {
            System.err.println("could not take screenshot " + name + ": " + e);
        }
    }
}
