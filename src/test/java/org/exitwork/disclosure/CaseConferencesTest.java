package org.exitwork.disclosure;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.ClientRecordPart;
import org.exitwork.cases.ClientRecordSection;
import org.exitwork.cases.RegisteredClient;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Case conferences (R10), trying to break them: a partner without a valid consent, a security
 * partner or another organisation's partner posted by hand; minutes that name the client; a consent
 * revoked between planning and sending. Only the tandem writes; erasure leaves nothing.
 */
@DatabaseTest
@AutoConfigureMockMvc
class CaseConferencesTest {

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

    @Autowired
    CaseDirectory cases;

    @Autowired
    List<ClientRecordPart> recordParts;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal colleague;
    StaffPrincipal manager;
    RegisteredClient client;
    String clientName;
    UUID housing;
    UUID youth;
    UUID school;
    UUID police;
    UUID housingConsent;
    UUID youthConsent;
    String m;

    @BeforeEach
    void setUp() throws Exception {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.manager(org.id());
        clientName = "Jürgen Zöllner-" + UUID.randomUUID().toString().substring(0, 6);
        client = fixtures.client(a, b, clientName);
        m = Fixtures.unique("confmarker").replace("-", "");
        housing = DisclosureTestSupport.partner(web, jdbc, manager, "HOUSING", "Hanna Housing", "hanna@housing.example");
        youth = DisclosureTestSupport.partner(web, jdbc, manager, "YOUTH_AND_FAMILY", "Yara Youth", "yara@youth.example");
        school = DisclosureTestSupport.partner(web, jdbc, manager, "SCHOOL", "Sam School", "sam@school.example");
        police = DisclosureTestSupport.partner(web, jdbc, manager, "POLICE", "Paul Police", "paul@police.example");
        housingConsent = DisclosureTestSupport.consent(web, jdbc, a, client.id(), housing, today());
        youthConsent = DisclosureTestSupport.consent(web, jdbc, a, client.id(), youth, today());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private String url(String rest) {
        return "/cases/" + client.id() + "/conferences" + rest;
    }

    /** A plan with the given partners (all posted as chosen). */
    private MockHttpServletRequestBuilder plan(UUID... partners) {
        MockHttpServletRequestBuilder r = post(url("")).param("heldOn", today().plusDays(3).toString())
                .param("purpose", "Housing and school plan " + m).param("clientInvited", "true");
        for (int i = 0; i < partners.length; i++) {
            r.param("invitees[" + i + "].partnerId", partners[i].toString()).param("invitees[" + i + "].chosen", "true")
                    .param("invitees[" + i + "].attendees", "Attendee " + i + " " + m);
        }
        return r;
    }

    private long conferences() {
        return jdbc.sql("SELECT COUNT(*) FROM dis_conference WHERE client_id = ?").param(client.id()).query(Long.class)
                .single();
    }

    private UUID planned() throws Exception {
        assertThat(web.status(plan(housing, youth), a)).isEqualTo(302);
        return jdbc.sql("SELECT id FROM dis_conference WHERE client_id = ?").param(client.id()).query(UUID.class).single();
    }

    private long refusals() {
        return jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = 'DISCLOSURE_REFUSED' AND org_id = ?")
                .param(org.id()).query(Long.class).single();
    }

    @Test
    void theFormOffersOnlyPartnersWithAValidConsentNeverTheSecurityPartner() throws Exception {
        String page = web.page(url("/new"), a);
        assertThat(page).contains(DisclosureTestSupport.partnerName(jdbc, housing))
                .contains(DisclosureTestSupport.partnerName(jdbc, youth))
                .doesNotContain(DisclosureTestSupport.partnerName(jdbc, school))
                .doesNotContain(DisclosureTestSupport.partnerName(jdbc, police));
    }

    @Test
    void aPartnerWithoutConsentIsRefusedAndNothingIsStored() throws Exception {
        long before = refusals();
        MockHttpServletResponse response = web.perform(plan(housing, school), a);
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentAsString()).contains("no consent of the client valid today names case conferences");
        assertThat(conferences()).isZero();
        assertThat(refusals()).isEqualTo(before + 1);
    }

