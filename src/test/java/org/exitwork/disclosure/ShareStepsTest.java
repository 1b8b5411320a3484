package org.exitwork.disclosure;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.exitwork.testing.StepPages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A new share one question per page: every step answers with the next question (or its own errors, 400),
 * carries every earlier answer in the page and nothing on the server, "Change" on the check page returns
 * to the question with all answers kept and back to the check, and only the final post to the share
 * endpoint writes anything: one share.
 */
@DatabaseTest
class ShareStepsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MutableClock clock;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal a;
    RegisteredClient client;
    String m;
    UUID housing;
    UUID youth;
    UUID police;
    UUID consent;
    UUID youthConsent;

    @BeforeEach
    void setUp() throws Exception {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, fixtures.staff(org, Role.PRACTITIONER), Fixtures.unique("Steps Client "));
        m = Fixtures.unique("stepmarker").replace("-", "");
        housing = partner("HOUSING");
        youth = partner("YOUTH_AND_FAMILY");
        police = partner("POLICE");
        consent = consent(housing, "Find a flat", "HOUSING", "ATTENDANCE");
        youthConsent = consent(youth, "Family support", "FAMILY_SITUATION");
    }

    @Test
    void everyStepLeadsToTheNextAndTheCheckPagePostsEverythingToTheShareEndpoint() throws Exception {
        String text = "Needs a flat with two rooms " + m;
        String url = "/cases/" + client.id() + "/shares";

        MockHttpServletResponse start = web.perform(get(url + "/steps"), a);
        String page = step(start, 200, "partner");
        assertThat(page).contains(url + "/new").contains("Which partner receives the share?")
                .contains(housing.toString()).doesNotContain(police.toString());

        page = step(answer("partner", page, "partnerId", housing.toString()), 200, "purpose");
        assertThat(StepPages.hidden(page)).containsEntry("partnerId", List.of(housing.toString()));
        assertThat(page).contains("Find a flat").doesNotContain("Family support");

        page = step(answer("purpose", page, "consentId", consent.toString()), 200, "kinds");
        page = step(answer("kinds", page, "kinds", "HOUSING"), 200, "texts");
        assertThat(page).contains("id=\"texts5\"").doesNotContain("id=\"texts4\"");

        page = step(answer("texts", page, "texts[5]", text), 200, "form");
        // Back goes to the question before, with every answer (the texts, the last one asked).
        assertThat(page).contains("formaction=\"" + url + "/steps/texts/change\"");
        assertThat(page).contains("value=\"PDF\" id=\"form1\" name=\"form\" checked=\"checked\"");
        assertThat(StepPages.hidden(page)).containsEntry("texts[5]", List.of(text))
                .containsEntry("kinds", List.of("HOUSING")).containsEntry("consentId", List.of(consent.toString()));

        String check = answer("form", page, "form", "JSON", "language", "de").getContentAsString();
        assertThat(StepPages.actions(check)).contains(url);
        assertThat(check).contains("Check your answers").contains(partnerName(housing)).contains("Find a flat")
                .contains(text).contains("JSON for the partner");
        assertThat(StepPages.hidden(check)).containsEntry("partnerId", List.of(housing.toString()))
                .containsEntry("consentId", List.of(consent.toString())).containsEntry("kinds", List.of("HOUSING"))
                .containsEntry("texts[5]", List.of(text)).containsEntry("form", List.of("JSON"))
                .containsEntry("language", List.of("de"));

        // Nothing of the answers rests anywhere yet, the session tables included.
        assertThat(DatabaseScan.tables(dataSource).stream().map(String::toLowerCase)).contains("spring_session",
                "spring_session_attributes");
        assertThat(DatabaseScan.find(dataSource, List.of(m))).isEmpty();
        assertThat(shareRows()).isZero();

        // The check page's one button posts to the share endpoint, which shares once.
        MockHttpServletResponse shared = web.perform(StepPages.submit(post(url), check), a);
        assertThat(shared.getStatus()).isEqualTo(200);
        assertThat(shared.getContentAsString()).contains("data-testid=\"share-link\"");
        assertThat(shareRows()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT form FROM dis_share WHERE client_id = ?").param(client.id()).query(String.class)
                .single()).isEqualTo("JSON");
    }

    @Test
    void aStepWithAnErrorAnswers400KeepsTheEarlierAnswersAndWritesNothing() throws Exception {
        String url = "/cases/" + client.id() + "/shares";
        String page = step(web.perform(get(url + "/steps"), a), 200, "partner");
        // No partner chosen: the same question, the summary naming the field.
        String missing = step(answer("partner", page), 400, "partner");
        assertThat(missing).contains("There is a problem").contains("href=\"#partnerId\"")
                .contains("Choose the partner who receives the share.");

        page = step(answer("partner", page, "partnerId", housing.toString()), 200, "purpose");
        page = step(answer("purpose", page, "consentId", consent.toString()), 200, "kinds");
        String noKind = step(answer("kinds", page), 400, "kinds");
        assertThat(noKind).contains("href=\"#kinds\"").contains("Choose at least one kind of data.");
        assertThat(StepPages.hidden(noKind)).containsEntry("partnerId", List.of(housing.toString()))
                .containsEntry("consentId", List.of(consent.toString()));

        page = step(answer("kinds", page, "kinds", "HOUSING", "kinds", "ATTENDANCE"), 200, "texts");
        String blank = step(answer("texts", page, "texts[4]", "Came every week " + m, "texts[5]", "  "), 400,
                "texts");
        assertThat(blank).contains("href=\"#texts5\"").doesNotContain("href=\"#texts4\"")
                .contains("Write the text to share for every kind of data you ticked.")
                .contains("Came every week " + m);
        assertThat(StepPages.hidden(blank)).containsEntry("partnerId", List.of(housing.toString()))
                .containsEntry("consentId", List.of(consent.toString()))
                .containsEntry("kinds", List.of("HOUSING", "ATTENDANCE"));
        String tooLong = step(answer("texts", page, "texts[4]", "x", "texts[5]", "y".repeat(4001)), 400, "texts");
        assertThat(tooLong).contains("href=\"#texts5\"").contains("A text to share may have at most 4000 characters.");

        // A consent of another partner (here: the partner changed after the purpose was chosen).
        String otherPartner = step(web.perform(StepPages.submit(post(url + "/steps/purpose"), page.replace(
                housing.toString(), youth.toString()), "consentId", consent.toString()), a), 400, "purpose");
        assertThat(otherPartner).contains("href=\"#consentId\"")
                .contains("Choose a purpose from a consent to share with the partner you chose.");

        // A value no page offers (a hand-made request): named, nothing else happens.
        String garbled = step(web.perform(post(url + "/steps/partner").param("partnerId", "not-an-id"), a), 400,
                "partner");
        assertThat(garbled).contains("href=\"#partnerId\"").contains("Please choose from the list.");
        String garbledChange = step(web.perform(post(url + "/steps/kinds/change").param("partnerId", "not-an-id")
                .param("kinds", "HOUSING"), a), 400, "kinds");
        assertThat(garbledChange).contains("href=\"#partnerId\"");

        assertThat(shareRows()).isZero();
        assertThat(DatabaseScan.find(dataSource, List.of(m))).isEmpty();
    }

    @Test
    void changeOnTheCheckPageReturnsToTheStepWithEveryAnswerKeptAndBackToTheCheck() throws Exception {
        String url = "/cases/" + client.id() + "/shares";
        String check = walk();
        // Change the kinds: the kinds question, ticked as before, the other answers carried, "checking" on.
        String kinds = step(web.perform(StepPages.submit(post(url + "/steps/kinds/change"), check, "checking", "true"),
                a), 200, "kinds");
        assertThat(kinds).contains("value=\"HOUSING\" id=\"kinds6\" name=\"kinds\" checked=\"checked\"")
                .contains("<input type=\"hidden\" name=\"checking\" value=\"true\">")
                .contains("formaction=\"" + url + "/steps/check/change\"");
        assertThat(StepPages.hidden(kinds)).containsEntry("partnerId", List.of(housing.toString()))
                .containsEntry("texts[5]", List.of("Needs a flat " + m)).doesNotContainKey("kinds");
        // Unchanged, it goes straight back to the check page.
        String again = answer("kinds", kinds, "kinds", "HOUSING").getContentAsString();
        assertThat(again).contains("data-testid=\"share-check\"").contains("Needs a flat " + m);
        // A kind added: first its text (the one question left open), then the check page.
        String texts = step(answer("kinds", kinds, "kinds", "HOUSING", "kinds", "ATTENDANCE"), 200, "texts");
        assertThat(texts).contains("Needs a flat " + m).contains("id=\"texts4\"");
        String checked = answer("texts", texts, "texts[5]", "Needs a flat " + m, "texts[4]", "Every week")
                .getContentAsString();
        assertThat(checked).contains("data-testid=\"share-check\"").contains("Every week").contains("Attendance");

        // Change the partner to one the purpose does not belong to: the purpose is asked again.
        String partner = step(web.perform(StepPages.submit(post(url + "/steps/partner/change"), checked, "checking",
                "true"), a), 200, "partner");
        assertThat(partner).contains("<option value=\"" + housing + "\" selected=\"selected\">");
        String purpose = step(answer("partner", partner, "partnerId", youth.toString()), 200, "purpose");
        assertThat(purpose).contains("Family support");
        assertThat(shareRows()).isZero();
    }

    @Test
    void onlyTheTandemReachesTheSteps() throws Exception {
        StaffPrincipal colleague = fixtures.staff(org, Role.PRACTITIONER);
        String url = "/cases/" + client.id() + "/shares/steps";
        assertThat(web.status(get(url), colleague)).isEqualTo(403);
        assertThat(web.status(post(url + "/partner").param("partnerId", housing.toString()), colleague))
                .isEqualTo(403);
        assertThat(web.status(post(url + "/kinds/change").param("partnerId", housing.toString()), colleague))
                .isEqualTo(403);
        assertThat(web.status(post(url + "/nonsense").param("partnerId", housing.toString()), a)).isEqualTo(404);
    }

    // ---------------------------------------------------------------------------------------------

    /** Walks every step with valid answers and returns the check page. */
    private String walk() throws Exception {
        String page = step(web.perform(get("/cases/" + client.id() + "/shares/steps"), a), 200, "partner");
        page = step(answer("partner", page, "partnerId", housing.toString()), 200, "purpose");
        page = step(answer("purpose", page, "consentId", consent.toString()), 200, "kinds");
        page = step(answer("kinds", page, "kinds", "HOUSING"), 200, "texts");
        page = step(answer("texts", page, "texts[5]", "Needs a flat " + m), 200, "form");
        MockHttpServletResponse check = answer("form", page, "form", "PDF", "language", "en");
        assertThat(check.getStatus()).isEqualTo(200);
        assertThat(check.getContentAsString()).contains("data-testid=\"share-check\"");
        return check.getContentAsString();
    }

    private MockHttpServletResponse answer(String step, String page, String... typed) throws Exception {
        return web.perform(StepPages.submit(post("/cases/{id}/shares/steps/{step}", client.id(), step), page, typed),
                a);
    }

    /** Asserts the status and that the page asks {@code step}, posting to that step's address; returns the page. */
    private String step(MockHttpServletResponse response, int status, String step) throws Exception {
        String html = response.getContentAsString();
        assertThat(response.getStatus()).as(html.contains("data-step=") ? "step page" : html).isEqualTo(status);
        assertThat(html).contains("data-step=\"" + step + "\"");
        assertThat(StepPages.actions(html)).contains("/cases/" + client.id() + "/shares/steps/" + step);
        return html;
    }

    private UUID partner(String kind) throws Exception {
        String name = "Partner " + kind + " " + UUID.randomUUID().toString().substring(0, 8);
        assertThat(web.status(post("/network/partners").param("name", name).param("kind", kind)
                .param("mandate", "A mandate").param("agreement", "INFORMAL"), fixtures.manager(org.id())))
                .isEqualTo(302);
        return jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = ?").params(org.id(), name)
                .query(UUID.class).single();
    }

    private String partnerName(UUID id) {
        return jdbc.sql("SELECT name FROM net_partner WHERE id = ?").param(id).query(String.class).single();
    }

    private UUID consent(UUID partner, String purpose, String... kinds) throws Exception {
        LocalDate today = LocalDate.now(clock);
        MockHttpServletRequestBuilder request = post("/cases/{id}/consents", client.id())
                .param("partnerId", partner.toString()).param("purpose", purpose).param("kinds", kinds)
                .param("validFrom", today.toString()).param("validUntil", today.plusMonths(6).toString())
                .param("informedHow", "FORM_READ_TOGETHER");
        assertThat(web.status(request, a)).isEqualTo(302);
        return jdbc.sql("SELECT id FROM con_consent WHERE client_id = ? AND partner_id = ?")
                .params(client.id(), partner).query(UUID.class).single();
    }

    private long shareRows() {
        return jdbc.sql("SELECT COUNT(*) FROM dis_share WHERE client_id = ?").param(client.id()).query(Long.class)
                .single();
    }
}
