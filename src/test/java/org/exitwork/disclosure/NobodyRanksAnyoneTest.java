package org.exitwork.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.programme.Measure;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.PostgresRun;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Nobody ranks anyone (R16): what a cross-evaluation group says stays in the group. With a vignette
 * released and answered, the organisation's manager (no member of the group), data protection officer and
 * administrator open every GET endpoint of the handler mapping, with every id of the case, the group, the
 * vignette, the programme and the people filled in: no page, download or figure shows the vignette's text,
 * its code or its feedback. The programme dashboard and its CSV figures carry no vignette or feedback
 * figure, and the funder report's catalogue has no measure of them.
 */
@DatabaseTest
@Tag(PostgresRun.ENDPOINT_WALK) // on H2 in the full run; on PostgreSQL when named (README "Tests")
@AutoConfigureMockMvc
class NobodyRanksAnyoneTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.exitwork.testing.MutableClock clock;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal manager;
    StaffPrincipal dpo;
    StaffPrincipal peer;
    RegisteredClient client;
    UUID group;
    UUID vignette;
    UUID programme;
    String code;
    List<String> markers;

    @BeforeEach
    void aReleasedVignetteWithFeedback() throws Exception {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal reviewer = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.manager(org.id());
        dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        client = fixtures.client(a, b, "Quentin Quiet");
        String m = Fixtures.unique("rank").replace("-", "").toLowerCase(Locale.ROOT);
        markers = List.of("Vtitle" + m, "Vnarrative" + m, "Vfeedback" + m, "Vanswer" + m);

        String username = Fixtures.unique("peer").toLowerCase(Locale.ROOT);
        assertThat(web.status(post("/peer-groups/peers").param("displayName", "Paula Peer").param("username", username)
                .param("homeOrganisation", "Exit NGO East"), manager)).isEqualTo(200);
        UUID peerId = jdbc.sql("SELECT id FROM acc_staff WHERE username = ?").param(username).query(UUID.class).single();
        peer = new StaffPrincipal(peerId, org.id(), username, "Paula Peer", Role.PEER);
        MockHttpServletResponse created = web.perform(post("/peer-groups").param("name", "Ranking-free group"), manager);
        group = UUID.fromString(created.getRedirectedUrl().substring("/peer-groups/".length()));
        for (StaffPrincipal member : List.of(a, peer)) {
            assertThat(web.status(post("/peer-groups/{id}/members", group).param("staffId", member.id().toString()),
                    manager)).isEqualTo(302);
        }
        assertThat(web.status(post("/programmes").param("name", "Programme " + m).param("goal", "A life without violence")
                .param("targetGroups", "Young people").param("areas", "RIGHT_WING").param("pathways", "SCHOOL")
                .param("staff", a.id().toString()), manager)).isEqualTo(302);
        programme = jdbc.sql("SELECT id FROM prg_programme WHERE org_id = ?").param(org.id()).query(UUID.class).single();
        assertThat(web.status(post("/cases/{id}/programme", client.id()).param("programme", programme.toString()), a))
                .isEqualTo(302);

        MockHttpServletResponse written = web.perform(post("/cases/{id}/vignettes", client.id())
                .param("groupId", group.toString()).param("title", markers.get(0)).param("narrative", markers.get(1)), a);
        vignette = UUID.fromString(written.getRedirectedUrl().substring(written.getRedirectedUrl().lastIndexOf('/') + 1));
        assertThat(web.status(post("/cases/{id}/vignettes/{v}/submit", client.id(), vignette).param("version", "0"), a))
                .isEqualTo(302);
        assertThat(web.status(post("/vignettes/review/{v}/release", vignette).param("version", "1"), reviewer))
                .isEqualTo(302);
        assertThat(web.status(post("/peer-groups/{g}/vignettes/{v}/feedback", group, vignette)
                .param("principles", "TRUST", "ENDING").param("text", markers.get(2)), peer)).isEqualTo(302);
        assertThat(web.status(post("/peer-groups/{g}/vignettes/{v}/feedback", group, vignette)
                .param("principles", "TANDEM").param("text", markers.get(3)), a)).isEqualTo(302);
        code = jdbc.sql("SELECT code FROM dis_vignette WHERE id = ?").param(vignette).query(String.class).single();
        // The group's members do see it all: the markers are on their page.
        assertThat(web.page("/peer-groups/" + group + "/vignettes/" + vignette, peer)).contains(markers).contains(code);
    }

    @Test
    void managersDataProtectionAndTheAdministratorSeeNoVignetteAndNoFeedbackAnywhere() throws Exception {
        List<String> ids = List.of(client.id().toString(), group.toString(), vignette.toString(), programme.toString(),
                a.id().toString(), peer.id().toString());
        List<String> findings = new ArrayList<>();
        int pages = 0;
        for (StaffPrincipal who : List.of(manager, dpo, org.admin())) {
            int seen = 0;
            for (String pattern : getPatterns()) {
                for (Object[] vars : fillings(pattern, ids)) {
                    MockHttpServletResponse response;
                    try {
                        response = web.perform(get(pattern, vars), who);
                    } catch (Exception failed) {
                        continue;
                    }
                    pages++;
                    if (response.getStatus() == 200) {
                        seen++;
                    }
                    String body = response.getContentAsString();
                    for (String marker : markers) {
                        if (body.contains(marker)) {
                            findings.add(who.role() + " GET " + new UriTemplate(pattern).expand(vars) + " shows " + marker);
                        }
                    }
                    if (body.contains(code)) {
                        findings.add(who.role() + " GET " + new UriTemplate(pattern).expand(vars) + " shows the code");
                    }
                }
            }
            assertThat(seen).as(who.role() + " opened pages").isGreaterThan(10);
        }
        assertThat(pages).as("requests made").isGreaterThan(500);
        assertThat(findings).isEmpty();
    }

    @Test
    void theProgrammeDashboardAndTheFunderReportCarryNoVignetteOrFeedbackFigure() throws Exception {
        String dashboard = web.page("/programmes/" + programme + "/dashboard", manager);
        // (The menu links the peer groups on every page; the figures name no group.)
        assertThat(dashboard.toLowerCase(Locale.ROOT)).doesNotContain("vignette", "feedback", "ranking-free group",
                "paula");
        Matcher csv = Pattern.compile("href=\"(/programmes/[^\"]+\\.csv)\"").matcher(dashboard);
        int figures = 0;
        while (csv.find()) {
            MockHttpServletResponse figure = web.perform(get(csv.group(1)), manager);
            assertThat(figure.getStatus()).as(csv.group(1)).isEqualTo(200);
            assertThat(figure.getContentAsString().toLowerCase(Locale.ROOT)).as(csv.group(1))
                    .doesNotContain("vignette", "feedback", "peer", "ranking-free group", "paula");
            figures++;
        }
        assertThat(figures).as("the dashboard's figures").isGreaterThan(5);
        // A funder report carries the measures of its catalogue and nothing else: none is about vignettes,
        // feedback or peers.
        assertThat(Arrays.stream(Measure.values()).map(Enum::name)).noneMatch(
                n -> n.contains("VIGNETTE") || n.contains("FEEDBACK") || n.contains("PEER"));
    }

    /**
     * The funder's link (R17) to a released report of the programme: its page, CSV and PDF, and every GET
     * endpoint opened without a session with its token and the ids filled in, carry no vignette, code or
     * feedback, and no figure of them.
     */
    @Test
    void theFundersLinkCarriesNoVignetteAndNoFeedback() throws Exception {
        MockHttpServletResponse made = web.perform(post("/network/partners").param("name", "Foundation for democracy")
                .param("kind", "FUNDER").param("mandate", "Funds the programme").param("agreement", "INFORMAL"), manager);
        UUID funder = UUID.fromString(made.getRedirectedUrl().substring("/network/partners/".length()));
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        java.time.LocalDate quarter = today.withDayOfMonth(1).withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1);
        MockHttpServletResponse agreed = web.perform(post("/programmes/{id}/agreements", programme)
                .param("funder", funder.toString())
                .param("measures", "CLIENTS_WORKED_WITH", "CLIENTS_TAKEN_ON", "CLIENTS_ENDED", "SESSIONS_HELD")
                .param("breakdowns", "PHENOMENON_AREA").param("periodMonths", "3")
                .param("firstPeriodStart", quarter.toString()).param("language", "en")
                .param("agreedOn", today.toString()).param("reference", "Grant 7"), manager);
        assertThat(agreed.getStatus()).isEqualTo(302);
        UUID agreement = UUID.fromString(agreed.getRedirectedUrl().substring(
                ("/programmes/" + programme + "/agreements/").length()));
        clock.advance(java.time.Duration.ofDays(java.time.temporal.ChronoUnit.DAYS.between(today, quarter.plusMonths(3)) + 1));
        MockHttpServletResponse released = web.perform(post("/programmes/{id}/agreements/{a}/reports/{s}", programme,
                agreement, quarter), manager);
        assertThat(released.getStatus()).isEqualTo(200);
        String link = FunderReportTest.linkOf(released);
        String token = link.substring(link.lastIndexOf('/') + 1);

        List<String> findings = new ArrayList<>();
        int opened = 0;
        for (String path : List.of("/funded/" + token + "/open", "/funded/" + token + "/report.csv")) {
            MockHttpServletResponse page = mvc.perform(path.endsWith("/open") ? post(path) : get(path)).andReturn()
                    .getResponse();
            assertThat(page.getStatus()).as(path).isEqualTo(200);
            String body = page.getContentAsString().toLowerCase(Locale.ROOT);
            for (String word : List.of("vignette", "feedback", "rückmeldung", "peer", "ranking-free group", "paula")) {
                if (body.contains(word)) {
                    findings.add(path + " says " + word);
                }
            }
        }
        assertThat(mvc.perform(get("/funded/{t}/report.pdf", token)).andReturn().getResponse().getStatus()).isEqualTo(200);
        List<String> ids = List.of(token, client.id().toString(), group.toString(), vignette.toString(),
                programme.toString());
        for (String pattern : getPatterns()) {
            for (Object[] vars : fillings(pattern, ids)) {
                MockHttpServletResponse response;
                try {
                    response = mvc.perform(get(pattern, vars)).andReturn().getResponse();
                } catch (Exception failed) {
                    continue;
                }
                if (response.getStatus() == 200) {
                    opened++;
                }
                String body = response.getContentAsString();
                for (String marker : markers) {
                    if (body.contains(marker) || body.contains(code)) {
                        findings.add("GET " + new UriTemplate(pattern).expand(vars) + " without a session shows "
                                + (body.contains(marker) ? marker : "the code"));
                    }
                }
            }
        }
        assertThat(opened).as("pages open without a session, the funder's among them").isGreaterThan(3);
        assertThat(findings).isEmpty();
    }

    /** Every GET pattern of the handler mapping. */
    private Set<String> getPatterns() {
        Set<String> patterns = new TreeSet<>();
        for (RequestMappingInfo info : handlerMapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                patterns.addAll(info.getPatternValues());
            }
        }
        return patterns;
    }

    /** Every way to fill the pattern's variables with the ids; three or more variables each take one id alike. */
    private static List<Object[]> fillings(String pattern, List<String> ids) {
        int n = new UriTemplate(pattern).getVariableNames().size();
        List<Object[]> out = new ArrayList<>();
        if (n == 0) {
            out.add(new Object[0]);
        } else if (n == 1) {
            ids.forEach(id -> out.add(new Object[] { id }));
        } else if (n == 2) {
            for (String first : ids) {
                for (String second : ids) {
                    out.add(new Object[] { first, second });
                }
            }
        } else {
            for (String id : ids) {
                Object[] vars = new Object[n];
                Arrays.fill(vars, id);
                out.add(vars);
            }
        }
        return out;
    }
}
