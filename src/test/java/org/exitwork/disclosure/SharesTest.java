package org.exitwork.disclosure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientRecordPart;
import org.exitwork.cases.ClientRecordSection;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.consent.DataKind;
import org.exitwork.disclosure.internal.DisclosureLog;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Shares with social services under consent (R9), through the web: every way to break the rule is
 * refused with its reason, audited, and stores nothing else; a granted share records exactly what the
 * link serves, under the pseudonym only, with the redisclosure notice; links expire, are withdrawn,
 * die with the consent and the client; erasure leaves nothing.
 */
@DatabaseTest
@AutoConfigureMockMvc
class SharesTest {

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern LINK = Pattern.compile("data-testid=\"share-link\">[^<]*/shared/([A-Za-z0-9_-]{43})<");
    static final String NOTICE_EN = "This information is disclosed under the client's consent for the purpose stated. "
            + "You may not pass it on to anyone else, and you may not use it to investigate or prosecute the client.";
    static final String NOTICE_DE_PART = "nicht dazu verwenden, gegen die Klientin oder den Klienten zu ermitteln";

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

    @Autowired
    DisclosureLog disclosures;

    @Autowired
    List<ClientRecordPart> recordParts;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal colleague;
    RegisteredClient client;
    String fullName;
    String m;
    UUID housing;
    UUID youth;
    UUID police;

