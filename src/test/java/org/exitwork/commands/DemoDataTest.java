package org.exitwork.commands;

import org.springframework.web.util.HtmlUtils;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.network.PartnerKind;
import org.exitwork.testing.ExitworkProcess;
import org.exitwork.testing.ExitworkProcess.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * {@code demo-data} on an empty data directory, run as an operator runs it (a JVM of its own), and
 * then the application started on that directory: every feature shows demo data to the people who
 * use it, and the sign-ins are printed in words.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class DemoDataTest {

    private static Run demoData;

    @DynamicPropertySource
    static void onTheDemoInstallation(DynamicPropertyRegistry registry) throws Exception {
        ExitworkProcess.DemoInstallation demo = ExitworkProcess.demoInstallation();
        demoData = demo.demoData();
        Path copy = demo.copy();
        registry.add("exitwork.data-dir", copy::toString);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffDirectory staff;

    @Autowired
    PartnerDirectory partners;

    @Autowired
    CaseDirectory cases;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.beans.factory.ObjectProvider<org.exitwork.platform.DemoContent> demoContributors;

    UUID org;

    @BeforeEach
    void organisation() {
        org = jdbc.sql("SELECT id FROM acc_organisation").query(UUID.class).single();
    }

    @Test
    void theSignInsArePrintedInWords() {
        assertThat(demoData.status()).as(demoData.output()).isZero();
        List<String> lines = demoData.output().lines().toList();
        assertThat(lines).anyMatch(l -> l.matches("  Anna Berger, practitioner: user anna, password \\S{8,}"))
                .anyMatch(l -> l.matches("  Jonas Okafor, practitioner: user jonas, password \\S{8,}"))
                .anyMatch(l -> l.matches("  Mira Hoffmann, practitioner: user mira, password \\S{8,}"))
                .anyMatch(l -> l.matches("  Lena Vogt, programme manager: user lena, password \\S{8,}"))
                .anyMatch(l -> l.matches("  Tom Schneider, programme manager: user tom, password \\S{8,}"))
                .anyMatch(l -> l.matches("  Deniz Yilmaz, data protection officer: user dpo, password \\S{8,}"))
                .anyMatch(l -> l.matches("  Sofia Nachbar \\(fictitious\\), peer of another organisation \\(sees the peer group "
                        + "and its vignettes, nothing else\\): user sofia, password \\S{8,}"))
                .anyMatch(l -> l.startsWith("  Ada Admin, administrator (manages accounts, reads no case): user admin, "
                        + "password "))
                .contains("Second factor: every account, demo ones too, sets it up at its first sign-in.",
                        "  After the password Exitwork shows a QR code: scan it with an authenticator app on your phone");
    }

    /** The peer's printed password is the one that signs her in (she is made by the quality module, not with the staff). */
    @Test
    void thePeersPrintedPasswordSignsHerIn() throws Exception {
        String line = demoData.output().lines().filter(l -> l.startsWith("  Sofia Nachbar")).findFirst().orElseThrow();
        String password = line.substring(line.lastIndexOf("password ") + "password ".length());
        org.exitwork.testing.WebSession wrong = new org.exitwork.testing.WebSession(mvc).from("192.0.2.71");
        assertThat(wrong.post("/sign-in", "username", "sofia", "password", password + "x").getResponse()
                .getRedirectedUrl()).isEqualTo("/sign-in?failed");
        org.exitwork.testing.WebSession sofia = new org.exitwork.testing.WebSession(mvc).from("192.0.2.72");
        assertThat(sofia.post("/sign-in", "username", "sofia", "password", password).getResponse().getRedirectedUrl())
                .isEqualTo("/sign-in/continue");
    }

    @Test
    void outsideTheDemoDataCommandNoModuleCanMakeDemoData() {
        assertThat(demoContributors.stream()).as("DemoContent beans in a serving application").isEmpty();
    }

    @Test
    void theTeamHasTandemsWithProfiles() {
        List<StaffMember> practitioners = staff.practitioners(org);
        assertThat(practitioners).extracting(StaffMember::username).containsExactly("anna", "jonas", "mira");
        assertThat(staff.profiles(org, practitioners.stream().map(StaffMember::id).toList()).values())
                .hasSize(3).allMatch(p -> p.gender() != null && !p.backgrounds().isEmpty());
        assertThat(staff.managers(org)).extracting(StaffMember::username).containsExactly("lena", "tom");
    }

    @Test
    void thereIsAPartnerOfEveryKind() throws Exception {
        List<Partner> all = partners.partners(org);
        assertThat(all).extracting(Partner::kind).containsExactlyInAnyOrder(PartnerKind.values());
        String page = page("/network/partners", "lena");
        assertThat(page).contains("Polizeipräsidium Nordstadt, Staatsschutz", "Jugendamt Nordstadt", "Jobcenter Nordstadt",
                "Bewährungshilfe Nordstadt", "Gesamtschule am Park");
    }

    @Test
    void everyFeatureOfACaseHasData() throws Exception {
        StaffPrincipal anna = principal("anna");
        List<CaseReference> carried = cases.casesCarriedBy(anna);
        assertThat(carried).as("Max and the prospect ready for consent (Samir's case is closed)").hasSize(2);
        UUID max = null;
        for (CaseReference c : carried) {
            var response = mvc.perform(get("/cases/" + c.id() + "/sessions").with(as(anna))).andReturn().getResponse();
            if (response.getStatus() == 200 && response.getContentAsString().contains("apprenticeship as a carpenter")) {
                max = c.id();
            }
        }
        assertThat(max).as("Max's case").isNotNull();
        String sessions = page("/cases/" + max + "/sessions", "anna");
        assertThat(sessions).contains("apprenticeship as a carpenter", "break with his old friends",
                "ashamed of what he posted", "Talked with his mother alone");
        assertThat(page("/cases/" + max + "/agreement", "anna")).contains(
                "Max lebt ohne die Gruppe und ohne Gewalt", "Max kann mit Wut umgehen");
        assertThat(page("/cases/" + max + "/assessment", "anna")).contains("a new friend from work");
        assertThat(page("/cases/" + max + "/context", "anna")).contains("Sabine Mustermann (fictitious)", "Lea, 14",
                "Jugendamt Nordstadt, east district");
        assertThat(page("/cases/" + max + "/consents", "anna")).contains("Jugendamt Nordstadt", "Jobcenter Nordstadt");
        assertThat(page("/cases/" + max + "/shares", "anna")).contains("Jugendamt Nordstadt");
        assertThat(page("/cases/" + max + "/safety/threats", "anna")).contains("traitors get what they deserve");
    }

    @Test
    void theOrganisationsOtherFeaturesHaveData() throws Exception {
        java.util.regex.Matcher newest = java.util.regex.Pattern.compile("href=\"(/cases/information-texts/[0-9a-f-]{36})\"")
                .matcher(page("/cases/information-texts", "lena"));
        assertThat(newest.find()).isTrue();
        assertThat(page(newest.group(1), "lena")).contains("Demo Exitwork e.V., Beispielstraße 1");
        assertThat(page("/groups", "anna")).contains("Workshop: belonging and exclusion (year 9)");
        String referrals = page("/referrals", "lena");
        assertThat(referrals.split("data-testid=\"referral\"", -1)).as("two referrals waiting").hasSize(3);
        assertThat(referrals).contains("From Polizeipräsidium Nordstadt, Staatsschutz", "From Gesamtschule am Park");
        String today = page("/safety/today", "lena");
        assertThat(today).contains("Anna Berger", "Mira Hoffmann");
        assertThat(today.split("<span>On site</span>", -1)).as("one appointment checked in").hasSize(2);
        assertThat(today.split("<span>Planned</span>", -1)).as("one appointment still to come").hasSize(2);
        String team = page("/team", "lena");
        assertThat(team).contains("Anna Berger", "Jonas Okafor", "Mira Hoffmann");
        assertThat(page("/team/supervision", "anna")).contains("Staying calm when a client defends violence");
        String overview = page("/manage/overview", "lena");
        assertThat(overview).contains("data-testid=\"setup-checklist\"", "4 of 6 tasks done");
        assertThat(HtmlUtils.htmlUnescape(page("/organisation", "lena"))).as("the sender every document names").contains("Beispielstraße 12", "kontakt@demo-exitwork.example");
    }

    @Test
    void thePeerGroupHasAReleasedVignetteWithAPeersFeedback() throws Exception {
        java.util.regex.Matcher group = java.util.regex.Pattern.compile("href=\"(/peer-groups/[0-9a-f-]{36})\"")
                .matcher(page("/peer-groups", "anna"));
        assertThat(group.find()).isTrue();
        java.util.regex.Matcher vignette = java.util.regex.Pattern.compile("href=\"(" + group.group(1)
                + "/vignettes/[0-9a-f-]{36})\"").matcher(page(group.group(1) + "/vignettes", "anna"));
        assertThat(vignette.find()).isTrue();
        assertThat(HtmlUtils.htmlUnescape(page(vignette.group(1), "anna"))).contains(
                "Ein Jahr nach dem Bruch mit der Clique", "Freiwilligkeit heißt auch", "Sofia Nachbar (fictitious)");
    }

    @Test
    void theProgrammeHasOutcomesRatedAndFigures() throws Exception {
        java.util.regex.Matcher programme = java.util.regex.Pattern.compile("href=\"(/programmes/[0-9a-f-]{36})\">Ausstieg Nord<")
                .matcher(page("/programmes", "anna"));
        assertThat(programme.find()).as("the demo programme is listed").isTrue();
        assertThat(page(programme.group(1), "anna")).contains("Distance from the group", "Contacts with the group per month",
                "A life of one&#39;s own");
        String figures = page(programme.group(1) + "/dashboard", "lena");
        assertThat(figures).contains("Distance from the group (1 to 5; 2 clients: 2 rated higher, 0 lower)",
                "A life of one&#39;s own (1 to 10; 2 clients: 2 rated higher, 0 lower)");
        // The fictitious foundation's reporting agreement, its last year ended and ready to be reported.
        String agreements = page(programme.group(1) + "/agreements", "lena");
        assertThat(agreements).contains("Stiftung Demokratie leben (fictitious)");
        java.util.regex.Matcher agreement = java.util.regex.Pattern.compile("href=\"(/programmes/[0-9a-f-]{36}/agreements/[0-9a-f-]{36})\"")
                .matcher(agreements);
        assertThat(agreement.find()).as("the demo agreement is listed").isTrue();
        assertThat(page(agreement.group(1) + "/reports", "lena")).contains("Check and release");
    }

    private String page(String path, String username) throws Exception {
        var response = mvc.perform(get(path).with(as(principal(username)))).andReturn().getResponse();
        assertThat(response.getStatus()).as(path + " as " + username).isEqualTo(200);
        return response.getContentAsString();
    }

    private StaffPrincipal principal(String username) {
        StaffMember m = staff.team(org).stream().filter(s -> s.username().equals(username)).findFirst()
                .or(() -> jdbc.sql("SELECT id FROM acc_staff WHERE username = ?").param(username).query(UUID.class)
                        .optional().flatMap(id -> staff.find(org, id)))
                .orElseThrow();
        return new StaffPrincipal(m.id(), m.organisationId(), m.username(), m.displayName(), m.role());
    }
}
