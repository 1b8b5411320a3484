package org.exitwork.disclosure;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.Tandem;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every document that leaves the organisation, in English and in German, read the way its reader
 * reads it (the PDF's text extracted with PDFBox, the printed pages' text): it names the organisation
 * and how to reach it, writes every date in the language's format (never ISO), and shows no raw code
 * (enum name, unresolved message key or rule number). The client's report begins with a one-page
 * summary naming the data protection contact.
 */
@DatabaseTest
class DocumentsThatLeaveTest {

    /** An enum name such as CURRENT_NEEDS, an unresolved key, a rule number, an ISO date. */
    static final Pattern ENUM_NAME = Pattern.compile("\\b[A-Z]{2,}_[A-Z_]+\\b");
    static final Pattern RULE_NUMBER = Pattern.compile("\\bR\\d{1,2}\\b");
    static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
    static final Pattern GERMAN_DATE = Pattern.compile("\\b\\d{2}\\.\\d{2}\\.\\d{4}\\b");
    static final Pattern ENGLISH_DATE = Pattern.compile("\\b\\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4}\\b");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CaseWork caseWork;

    @Autowired
    MutableClock clock;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal manager;
    String m;
    String orgName;
    String email;
    String dpo;

    @BeforeEach
    void setUp() throws Exception {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.manager(org.id());
        m = UUID.randomUUID().toString().substring(0, 6);
        orgName = "Ausweg Beratung " + m;
        email = "kontakt-" + m + "@ausweg.example";
        dpo = "datenschutz-" + m + "@ausweg.example";
        assertThat(web.status(post("/organisation").param("name", orgName)
                .param("address", "Lindenstraße 12\n10969 Berlin").param("email", email)
                .param("telephone", "+49 30 2345 678").param("dataProtection", dpo).param("version", "0"), manager))
                .as("the organisation says who it is").isEqualTo(302);
    }

    private RegisteredClient client(String language) {
        RegisteredClient client = fixtures.prospect(a);
        fixtures.safetyDiscussion(client.id(), a);
        caseWork.takeOn(a, client.id(), fixtures.consent(org.id(), language),
                new ClientIdentity("Kim Doe", LocalDate.of(1990, 3, 4), "0170 5550000", ""), Tandem.with(b.id()));
        return client;
    }

    private static String format(String language) {
        return language.equals("de") ? "dd.MM.yyyy" : "d MMM yyyy";
    }

    private String today(String language) {
        return DateTimeFormatter.ofPattern(format(language), Locale.forLanguageTag(language)).format(LocalDate.now(clock));
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    private static String firstPage(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            return stripper.getText(document).replaceAll("\\s+", " ");
        }
    }

    private byte[] download(String path, StaffPrincipal who) throws Exception {
        MockHttpServletResponse response = web.perform(get(path), who);
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        assertThat(response.getContentType()).as(path).isEqualTo("application/pdf");
        return response.getContentAsByteArray();
    }

    /** What every document that leaves must hold, and must not. */
    private void leaves(String what, String text, String language) {
        assertThat(text).as(what + ": names the organisation and its contact")
                .contains(orgName, "Lindenstraße 12", "10969 Berlin", email, "+49 30 2345 678");
        assertThat(text).as(what + ": a date in the language's format").contains(today(language));
        assertNone(what, text, ISO_DATE, "an ISO date");
        assertNone(what, text, language.equals("de") ? ENGLISH_DATE : GERMAN_DATE, "a date in the other language's format");
        assertNone(what, text, ENUM_NAME, "a raw code");
        assertNone(what, text, RULE_NUMBER, "a rule number");
        assertThat(text).as(what + ": no unresolved message key").doesNotContain("??");
    }