    @BeforeEach
    void setUp() throws Exception {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        m = Fixtures.unique("sharemarker").replace("-", "");
        fullName = "Namemarker" + m + " Person";
        client = fixtures.client(a, b, fullName);
        housing = partner(org.id(), "HOUSING");
        youth = partner(org.id(), "YOUTH_AND_FAMILY");
        police = partner(org.id(), "POLICE");
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private UUID partner(UUID orgId, String kind) throws Exception {
        String name = "Partner " + kind + " " + UUID.randomUUID().toString().substring(0, 8);
        assertThat(web.status(post("/network/partners").param("name", name).param("kind", kind)
                .param("mandate", "A mandate").param("agreement", "INFORMAL"), fixtures.manager(orgId)))
                .isEqualTo(302);
        return jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = ?").params(orgId, name)
                .query(UUID.class).single();
    }

    private String partnerName(UUID id) {
        return jdbc.sql("SELECT name FROM net_partner WHERE id = ?").param(id).query(String.class).single();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private UUID consent(UUID partner, LocalDate from, LocalDate until, String... kinds) throws Exception {
        Set<UUID> before = new HashSet<>(consentIds());
        assertThat(web.status(post("/cases/{id}/consents", client.id()).param("partnerId", partner.toString())
                .param("purpose", "Purpose " + m + " for " + partnerName(partner)).param("kinds", kinds)
                .param("validFrom", from.toString()).param("validUntil", until.toString())
                .param("informedHow", "FORM_READ_TOGETHER"), a)).as("consent recorded").isEqualTo(302);
        return consentIds().stream().filter(id -> !before.contains(id)).findFirst().orElseThrow();
    }

    private UUID consent(UUID partner, String... kinds) throws Exception {
        return consent(partner, today(), today().plusMonths(6), kinds);
    }

    private List<UUID> consentIds() {
        return jdbc.sql("SELECT id FROM con_consent WHERE client_id = ?").param(client.id()).query(UUID.class).list();
    }

    private void revoke(UUID consent) throws Exception {
        assertThat(web.status(post("/cases/{id}/consents/{c}/revoke", client.id(), consent)
                .param("revokedOn", today().toString()), a)).isEqualTo(302);
    }

    private MockHttpServletRequestBuilder share(UUID partner, UUID consent, Map<DataKind, String> texts, String form,
            String language) {
        MockHttpServletRequestBuilder request = post("/cases/{id}/shares", client.id())
                .param("partnerId", partner.toString()).param("consentId", consent.toString())
                .param("form", form).param("language", language);
        texts.forEach((kind, text) -> request.param("kinds", kind.name())
                .param("texts[" + kind.ordinal() + "]", text));
        return request;
    }

    /** Shares and returns the link's token. */
    private String granted(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = web.perform(request, a);
        assertThat(response.getStatus()).as("share granted").isEqualTo(200);
        Matcher link = LINK.matcher(response.getContentAsString());
        assertThat(link.find()).as("the link is shown").isTrue();
        return link.group(1);
    }

    private static String sameBut(String page, String token) {
        return page.replace(token, "TOKEN");
    }

    /** What the partner does: opens the link (a page with a button, or 404 for a token of no such shape), downloads. */
    private MockHttpServletResponse fetch(String token) throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/shared/{token}", token)).andReturn().getResponse();
        assertThat(page.getStatus()).as("the link's page").isEqualTo(WELL_FORMED.matcher(token).matches() ? 200 : 404);
        return mvc.perform(post("/shared/{token}", token)).andReturn().getResponse();
    }

    private long shareRows() {
        return jdbc.sql("SELECT COUNT(*) FROM dis_share WHERE client_id = ?").param(client.id()).query(Long.class)
                .single();
    }

    private long disclosureRows() {
        return jdbc.sql("SELECT COUNT(*) FROM dis_disclosure WHERE client_id = ?").param(client.id())
                .query(Long.class).single();
    }

    private long audited(String action) {
        return audit.about(org.id(), client.pseudonym()).stream().filter(e -> e.action().equals(action)).count();
    }

    /** Tries a share that must be refused: the status, the reason shown, one refusal audited, nothing stored. */
    private void refused(MockHttpServletRequestBuilder request, String reason) throws Exception {
        long before = audited("DISCLOSURE_REFUSED");
        MockHttpServletResponse response = web.perform(request, a);
        assertThat(response.getStatus()).as("refused").isEqualTo(409);
        assertThat(response.getContentAsString()).contains("data-testid=\"share-refused\"").contains(reason)
                .doesNotContain("/shared/");
        assertThat(shareRows()).as("no share stored").isZero();
        assertThat(disclosureRows()).as("no disclosure stored").isZero();
        assertThat(audited("DISCLOSURE_REFUSED")).as("the refusal is audited").isEqualTo(before + 1);
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    private static Map<DataKind, String> texts(DataKind kind, String text) {
        return Map.of(kind, text);
    }

    // ---------------------------------------------------------------------------------------------
    // Granted

    @Test
    void aGrantedShareRecordsExactlyWhatTheLinkServesUnderThePseudonym() throws Exception {
        UUID consent = consent(housing, "HOUSING", "CURRENT_NEEDS");
        String form = web.page("/cases/" + client.id() + "/shares/new", a);
        assertThat(form).contains(housing.toString(), youth.toString(), consent.toString())
                .doesNotContain(police.toString(), partnerName(police));

        String token = granted(share(housing, consent, Map.of(DataKind.HOUSING, "Needs a flat " + m + "-text",
                DataKind.CURRENT_NEEDS, "Debt advice " + m + "-text"), "JSON", "en"));
        assertThat(shareRows()).isEqualTo(1);
        assertThat(disclosureRows()).isEqualTo(1);
        List<DisclosureLog.Disclosure> recorded = disclosures.about(org.id(), client.id());
        String content = disclosures.content(org.id(), client.id(), recorded.get(0).id());
        assertThat(recorded.get(0).what()).containsExactlyInAnyOrder("HOUSING", "CURRENT_NEEDS");

        MockHttpServletResponse served = fetch(token);
        assertThat(served.getStatus()).isEqualTo(200);
        assertThat(served.getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(served.getHeader("Cache-Control")).contains("no-store");
        String json = served.getContentAsString(StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(content).contains(client.pseudonym(), partnerName(housing), NOTICE_EN,
                "\"kind\" : \"HOUSING\"", "Needs a flat " + m + "-text", "\"format\" : \"exitwork-share/1\"",
                "Purpose " + m).doesNotContain("Namemarker", "alias of", "contact of");
        assertThat(audited("SHARE_LINK_FETCHED")).isEqualTo(1);
        assertThat(audited("DISCLOSURE_GRANTED")).isEqualTo(1);

        // The tandem's own download is the same content.
        MockHttpServletResponse own = web.perform(get("/cases/{id}/shares/{s}/document", client.id(),
                jdbc.sql("SELECT id FROM dis_share WHERE client_id = ?").param(client.id()).query(UUID.class).single()),
                a);
        assertThat(own.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(content);
        assertThat(audited("SHARE_DOCUMENT_DOWNLOADED")).isEqualTo(1);

        // A PDF in German: pseudonym, texts, the German notice; never the name.
        String pdfToken = granted(share(housing, consent, texts(DataKind.HOUSING, "Wohnung " + m + "-pdf"), "PDF", "de"));
        MockHttpServletResponse pdf = fetch(pdfToken);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        String text = pdfText(pdf.getContentAsByteArray());
        assertThat(text).contains(client.pseudonym(), partnerName(housing), "Wohnung " + m + "-pdf", NOTICE_DE_PART,
                "Wohnsituation").doesNotContain("Namemarker");
        assertThat(disclosureRows()).isEqualTo(2);

        // An English PDF carries the English notice.
        String enToken = granted(share(housing, consent, texts(DataKind.HOUSING, "Flat " + m + "-en"), "PDF", "en"));
        assertThat(pdfText(fetch(enToken).getContentAsByteArray())).contains(NOTICE_EN).doesNotContain("Namemarker");

        // The page lists them; nothing written through the web rests in plaintext.
        String page = web.page("/cases/" + client.id() + "/shares", a);
        assertThat(page).contains(partnerName(housing), "data-state=\"ACTIVE\"")
                .as("each row's buttons say which share they act on")
                .contains("aria-label=\"Withdraw the link – " + partnerName(housing) + ", ");
        assertThat(DatabaseScan.find(dataSource, List.of(m, token, pdfToken))).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // Every way to break R9

    /**
     * The link handed to the partner names the public address ({@code exitwork.public-address}, here the default
     * {@code http://localhost:8080}), never the request's Host: behind the TLS proxy the request says http, and a
     * forged Host would send the partner, and the token, to someone else's site.
     */
    @Test
    void theLinkNamesThePublicAddressWhateverHostTheRequestNames() throws Exception {
        UUID consent = consent(housing, "HOUSING");
        MockHttpServletResponse response = web.perform(share(housing, consent, Map.of(DataKind.HOUSING, "Needs a flat"),
                "PDF", "en").header("Host", "evil.example"), a);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).containsPattern(
                "data-testid=\"share-link\">http://localhost:8080/shared/[A-Za-z0-9_-]{43}<").doesNotContain("evil.example");
    }

    @Test
    void noConsentAtAll() throws Exception {
        refused(share(youth, UUID.randomUUID(), texts(DataKind.ATTENDANCE, "Came " + m), "PDF", "en"),
                "no valid consent of the client for this partner and purpose");
    }

    @Test
    void aConsentForAnotherPartner() throws Exception {
        UUID forHousing = consent(housing, "ATTENDANCE");
        refused(share(youth, forHousing, texts(DataKind.ATTENDANCE, "Came " + m), "PDF", "en"),
                "no valid consent of the client for this partner and purpose");
    }

    @Test
    void thePurposeOfAnotherPartnersConsent() throws Exception {
        consent(youth, "CURRENT_NEEDS");
        UUID forHousing = consent(housing, "ATTENDANCE");
        refused(share(youth, forHousing, texts(DataKind.ATTENDANCE, "Came " + m), "JSON", "en"),
                "no valid consent of the client for this partner and purpose");
    }

    @Test
    void aTextThatNamesTheClientIsRefused() throws Exception {
        UUID consent = consent(housing, "HOUSING", "CONTACT_DETAILS");
        refused(share(housing, consent, texts(DataKind.HOUSING, "PERSON needs a flat"), "PDF", "en"),
                "a text names the client");
        refused(share(housing, consent, texts(DataKind.HOUSING, "Flat for " + fullName.toUpperCase(java.util.Locale.ROOT)),
                "JSON", "en"), "a text names the client");
        // Contact details are what the client consented to share under that kind, and only there.
        MockHttpServletResponse allowed = web.perform(share(housing, consent, Map.of(DataKind.HOUSING, "Needs a flat " + m,
                DataKind.CONTACT_DETAILS, "Reach " + fullName + " on 0171 2345678"), "JSON", "en"), a);
        assertThat(allowed.getStatus()).as(allowed.getContentAsString().replaceAll("(?s).*share-refused\"[^>]*>(.{0,300}).*", "$1"))
                .isEqualTo(200);
    }

    @Test
    void kindsTheConsentDoesNotCover() throws Exception {
        UUID consent = consent(housing, "HOUSING", "CURRENT_NEEDS");
        // Names the partner, what the consent covers, what it does not, and what to change.
        refused(share(housing, consent, Map.of(DataKind.HOUSING, "Flat " + m, DataKind.CONTACT_DETAILS, "Phone " + m,
                DataKind.PROGRESS, "Steady " + m), "PDF", "en"), "Refused: the consent to share with " + partnerName(housing)
                + " covers current needs and the housing situation; it does not cover contact details and progress. "
                + "Record a new consent that covers contact details and progress, or leave contact details and progress "
                + "out of this share.");
        MockHttpServletResponse german = web.perform(share(housing, consent, Map.of(DataKind.HOUSING, "Flat " + m,
                DataKind.CONTACT_DETAILS, "Phone " + m), "PDF", "en").cookie(new jakarta.servlet.http.Cookie(
                        "exitwork-lang", "de")), a);
        assertThat(german.getStatus()).isEqualTo(409);
        assertThat(german.getContentAsString()).contains("Abgelehnt: Die Einwilligung zur Weitergabe an "
                + partnerName(housing) + " umfasst aktuellen Unterstützungsbedarf und Wohnsituation; sie umfasst nicht: "
                + "Kontaktdaten. Erfassen Sie eine neue Einwilligung, die Kontaktdaten umfasst, oder lassen Sie "
                + "Kontaktdaten bei dieser Weitergabe weg.");
    }

    @Test
    void anExpiredConsent() throws Exception {
        UUID consent = consent(housing, today().minusMonths(2), today().minusDays(1), "HOUSING");
        refused(share(housing, consent, texts(DataKind.HOUSING, "Flat " + m), "PDF", "en"),
                "it was revoked, has expired or is not valid yet");
    }

    @Test
    void aConsentNotYetValid() throws Exception {
        UUID consent = consent(housing, today().plusDays(3), today().plusMonths(2), "HOUSING");
        refused(share(housing, consent, texts(DataKind.HOUSING, "Flat " + m), "PDF", "en"),
                "it was revoked, has expired or is not valid yet");
    }

    @Test
    void aConsentRevokedBeforeTheShare() throws Exception {
        UUID revoked = consent(housing, "HOUSING");
        consent(housing, "ATTENDANCE");
        revoke(revoked);
        refused(share(housing, revoked, texts(DataKind.HOUSING, "Flat " + m), "PDF", "en"),
                "the consent was revoked, has expired or is not valid yet");
    }

    @Test
    void aConsentRevokedBetweenShareAndFetchKillsTheLink() throws Exception {
        UUID consent = consent(housing, "HOUSING");
        String token = granted(share(housing, consent, texts(DataKind.HOUSING, "Flat " + m), "JSON", "en"));
        assertThat(fetch(token).getStatus()).isEqualTo(200);
        revoke(consent);
        MockHttpServletResponse dead = fetch(token);
        assertThat(dead.getStatus()).isEqualTo(404);
        assertThat(dead.getContentAsString()).isEqualTo("This link is not valid.").doesNotContain(m);
        assertThat(web.page("/cases/" + client.id() + "/shares", a)).contains("data-state=\"CONSENT_ENDED\"");
        assertThat(audited("SHARE_LINK_REFUSED")).isEqualTo(1);
    }

    @Test
    void aSecurityPartnerPostedByHand() throws Exception {
        UUID consent = consent(housing, "HOUSING");
        assertThat(web.page("/cases/" + client.id() + "/shares/new", a)).doesNotContain(police.toString());
        refused(share(police, consent, texts(DataKind.HOUSING, "Flat " + m + "-refused"), "PDF", "en"),
                "Refused: security partners (police, intelligence services, judiciary, prosecution) receive nothing "
                        + "but a danger alert");
        assertThat(audit.about(org.id(), client.pseudonym())).extracting(AuditEntry::detail)
                .anyMatch(d -> d != null && d.contains("ONE_WAY_STREET") && d.contains(police.toString()));
        assertThat(DatabaseScan.find(dataSource, List.of(m + "-refused"))).isEmpty();
    }

    @Test
    void anotherOrganisationsPartner() throws Exception {
        UUID consent = consent(housing, "HOUSING");
        UUID foreign = partner(fixtures.organisation().id(), "HOUSING");
        refused(share(foreign, consent, texts(DataKind.HOUSING, "Flat " + m), "PDF", "en"),
                "this partner is not in your organisation");
    }

    @Test
    void anInactivePartner() throws Exception {
        UUID employment = partner(org.id(), "EMPLOYMENT");
        UUID consent = consent(employment, "EDUCATION_AND_WORK");
        assertThat(web.status(post("/network/partners/{id}/active", employment).param("active", "false"),
                fixtures.manager(org.id()))).isEqualTo(302);
        refused(share(employment, consent, texts(DataKind.EDUCATION_AND_WORK, "Job " + m), "PDF", "en"),
                "this partner is no longer active");
    }

    @Test
    void malformedInputIs400AndStoresNothing() throws Exception {
        UUID consent = consent(housing, "HOUSING");
        List<MockHttpServletRequestBuilder> bad = List.of(
                post("/cases/{id}/shares", client.id()).param("partnerId", "not-a-uuid")
                        .param("consentId", consent.toString()).param("kinds", "HOUSING").param("texts[5]", "x")
                        .param("form", "PDF").param("language", "en"),
                share(housing, consent, texts(DataKind.HOUSING, "Flat " + m), "PDF", "en").param("kinds", "NOPE"),
                share(housing, consent, texts(DataKind.HOUSING, "   "), "PDF", "en"),
                share(housing, consent, texts(DataKind.HOUSING, "x".repeat(4001)), "PDF", "en"),
                share(housing, consent, texts(DataKind.HOUSING, "Flat " + m), "ZIP", "en"),
                share(housing, consent, texts(DataKind.HOUSING, "Flat " + m), "PDF", "fr"),
                share(housing, consent, texts(DataKind.HOUSING, "Flat " + m), "PDF", "en").param("texts[999]", "x"),
                post("/cases/{id}/shares", client.id()).param("partnerId", housing.toString())
                        .param("consentId", consent.toString()).param("form", "PDF").param("language", "en"));
        for (MockHttpServletRequestBuilder request : bad) {
            assertThat(web.status(request, a)).isEqualTo(400);
        }
        assertThat(shareRows()).isZero();
        assertThat(disclosureRows()).isZero();
    }

    // ---------------------------------------------------------------------------------------------
    // Links, access, erasure, the client's report

    /**
     * Mail scanners and chat previews open links by themselves: opening the link shows a page with a button
     * and takes nothing. The page is the same for a live link, a withdrawn one and one that never was; it
     * records, counts and hands out nothing. Only the download (a POST) does.
     */
    @Test
    void openingTheLinkShowsOnlyAButtonAndTakesNothing() throws Exception {
        UUID consent = consent(housing, "HOUSING");
        String token = granted(share(housing, consent, texts(DataKind.HOUSING, "Flat " + m), "JSON", "en"));
        String withdrawn = granted(share(housing, consent, texts(DataKind.HOUSING, "Flat 2 " + m), "JSON", "en"));
        UUID shareId = jdbc.sql("SELECT id FROM dis_share WHERE token_hash = ?").param(sha256(token))
                .query(UUID.class).single();
        UUID withdrawnId = jdbc.sql("SELECT id FROM dis_share WHERE token_hash = ?").param(sha256(withdrawn))
                .query(UUID.class).single();
        assertThat(web.status(post("/cases/{id}/shares/{s}/withdraw", client.id(), withdrawnId), a)).isEqualTo(302);
        long auditedBefore = audit.about(org.id(), client.pseudonym()).size();

        String unknown = "C".repeat(43);
        for (String t : List.of(token, withdrawn, unknown)) {
            for (int i = 0; i < 3; i++) {
                MockHttpServletResponse page = mvc.perform(get("/shared/{t}", t)).andReturn().getResponse();
                assertThat(page.getStatus()).isEqualTo(200);
                assertThat(page.getContentType()).startsWith("text/html");
                assertThat(page.getHeader("Content-Disposition")).isNull();
                assertThat(page.getContentAsString()).contains("data-testid=\"share-download-form\"",
                        "action=\"/shared/" + t + "\"").doesNotContain("Flat " + m, client.pseudonym(), "Housing ");
                // The same page but for the token.
                assertThat(page.getHeader("Set-Cookie")).isNull();
                assertThat(sameBut(page.getContentAsString(), t)).isEqualTo(sameBut(
                        mvc.perform(get("/shared/{t}", unknown)).andReturn().getResponse().getContentAsString(), unknown));
            }
            assertThat(mvc.perform(head("/shared/{t}", t)).andReturn().getResponse().getStatus()).isEqualTo(200);
        }
        assertThat(mvc.perform(get("/shared/{t}", "short")).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(audit.about(org.id(), client.pseudonym())).hasSize((int) auditedBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_link_use WHERE link_id IN (?, ?)").params(shareId, withdrawnId)
                .query(Long.class).single()).isZero();

        MockHttpServletResponse served = mvc.perform(post("/shared/{t}", token)).andReturn().getResponse();
        assertThat(served.getStatus()).isEqualTo(200);
        assertThat(served.getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(served.getContentAsString()).contains("Flat " + m);
        assertThat(audited("SHARE_LINK_FETCHED")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT uses FROM dis_link_use WHERE link_id = ?").param(shareId).query(Integer.class)
                .single()).isEqualTo(1);
    }

    /**
     * The partner opens the link on a phone, turns to something else and taps the button later: the download
     * comes all the same. The page keeps nothing of the visitor (no session, no form token) that could have
     * run out in the meantime; the link itself is the credential, checked at the download.
     */
    @Test
    void theButtonDownloadsLongAfterThePageWasOpened() throws Exception {
        UUID consent = consent(housing, "HOUSING");
        String token = granted(share(housing, consent, texts(DataKind.HOUSING, "Flat " + m), "JSON", "en"));
        MockHttpServletResponse page = mvc.perform(get("/shared/{t}", token)).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getHeader("Set-Cookie")).as("no session for a visitor of the page").isNull();
        assertThat(page.getContentAsString()).doesNotContain("_csrf");

        clock.advance(Duration.ofMinutes(45));
        // What the browser sends when the button is tapped: the form as the page has it, nothing else.
        MockHttpServletResponse served = mvc.perform(post("/shared/{t}", token)).andReturn().getResponse();
        assertThat(served.getStatus()).isEqualTo(200);
        assertThat(served.getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(served.getContentAsString()).contains("Flat " + m);
        assertThat(audited("SHARE_LINK_FETCHED")).isEqualTo(1);
    }

    @Test
    void linksExpireAndCanBeWithdrawn() throws Exception {
        UUID consent = consent(housing, "HOUSING");
        String token = granted(share(housing, consent, texts(DataKind.HOUSING, "Flat " + m), "JSON", "en"));
        String other = granted(share(housing, consent, texts(DataKind.HOUSING, "Flat 2 " + m), "JSON", "en"));
        UUID otherId = jdbc.sql("SELECT id FROM dis_share WHERE token_hash = ?").param(sha256(other))
                .query(UUID.class).single();

        assertThat(web.status(post("/cases/{id}/shares/{s}/withdraw", client.id(), otherId), a)).isEqualTo(302);
        assertThat(fetch(other).getStatus()).isEqualTo(404);
        assertThat(fetch(token).getStatus()).isEqualTo(200);

        clock.advance(Duration.ofDays(7).minusMinutes(1));
        assertThat(fetch(token).getStatus()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        MockHttpServletResponse expired = fetch(token);
        assertThat(expired.getStatus()).isEqualTo(404);
        MockHttpServletResponse unknown = fetch("A".repeat(43));
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(unknown.getContentAsString()).isEqualTo(expired.getContentAsString());
        assertThat(fetch("short").getStatus()).isEqualTo(404);
        String page = web.page("/cases/" + client.id() + "/shares", a);
        assertThat(page).contains("data-state=\"EXPIRED\"", "data-state=\"WITHDRAWN\"");
    }

    @Test
    void onlyTheTandemSharesAndReadersWhoBrokeTheGlassOnlyRead() throws Exception {
        UUID consent = consent(housing, "HOUSING");
        granted(share(housing, consent, texts(DataKind.HOUSING, "Flat " + m), "JSON", "en"));
        assertThat(web.status(get("/cases/{id}/shares", client.id()), colleague)).isEqualTo(403);
        assertThat(web.status(post("/cases/{id}/break-glass", client.id()).param("reason", "EMERGENCY")
                .param("explanation", "The tandem cannot be reached tonight"), colleague)).isEqualTo(302);
        String page = web.page("/cases/" + client.id() + "/shares", colleague);
        assertThat(page).contains(partnerName(housing)).doesNotContain("data-testid=\"new-share\"", "/withdraw");
        assertThat(web.status(get("/cases/{id}/shares/new", client.id()), colleague)).isEqualTo(403);
        assertThat(web.status(share(housing, consent, texts(DataKind.HOUSING, "Flat " + m), "JSON", "en"), colleague))
                .isEqualTo(403);
        assertThat(shareRows()).isEqualTo(1);
    }

    @Test
    void theClientsReportListsTheShares() throws Exception {
        UUID consent = consent(housing, "HOUSING");
        granted(share(housing, consent, texts(DataKind.HOUSING, "Flat " + m), "PDF", "en"));
        CaseReference ref = new CaseReference(client.id(), org.id(), client.pseudonym(), List.of(a.id(), b.id()));
        List<ClientRecordSection> sections = recordParts.stream()
                .flatMap(p -> p.sections(ref, Locale.GERMAN).stream()).filter(s -> s.key().equals("shares")).toList();
        assertThat(sections).hasSize(1);
        assertThat(sections.get(0).items()).hasSize(1);
        assertThat(sections.get(0).items().get(0).label()).isEqualTo(today().toString());
        assertThat(sections.get(0).items().get(0).value()).contains(partnerName(housing), "Purpose " + m,
                "Wohnsituation").doesNotContain("Flat " + m);
    }

    @Test
    void erasureThroughTheWebLeavesNoRowAndNoMarker() throws Exception {
        UUID consent = consent(housing, "HOUSING");
        String token = granted(share(housing, consent, texts(DataKind.HOUSING, "Flat " + m), "PDF", "en"));
        assertThat(fetch(token).getStatus()).isEqualTo(200);
        UUID shareId = jdbc.sql("SELECT id FROM dis_share WHERE client_id = ?").param(client.id()).query(UUID.class)
                .single();
        assertThat(web.status(post("/cases/{id}/ending/clients-choice", client.id())
                .param("endedOn", today().toString()).param("eraseNow", "true"), a)).isEqualTo(302);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_link_use WHERE link_id = ?").param(shareId).query(Long.class)
                .single()).as("the link's count of today goes with it").isZero();
        assertThat(shareRows()).isZero();
        assertThat(disclosureRows()).isZero();
        assertThat(DatabaseScan.find(dataSource, List.of(m))).isEmpty();
        assertThat(fetch(token).getStatus()).isEqualTo(404);
    }

    private static byte[] sha256(String token) throws Exception {
        return java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Every use of a link is audited and the audit log keeps everything, so a link holder could fill it: a link
     * is used at most 50 times a day. The 51st use is refused (429 for an open link; a closed link's answer stays
     * the one every closed or unknown link gets) and audited once; later ones that day are neither served nor
     * recorded. The next day the link works again.
     */
    @Test
    void aLinkIsUsedAtMostFiftyTimesADayAndCannotFillTheAuditLog() throws Exception {
        UUID consent = consent(housing, "HOUSING");
        String token = granted(share(housing, consent, Map.of(DataKind.HOUSING, "Needs a flat"), "JSON", "en"));
        for (int i = 0; i < 50; i++) {
            assertThat(fetch(token).getStatus()).as("use " + (i + 1)).isEqualTo(200);
        }
        assertThat(audited("SHARE_LINK_FETCHED")).isEqualTo(50);
        MockHttpServletResponse over = fetch(token);
        assertThat(over.getStatus()).isEqualTo(429);
        assertThat(over.getContentAsString()).doesNotContain("Needs a flat");
        assertThat(audited("LINK_USES_USED_UP")).isEqualTo(1);
        long entries = audit.about(org.id(), client.pseudonym()).size();
        for (int i = 0; i < 5; i++) {
            assertThat(fetch(token).getStatus()).isEqualTo(429);
        }
        assertThat(audit.about(org.id(), client.pseudonym())).as("nothing more recorded today").hasSize((int) entries);
        assertThat(audited("SHARE_LINK_FETCHED")).isEqualTo(50);

        clock.advance(Duration.ofDays(1));
        assertThat(fetch(token).getStatus()).as("the next day").isEqualTo(200);
        assertThat(audited("SHARE_LINK_FETCHED")).isEqualTo(51);
        UUID shareId = jdbc.sql("SELECT id FROM dis_share WHERE client_id = ?").param(client.id()).query(UUID.class)
                .single();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_link_use WHERE link_id = ?").param(shareId).query(Long.class)
                .single()).as("only today's count is kept").isEqualTo(1L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_link_use WHERE used_on < ?").param(LocalDate.now(clock))
                .query(Long.class).single()).as("nor any other link's of an earlier day").isZero();

        // A closed link (withdrawn): its refusals are audited up to the budget, its answer never changes.
        assertThat(web.status(post("/cases/{id}/shares/{s}/withdraw", client.id(), shareId), a)).isEqualTo(302);
        MockHttpServletResponse unknown = fetch("A".repeat(43));
        for (int i = 0; i < 52; i++) {
            MockHttpServletResponse closed = fetch(token);
            assertThat(closed.getStatus()).as("closed, use " + (i + 2)).isEqualTo(unknown.getStatus());
            assertThat(closed.getContentAsString()).isEqualTo(unknown.getContentAsString());
        }
        assertThat(audited("SHARE_LINK_REFUSED")).isEqualTo(49);
        assertThat(audited("LINK_USES_USED_UP")).isEqualTo(2);
    }

}