    @Test
    void aConsentToShareDataIsNotAConsentToCaseConferences() throws Exception {
        // The school has a valid consent, but only for attendance: not offered, refused by hand.
        assertThat(web.status(post("/cases/{id}/consents", client.id()).param("partnerId", school.toString())
                .param("purpose", "Attendance only").param("kinds", "ATTENDANCE")
                .param("validFrom", today().toString()).param("validUntil", today().plusMonths(3).toString())
                .param("informedHow", "FORM_READ_TOGETHER"), a)).isEqualTo(302);
        assertThat(web.page(url("/new"), a)).doesNotContain(DisclosureTestSupport.partnerName(jdbc, school));
        MockHttpServletResponse response = web.perform(plan(school), a);
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentAsString()).contains("names case conferences with this partner");
        assertThat(conferences()).isZero();
        // Nor can a share carry "case conferences" as if it were data.
        assertThat(web.page("/cases/" + client.id() + "/shares/new", a)).doesNotContain("value=\"CASE_CONFERENCE\"");
    }

    @Test
    void formErrorsStandNextToTheirFieldsAndKeepWhatWasEntered() throws Exception {
        MockHttpServletResponse none = web.perform(post(url("")).param("heldOn", today().toString())
                .param("purpose", "Kept purpose " + m), a);
        assertThat(none.getStatus()).isEqualTo(400);
        assertThat(none.getContentAsString()).contains("Choose at least one participating partner.")
                .contains("Kept purpose " + m);
        MockHttpServletResponse tooLong = web.perform(plan(housing).param("invitees[0].attendees", "x".repeat(301)), a);
        assertThat(tooLong.getStatus()).isEqualTo(400);
        assertThat(tooLong.getContentAsString()).contains("class=\"error\"").contains("x".repeat(301));
        assertThat(conferences()).isZero();
    }

    @Test
    void aSecurityPartnerPostedByHandIsRefused() throws Exception {
        MockHttpServletResponse response = web.perform(plan(police), a);
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentAsString()).contains("Refused: security partners (police, intelligence services, "
                + "judiciary, prosecution) receive nothing but a danger alert: no consent, no share, no case conference. "
                + "Nothing was stored.");
        assertThat(conferences()).isZero();
    }

    @Test
    void anotherOrganisationsPartnerIsRefused() throws Exception {
        Fixtures.Organisation other = fixtures.organisation();
        UUID foreign = DisclosureTestSupport.partner(web, jdbc, fixtures.manager(other.id()), "HOUSING", "Fay Foreign",
                "fay@foreign.example");
        assertThat(web.status(plan(foreign), a)).isEqualTo(409);
        assertThat(conferences()).isZero();
    }

    @Test
    void onlyTheTandemPlansAndColleaguesWithoutTheGlassReadNothing() throws Exception {
        assertThat(web.status(plan(housing), colleague)).isEqualTo(403);
        assertThat(web.status(plan(housing), manager)).isEqualTo(403);
        assertThat(conferences()).isZero();
        planned();
        assertThat(web.status(get(url("")), colleague)).isEqualTo(403);
        assertThat(web.page(url(""), b)).contains("Housing and school plan " + m);
    }

    @Test
    void minutesThatNameTheClientAreRefused() throws Exception {
        UUID id = planned();
        String first = clientName.split(" ")[0];
        String suffix = clientName.substring(clientName.indexOf('-') + 1);
        for (String named : List.of("We met " + clientName + " today.", "WE MET " + clientName.toUpperCase(Locale.ROOT),
                "Met jurgen zollner-" + suffix + ".", "Met JURGEN   ZOLLNER " + suffix, "Zöllner said little.",
                "J\u00fcr\u00adgen came late.", "ZOLLNER, J.")) {
            MockHttpServletResponse response = web.perform(post(url("/" + id + "/minutes")).param("minutes", named)
                    .param("clientTookPart", "true"), a);
            assertThat(response.getStatus()).as(named).isEqualTo(400);
            assertThat(response.getContentAsString()).contains("Use the pseudonym only");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_conference WHERE id = ? AND minutes IS NOT NULL").param(id)
                .query(Long.class).single()).isZero();
        assertThat(web.status(post(url("/" + id + "/minutes")).param("minutes", client.pseudonym() + " agreed. " + first
                .substring(0, 1) + ". " + m).param("clientTookPart", "true"), a)).isEqualTo(302);
    }

    @Test
    void aPurposeOrAttendeesThatNameTheClientAreRefusedAndNothingIsStored() throws Exception {
        String surname = clientName.split(" ")[1].split("-")[0];
        MockHttpServletResponse response = web.perform(plan(housing).param("purpose", "Housing for " + surname), a);
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentAsString()).contains("Use the pseudonym. Nothing was stored.");
        assertThat(web.status(plan(housing).param("invitees[0].attendees", "Ms Flat and " + clientName), a))
                .isEqualTo(409);
        assertThat(conferences()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = 'CONFERENCE_MINUTES_REFUSED' AND subject = ?")
                .param(client.pseudonym()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void minutesCannotBeChangedOnceSentAndASecondSendSendsNothing() throws Exception {
        UUID id = planned();
        assertThat(web.status(post(url("/" + id + "/minutes")).param("minutes", client.pseudonym() + " did well " + m)
                .param("clientTookPart", "true"), a)).isEqualTo(302);
        assertThat(web.status(post(url("/" + id + "/send")), a)).isEqualTo(302);
        assertThat(web.status(post(url("/" + id + "/send")), b)).isEqualTo(409);
        assertThat(web.status(post(url("/" + id + "/minutes")).param("minutes", "Changed afterwards " + m)
                .param("clientTookPart", "true"), a)).isEqualTo(409);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_disclosure WHERE client_id = ? AND channel = 'CONFERENCE_MINUTES'")
                .param(client.id()).query(Long.class).single()).isEqualTo(2);
        assertThat(web.page(url("/" + id), a)).contains("did well").doesNotContain("Changed afterwards");
    }

    @Test
    void sendingRechecksEveryConsentARevokedOneGetsNothing() throws Exception {
        UUID id = planned();
        assertThat(web.status(post(url("/" + id + "/minutes")).param("minutes", client.pseudonym() + " did well " + m)
                .param("clientTookPart", "true"), a)).isEqualTo(302);
        assertThat(web.status(post("/cases/{id}/consents/{c}/revoke", client.id(), youthConsent)
                .param("revokedOn", today().toString()), a)).isEqualTo(302);

        assertThat(web.status(post(url("/" + id + "/send")), a)).isEqualTo(302);

        List<UUID> recipients = jdbc.sql("SELECT partner_id FROM dis_disclosure WHERE client_id = ? AND channel = "
                + "'CONFERENCE_MINUTES'").param(client.id()).query(UUID.class).list();
        assertThat(recipients).containsExactly(housing);
        assertThat(jdbc.sql("SELECT outcome FROM dis_conference_partner WHERE conference_id = ? AND partner_id = ?")
                .params(id, youth).query(String.class).single()).isEqualTo("REFUSED");
        assertThat(web.status(post(url("/" + id + "/send")), a)).as("sent once").isEqualTo(409);

        String print = web.page(url("/" + id + "/print"), a);
        assertThat(print).contains("You may not pass it on to anyone else")
                .contains("Sie dürfen sie an niemanden weitergeben").contains(client.pseudonym())
                .doesNotContain(clientName).doesNotContain(DisclosureTestSupport.partnerName(jdbc, youth));
        assertThat(web.page(url("/" + id), a)).contains("data-outcome=\"REFUSED\"");
    }

    @Test
    void theClientsReportShowsDatePurposePartnersAndInvitation() throws Exception {
        planned();
        List<ClientRecordSection> sections = recordParts.stream()
                .flatMap(p -> p.sections(cases.find(org.id(), client.id()).orElseThrow(), Locale.ENGLISH).stream())
                .filter(s -> s.key().equals("case-conferences")).toList();
        assertThat(sections).hasSize(1);
        assertThat(sections.get(0).items()).hasSize(1);
        assertThat(sections.get(0).items().get(0).value()).contains("Housing and school plan")
                .contains(DisclosureTestSupport.partnerName(jdbc, housing)).contains("invited: Yes")
                .doesNotContain("Attendee");
    }

    @Test
    void theClientsReportSaysWhichPartnerReceivedTheMinutesAndWhichNothing() throws Exception {
        UUID id = planned();
        assertThat(web.status(post(url("/" + id + "/minutes")).param("minutes", client.pseudonym() + " did well " + m)
                .param("clientTookPart", "true"), a)).isEqualTo(302);
        assertThat(web.status(post("/cases/{id}/consents/{c}/revoke", client.id(), youthConsent)
                .param("revokedOn", today().toString()), a)).isEqualTo(302);
        assertThat(web.status(post(url("/" + id + "/send")), a)).isEqualTo(302);
        String item = recordParts.stream()
                .flatMap(p -> p.sections(cases.find(org.id(), client.id()).orElseThrow(), Locale.ENGLISH).stream())
                .filter(s -> s.key().equals("case-conferences")).flatMap(s -> s.items().stream()).findFirst()
                .orElseThrow().value();
        assertThat(item).contains(DisclosureTestSupport.partnerName(jdbc, housing) + " (received the minutes)")
                .contains(DisclosureTestSupport.partnerName(jdbc, youth)
                        + " (received nothing: your consent was no longer valid)");
    }

    @Test
    void nothingRestsInPlainTextAndErasureLeavesNoRow() throws Exception {
        UUID id = planned();
        assertThat(web.status(post(url("/" + id + "/minutes")).param("minutes", "Minutes " + m)
                .param("clientTookPart", "false"), a)).isEqualTo(302);
        assertThat(web.status(post(url("/" + id + "/send")), a)).isEqualTo(302);
        assertThat(DatabaseScan.find(dataSource, List.of(m))).isEmpty();

        assertThat(web.status(post("/cases/{id}/ending/clients-choice", client.id()).param("endedOn", today().toString())
                .param("eraseNow", "true"), a)).isEqualTo(302);
        for (String table : List.of("dis_conference", "dis_conference_partner", "dis_disclosure")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE client_id = ?").param(client.id())
                    .query(Long.class).single()).as(table).isZero();
        }
        assertThat(DatabaseScan.find(dataSource, List.of(m))).isEmpty();
    }
}