    private static void assertNone(String what, String text, Pattern pattern, String kind) {
        Matcher found = pattern.matcher(text);
        assertThat(found.find() ? found.group() : null).as(what + ": " + kind + " in «" + text + "»").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void everyDocumentThatLeavesNamesTheOrganisationAndWritesDatesInItsLanguage(String language) throws Exception {
        RegisteredClient client = client(language);
        String cases = "/cases/" + client.id();
        Locale locale = Locale.forLanguageTag(language);

        // The work agreement for the client to keep.
        assertThat(web.status(post(cases + "/agreement").param("objective", "Ein eigenes Leben " + m)
                .param("changes[0].wording", "Neue Freunde").param("nextSteps", "Weiter").param("language", language)
                .param("basedOn", "0"), a)).isEqualTo(302);
        leaves("work agreement", text(download(cases + "/agreement/1/pdf", a)), language);

        // A share with a housing office, consented to, as a PDF.
        UUID housing = DisclosureTestSupport.partner(web, jdbc, manager, "HOUSING", "Hanna Housing",
                "hanna@housing.example");
        assertThat(web.status(post(cases + "/consents").param("partnerId", housing.toString())
                .param("purpose", "Wohnungssuche " + m).param("kinds", "HOUSING", "CASE_CONFERENCE")
                .param("validFrom", LocalDate.now(clock).toString())
                .param("validUntil", LocalDate.now(clock).plusMonths(3).toString())
                .param("informedHow", "FORM_READ_TOGETHER"), a)).isEqualTo(302);
        UUID consent = jdbc.sql("SELECT id FROM con_consent WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        assertThat(web.status(post(cases + "/shares").param("partnerId", housing.toString())
                .param("consentId", consent.toString()).param("form", "PDF").param("language", language)
                .param("kinds", "HOUSING").param("texts[5]", "Sucht eine Wohnung " + m), a)).isEqualTo(200);
        UUID share = jdbc.sql("SELECT id FROM dis_share WHERE client_id = ?").param(client.id()).query(UUID.class)
                .single();
        leaves("share", text(download(cases + "/shares/" + share + "/document", a)), language);

        // A service request to the same housing office, under a consent naming service requests, as a PDF.
        assertThat(web.status(post("/network/partners/{id}/services", housing).param("needs", "HOUSING")
                .param("howToReach", "Desk").param("responseDays", "5"), manager)).isEqualTo(302);
        assertThat(web.status(post(cases + "/consents").param("partnerId", housing.toString())
                .param("purpose", "Hilfe bei der Wohnung " + m).param("kinds", "SERVICE_REQUEST", "CURRENT_NEEDS")
                .param("validFrom", LocalDate.now(clock).toString())
                .param("validUntil", LocalDate.now(clock).plusMonths(3).toString())
                .param("informedHow", "FORM_READ_TOGETHER"), a)).isEqualTo(302);
        UUID requestConsent = jdbc.sql("SELECT consent_id FROM con_consent_kind WHERE client_id = ? "
                + "AND kind = 'SERVICE_REQUEST'").param(client.id()).query(UUID.class).single();
        assertThat(web.status(post(cases + "/service-requests").param("partnerId", housing.toString())
                .param("consentId", requestConsent.toString()).param("need", "HOUSING").param("language", language)
                .param("texts[1]", "Braucht eine Wohnung " + m), a)).isEqualTo(200);
        UUID request = jdbc.sql("SELECT id FROM dis_service_request WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        leaves("service request", text(download(cases + "/service-requests/" + request + "/document", a)), language);

        // A case conference whose minutes are released and handed over printed.
        assertThat(web.status(post(cases + "/conferences").param("heldOn", LocalDate.now(clock).toString())
                .param("purpose", "Wohnung und Schule " + m).param("clientInvited", "true")
                .param("invitees[0].partnerId", housing.toString()).param("invitees[0].chosen", "true")
                .param("invitees[0].attendees", "Frau Flat"), a)).isEqualTo(302);
        UUID conference = jdbc.sql("SELECT id FROM dis_conference WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        assertThat(web.status(post(cases + "/conferences/" + conference + "/minutes")
                .param("minutes", "Alle einig " + m).param("clientTookPart", "true"), a)).isEqualTo(302);
        assertThat(web.status(post(cases + "/conferences/" + conference + "/send"), a)).isEqualTo(302);
        String minutes = pageText(web.perform(get(cases + "/conferences/" + conference + "/print").locale(locale), a));
        leaves("printed conference minutes", minutes, language);

        // A danger alert to a police contact with the date of birth: its text is the mail and the phone record.
        UUID police = DisclosureTestSupport.partner(web, jdbc, manager, "POLICE", "Petra Police", "duty@police.example");
        UUID contact = jdbc.sql("SELECT id FROM net_partner_contact WHERE partner_id = ?").param(police)
                .query(UUID.class).single();
        assertThat(web.status(post(cases + "/danger-alerts").locale(locale).param("partnerId", police.toString())
                .param("contactId", contact.toString()).param("kind", "VIOLENCE_AGAINST_OTHERS")
                .param("danger", "Plant einen Angriff " + m).param("atRisk", "Ein Nachbar").param("howSoon", "Heute")
                .param("cannotWait", "true").param("fields", "DATE_OF_BIRTH"), a)).isEqualTo(302);
        UUID alert = jdbc.sql("SELECT id FROM dis_danger_alert WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        String alertText = pageText(web.perform(get("/danger-alerts/" + alert + "/print").locale(locale), a));
        String birthday = DateTimeFormatter.ofPattern(format(language), locale).format(LocalDate.of(1990, 3, 4));
        assertThat(alertText).as("the date of birth in the language's format").contains(birthday);
        leavesWithoutToday("danger alert", alertText, language);

        // The client's report: everything above, and first a one-page summary.
        byte[] report = download(cases + "/client-report/report", a);
        String all = text(report);
        leaves("client's report", all, language);
        assertThat(all).contains(dpo, "Ein eigenes Leben " + m, "Wohnung und Schule " + m);
        String summary = firstPage(report);
        assertThat(summary).as("the summary names the organisation, its contact and the data protection contact")
                .contains(orgName, email, "10969 Berlin", dpo);
        assertThat(summary).as("since when, what we hold, who received what, the rights").contains(
                language.equals("de") ? "zusammen" : "working together",
                language.equals("de") ? "Was wir über Sie speichern" : "What we hold about you",
                language.equals("de") ? "Wer was über Sie erhalten hat" : "Who received what about you",
                DisclosureTestSupport.partnerName(jdbc, housing),
                language.equals("de") ? "Aufsichtsbehörde" : "data protection supervisory authority");
        assertThat(summary).as("the details begin on the next page")
                .doesNotContain(language.equals("de") ? "Die Einzelheiten" : "The details");
    }

    /** The printed pages' visible text: tags dropped, entities decoded, white space folded. */
    private static String pageText(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).isEqualTo(200);
        String html = response.getContentAsString();
        String body = html.substring(html.indexOf("<main") < 0 ? 0 : html.indexOf("<main"));
        return HtmlUtils.htmlUnescape(body.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", " "))
                .replaceAll("\\s+", " ");
    }

    /** The alert's text carries no date of today (only the date of birth), so it is checked without it. */
    private void leavesWithoutToday(String what, String text, String language) {
        assertThat(text).as(what + ": names the organisation and its contact")
                .contains(orgName, "Lindenstraße 12", "10969 Berlin", email, "+49 30 2345 678");
        assertNone(what, text, ISO_DATE, "an ISO date");
        assertNone(what, text, language.equals("de") ? ENGLISH_DATE : GERMAN_DATE, "a date in the other language's format");
        assertNone(what, text, ENUM_NAME, "a raw code");
        assertNone(what, text, RULE_NUMBER, "a rule number");
        assertThat(text).doesNotContain("??");
    }
}
