package org.exitwork.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * R3 through the web: the tandem writes versions, records the client's agreement and rates progress;
 * the chart is accessible inline SVG; the client's printout is in their language and names them only
 * by pseudonym; everyone else is refused (and the refusal audited) or finds nothing.
 */
@DatabaseTest
@AutoConfigureMockMvc
class WorkAgreementWebTest {

    static final String NAME = "Jürgen Vertraulich-Müller";
    static final Pattern RATING_THREAD = Pattern.compile("name=\"entries\\[(\\d+)\\]\\.thread\" value=\"([0-9a-f-]{36})\"");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    DataSource dataSource;

    @Autowired
    MutableClock clock;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    RegisteredClient client;

    @BeforeEach
    void aClientWithATandem() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, NAME);
    }

    String url() {
        return "/cases/" + client.id() + "/agreement";
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    MockHttpServletRequestBuilder version(StaffPrincipal who, int basedOn, String language, String objective,
            String... changes) {
        MockHttpServletRequestBuilder request = post(url()).with(as(who)).with(csrf())
                .param("objective", objective).param("nextSteps", "Meet on Tuesday at the youth centre")
                .param("language", language).param("basedOn", Integer.toString(basedOn));
        for (int i = 0; i < changes.length; i++) {
            request.param("changes[" + i + "].wording", changes[i]);
        }
        return request;
    }

    MockHttpServletRequestBuilder agree(StaffPrincipal who, int version, String date, String how, String note) {
        return post(url() + "/" + version + "/client-agreement").with(as(who)).with(csrf())
                .param("agreedOn", date).param("how", how).param("note", note);
    }

    MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    String page(StaffPrincipal who, String path) throws Exception {
        MockHttpServletResponse response = perform(get(path).with(as(who)));
        assertThat(response.getStatus()).as("GET " + path).isEqualTo(200);
        return response.getContentAsString();
    }

    @Test
    void theTandemWritesVersionsRecordsTheClientsAgreementAndRatesProgress() throws Exception {
        String form = page(a, url() + "/new");
        assertThat(form).contains("name=\"changes[0].wording\"", "name=\"basedOn\"", "value=\"en\" selected");

        assertThat(perform(version(a, 0, "en", "Objective Alpha", "Change One", "Change Two")).getRedirectedUrl())
                .isEqualTo(url() + "#draft");
        String draft = page(b, url());
        assertThat(draft).contains("Objective Alpha", "Change One", "Change Two", "data-testid=\"draft-agreement\"",
                        url() + "/1/client-agreement", url() + "/1/pdf")
                .doesNotContain("data-testid=\"current-agreement\"");

        assertThat(perform(agree(b, 1, today().toString(), "SIGNED_ON_PAPER", "")).getRedirectedUrl())
                .isEqualTo(url());
        String agreed = page(a, url());
        assertThat(agreed).contains("data-testid=\"current-agreement\"", "signed on paper")
                .doesNotContain("data-testid=\"draft-agreement\"");
        List<String> threads = threads(agreed);
        assertThat(threads).hasSize(2);

        // The form for the next version starts from the latest one, threads included.
        String next = page(a, url() + "/new");
        assertThat(next).contains("Change One", "value=\"" + threads.get(0) + "\"", "Objective Alpha");
        assertThat(perform(version(a, 1, "en", "Objective Beta", "Change One reworded", "", "Change Three")
                .param("changes[0].thread", threads.get(0)).param("changes[1].thread", threads.get(1)))
                .getRedirectedUrl()).isEqualTo(url() + "#draft");

        assertThat(perform(post(url() + "/ratings").with(as(a)).with(csrf()).param("ratedOn", today().toString())
                .param("entries[0].thread", threads.get(0)).param("entries[0].score", "2")
                .param("entries[0].comment", "A good start")
                .param("entries[1].thread", threads.get(1)).param("entries[1].score", "")
                .param("entries[1].comment", "")).getRedirectedUrl()).isEqualTo(url() + "#progress");

        String overview = page(a, "/cases/" + client.id());
        assertThat(overview).contains("Objective Alpha", "Version 2 is a draft")
                .contains("role=\"img\"", "aria-labelledby=\"overview-chart-title overview-chart-desc\"",
                        "<title id=\"overview-chart-title\">", "<desc id=\"overview-chart-desc\">", "<polyline",
                        "<details class=\"chart-data\">", "<th scope=\"col\">Rating</th>", "A good start")
                // The chart's line is named by the newest wording of its change.
                .contains("Change One reworded")
                .doesNotContain(" style=").doesNotContain("<script>");
        String withChart = page(b, url());
        assertThat(withChart).contains("aria-labelledby=\"progress-chart-title progress-chart-desc\"", "A good start",
                "Objective Beta", "Objective Alpha");

        assertThat(actions()).contains("AGREEMENT_VERSION_WRITTEN", "AGREEMENT_CLIENT_AGREED", "PROGRESS_RATED",
                "AGREEMENT_READ");
    }

    @Test
    void germanPagesSpeakGerman() throws Exception {
        perform(version(a, 0, "en", "Objective", "Change"));
        perform(agree(a, 1, today().toString(), "ORALLY", ""));
        String page = perform(get(url()).with(as(a)).param("lang", "de")).getContentAsString();
        assertThat(page).contains("Arbeitsvereinbarung", "Geltende Arbeitsvereinbarung", "mündlich zugestimmt",
                "Fortschritte mit der Klient*in einschätzen");
    }

    @Test
    void badInputIsRefusedWith400AndStoresNothing() throws Exception {
        MockHttpServletResponse blank = perform(version(a, 0, "en", "  ", "kept change text 4711"));
        assertThat(blank.getStatus()).isEqualTo(400);
        assertThat(blank.getContentAsString()).contains("kept change text 4711", "aria-invalid=\"true\"");
        assertThat(perform(version(a, 0, "en", "Objective")).getStatus()).as("no change").isEqualTo(400);
        assertThat(perform(version(a, 0, "en", "Objective", " ", "")).getStatus()).as("only blank changes").isEqualTo(400);
        assertThat(perform(version(a, 0, "fr", "Objective", "Change")).getStatus()).as("language").isEqualTo(400);
        assertThat(perform(version(a, 0, "en", "x".repeat(4001), "Change")).getStatus()).as("too long").isEqualTo(400);
        assertThat(perform(version(a, 0, "en", "Objective", "y".repeat(1001))).getStatus()).as("long change")
                .isEqualTo(400);
        assertThat(perform(version(a, 3, "en", "Objective", "Change")).getStatus()).as("stale form").isEqualTo(400);
        assertThat(perform(post(url()).with(as(a)).with(csrf()).param("objective", "Objective")
                .param("changes[0].wording", "Change").param("nextSteps", "Steps").param("language", "en")
                .param("basedOn", "abc")).getStatus()).as("basedOn not a number").isEqualTo(400);
        assertThat(perform(version(a, 0, "en", "Objective", "Change")
                .param("changes[0].thread", java.util.UUID.randomUUID().toString())).getStatus())
                .as("a thread of no version").isEqualTo(400);
        assertThat(perform(version(a, 0, "en", "Objective", "Change").param("changes[0].thread", "not-a-uuid"))
                .getStatus()).isEqualTo(400);
        assertThat(perform(version(a, 0, "en", "Objective", "Change").param("changes[300].wording", "far away"))
                .getStatus()).as("an index beyond any form").isEqualTo(400);
        assertThat(perform(version(a, 0, "en", "Objective", "Change").param("changes[40].wording", "one too many"))
                .getStatus()).isEqualTo(400);
        assertThat(perform(version(a, 0, "en", "Objective", "Change").param("changes[5].wording", "with a gap"))
                .getStatus()).as("a gap in the row numbers").isEqualTo(400);
        assertThat(perform(post(url() + "/ratings").with(as(a)).with(csrf()).param("ratedOn", today().toString())
                .param("entries[99999999999].score", "3")).getStatus()).isEqualTo(400);
        assertThat(count("cas_agreement_version")).isZero();
        assertThat(count("cas_agreement_change")).isZero();

        MockHttpServletResponse tooEarly = perform(post(url() + "/ratings").with(as(a)).with(csrf())
                .param("ratedOn", today().toString()));
        assertThat(tooEarly.getStatus()).as("ratings before any agreement").isEqualTo(400);
        assertThat(tooEarly.getContentAsString()).contains("There is no agreed work agreement to rate progress on.");

        perform(version(a, 0, "en", "Objective", "Change"));
        assertThat(perform(agree(a, 1, today().plusDays(1).toString(), "ORALLY", "")).getStatus()).isEqualTo(400);
        assertThat(perform(agree(a, 1, today().minusDays(1).toString(), "ORALLY", "")).getStatus())
                .as("before the version was written").isEqualTo(400);
        assertThat(perform(agree(a, 1, "", "ORALLY", "")).getStatus()).isEqualTo(400);
        assertThat(perform(agree(a, 1, today().toString(), "", "")).getStatus()).isEqualTo(400);
        assertThat(perform(agree(a, 1, today().toString(), "NODDED", "")).getStatus()).isEqualTo(400);
        MockHttpServletResponse noNote = perform(agree(a, 1, today().toString(), "OTHER", " "));
        assertThat(noNote.getStatus()).isEqualTo(400);
        assertThat(noNote.getContentAsString()).contains("Please describe how the client agreed.");
        assertThat(perform(agree(a, 1, today().toString(), "OTHER", "z".repeat(501))).getStatus()).isEqualTo(400);
        assertThat(count("cas_client_agreement")).isZero();
        assertThat(perform(agree(a, 7, today().toString(), "ORALLY", "")).getStatus()).as("no such version")
                .isEqualTo(404);

        perform(agree(a, 1, today().toString(), "ORALLY", ""));
        MockHttpServletResponse twice = perform(agree(b, 1, today().toString(), "SIGNED_ON_PAPER", ""));
        assertThat(twice.getStatus()).isEqualTo(400);
        assertThat(twice.getContentAsString()).contains("already recorded");
        String thread = threads(page(a, url())).get(0);
        for (String[] bad : List.of(
                new String[] {today().toString(), thread, "7"},
                new String[] {today().toString(), thread, "0"},
                new String[] {today().toString(), thread, "three"},
                new String[] {today().toString(), thread, ""},
                new String[] {today().plusDays(2).toString(), thread, "3"},
                new String[] {"", thread, "3"},
                new String[] {today().toString(), java.util.UUID.randomUUID().toString(), "3"})) {
            MockHttpServletResponse response = perform(post(url() + "/ratings").with(as(a)).with(csrf())
                    .param("ratedOn", bad[0]).param("entries[0].thread", bad[1]).param("entries[0].score", bad[2])
                    .param("entries[0].comment", "kept comment 0815"));
            assertThat(response.getStatus()).as(String.join(" ", bad)).isEqualTo(400);
        }
        assertThat(count("cas_progress_rating")).isZero();
        assertThat(count("cas_agreement_version")).isEqualTo(1);
        assertThat(count("cas_client_agreement")).isEqualTo(1);
    }

    @Test
    void colleaguesOutsideTheTandemAreRefusedAndTheRefusalIsAudited() throws Exception {
        perform(version(a, 0, "en", "Objective Hidden", "Change Hidden"));
        List<StaffPrincipal> outsiders = List.of(fixtures.staff(org, Role.PRACTITIONER),
                fixtures.staff(org, Role.MANAGER), fixtures.staff(org, Role.DATA_PROTECTION_OFFICER));
        for (StaffPrincipal outsider : outsiders) {
            for (MockHttpServletRequestBuilder request : everyEndpoint(outsider)) {
                MockHttpServletResponse response = perform(request);
                assertThat(response.getStatus()).as(outsider.role() + " " + request).isEqualTo(403);
                assertThat(response.getContentAsString()).doesNotContain("Objective Hidden", "Change Hidden", NAME);
            }
        }
        assertThat(actions()).filteredOn("CASE_ACCESS_REFUSED"::equals).hasSize(outsiders.size() * 6);
        for (MockHttpServletRequestBuilder request : everyEndpoint(org.admin())) {
            assertThat(perform(request).getStatus()).as("administrator " + request).isEqualTo(403);
        }
        assertThat(count("cas_agreement_version")).isEqualTo(1);
        assertThat(count("cas_client_agreement")).isZero();
        assertThat(count("cas_progress_rating")).isZero();
    }

    @Test
    void aColleagueWhoBrokeTheGlassReadsButNeitherPrintsForTheClientNorWrites() throws Exception {
        perform(version(a, 0, "en", "Objective Glass", "Change Glass"));
        StaffPrincipal colleague = fixtures.staff(org, Role.MANAGER);
        perform(post("/cases/" + client.id() + "/break-glass").with(as(colleague)).with(csrf())
                .param("reason", "ABSENCE").param("explanation", "Both of the tandem are ill this week"));
        assertThat(page(colleague, url())).contains("Objective Glass")
                .doesNotContain(url() + "/1/client-agreement").doesNotContain("/agreement/new")
                .doesNotContain(url() + "/1/pdf");
        // Printing for the client is handing it out: the tandem's, as for the client's report (R19).
        assertThat(perform(get(url() + "/1/pdf").with(as(colleague))).getStatus()).isEqualTo(403);
        assertThat(page(a, url())).contains(url() + "/1/pdf");
        assertThat(perform(get(url() + "/new").with(as(colleague))).getStatus()).isEqualTo(403);
        assertThat(perform(version(colleague, 1, "en", "Changed by colleague", "x")).getStatus()).isEqualTo(403);
        assertThat(perform(agree(colleague, 1, today().toString(), "ORALLY", "")).getStatus()).isEqualTo(403);
        assertThat(count("cas_agreement_version")).isEqualTo(1);
        assertThat(count("cas_client_agreement")).isZero();
    }

    @Test
    void anotherOrganisationFindsNothing() throws Exception {
        perform(version(a, 0, "en", "Objective Foreign", "Change Foreign"));
        Fixtures.Organisation other = fixtures.organisation();
        for (Role role : List.of(Role.PRACTITIONER, Role.MANAGER, Role.DATA_PROTECTION_OFFICER)) {
            StaffPrincipal stranger = fixtures.staff(other, role);
            for (MockHttpServletRequestBuilder request : everyEndpoint(stranger)) {
                MockHttpServletResponse response = perform(request);
                assertThat(response.getStatus()).as(role + " " + request).isEqualTo(404);
                assertThat(response.getContentAsString()).doesNotContain("Objective Foreign", client.pseudonym());
            }
        }
        assertThat(count("cas_agreement_version")).isEqualTo(1);
    }

    @Test
    void theClientsPrintoutIsInTheirLanguageAndNamesThemOnlyByPseudonym() throws Exception {
        jdbc.sql("UPDATE cas_client SET language = 'de' WHERE id = ?").param(client.id()).update();
        assertThat(page(a, url() + "/new")).contains("value=\"de\" selected");
        perform(version(a, 0, "de", "Größere Selbstständigkeit: eine eigene Wohnung finden",
                "Übungen zur Stressbewältigung", "Weniger Zeit in den Chatgruppen"));

        MockHttpServletResponse response = perform(get(url() + "/1/pdf").with(as(b)));
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("application/pdf");
        assertThat(response.getHeader("Content-Disposition")).startsWith("attachment").contains(".pdf")
                .doesNotContain(client.pseudonym());
        assertThat(response.getHeaders("Cache-Control")).anyMatch(h -> h.contains("no-store"));
        String german = text(response.getContentAsByteArray());
        assertThat(german).contains("Arbeitsvereinbarung", "Übergeordnetes Ziel", "Angestrebte persönliche Veränderungen",
                        "Nächste Schritte", "Größere Selbstständigkeit: eine eigene Wohnung finden",
                        "Übungen zur Stressbewältigung", "Entwurf", "freiwillig", "jederzeit ändern", client.pseudonym())
                .doesNotContain(NAME).doesNotContain("Vertraulich").doesNotContain("Jürgen")
                .doesNotContain(a.displayName()).doesNotContain("Work agreement");

        // The version's language decides, not the client's nor the reader's.
        perform(version(a, 1, "en", "Finish school", "Go to class"));
        perform(agree(a, 2, today().toString(), "SIGNED_ON_PAPER", ""));
        String english = text(perform(get(url() + "/2/pdf").with(as(a)).param("lang", "de")).getContentAsByteArray());
        assertThat(english).contains("Work agreement", "Overall objective", "Finish school", "voluntary",
                "signed on paper").doesNotContain("Arbeitsvereinbarung").doesNotContain(NAME);

        assertThat(perform(get(url() + "/3/pdf").with(as(a))).getStatus()).isEqualTo(404);
        assertThat(audit.about(org.id(), client.pseudonym())).filteredOn(e -> e.action().equals("AGREEMENT_PDF_DOWNLOADED"))
                .extracting(AuditEntry::detail).containsExactly("@agreement.printed|1|de", "@agreement.printed|2|en");
    }

    @Test
    void nothingOfTheAgreementIsStoredInPlainText() throws Exception {
        perform(version(a, 0, "en", "Objmarker Qwertzuiop", "Changemarker Asdfghjk"));
        perform(agree(a, 1, today().toString(), "OTHER", "Notemarker Yxcvbnmlkj"));
        String thread = threads(page(a, url())).get(0);
        perform(post(url() + "/ratings").with(as(a)).with(csrf()).param("ratedOn", today().toString())
                .param("entries[0].thread", thread).param("entries[0].score", "4")
                .param("entries[0].comment", "Commentmarker Poiuztrewq"));
        perform(version(b, 1, "en", "Objmarker Second", "Changemarker Second").param("changes[0].thread", thread));
        page(a, url());
        page(a, "/cases/" + client.id());
        assertThat(perform(get(url() + "/1/pdf").with(as(a))).getStatus()).isEqualTo(200);
        assertThat(count("cas_progress_rating")).isEqualTo(1);
        assertThat(count("cas_agreement_version")).isEqualTo(2);

        assertThat(DatabaseScan.find(dataSource, List.of(a.username()))).as("the scan can find things").isNotEmpty();
        assertThat(DatabaseScan.find(dataSource, List.of("Objmarker", "Qwertzuiop", "Changemarker", "Asdfghjk",
                "Notemarker", "Yxcvbnmlkj", "Commentmarker", "Poiuztrewq", "Meet on Tuesday"))).isEmpty();
    }

    /** One request to each endpoint of the work agreement, as {@code who}. */
    private List<MockHttpServletRequestBuilder> everyEndpoint(StaffPrincipal who) {
        List<MockHttpServletRequestBuilder> requests = new ArrayList<>();
        requests.add(get(url()).with(as(who)));
        requests.add(get(url() + "/new").with(as(who)));
        requests.add(version(who, 1, "en", "Intruder objective", "Intruder change"));
        requests.add(agree(who, 1, today().toString(), "ORALLY", ""));
        requests.add(post(url() + "/ratings").with(as(who)).with(csrf()).param("ratedOn", today().toString())
                .param("entries[0].thread", java.util.UUID.randomUUID().toString()).param("entries[0].score", "3"));
        requests.add(get(url() + "/1/pdf").with(as(who)));
        return requests;
    }

    private static List<String> threads(String page) {
        List<String> threads = new ArrayList<>();
        Matcher m = RATING_THREAD.matcher(page);
        while (m.find()) {
            threads.add(m.group(2));
        }
        return threads;
    }

    private static String text(byte[] pdf) throws Exception {
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private List<String> actions() {
        return audit.about(org.id(), client.pseudonym()).stream().map(AuditEntry::action).toList();
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE client_id = ?").param(client.id())
                .query(Long.class).single();
    }
}
