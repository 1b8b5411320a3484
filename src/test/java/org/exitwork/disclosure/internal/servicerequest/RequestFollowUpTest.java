package org.exitwork.disclosure.internal.servicerequest;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Following service requests up (R11): the case page and the start page show open requests and their
 * age and mark an answer overdue once the partner's agreed time has passed; the reminder job reminds the
 * tandem once, then after as long again the managers once, whose overview names the partner but never
 * the client; the aftercare plan of a completed case lists its requests with their follow-up dates; the
 * managers' quality page counts per partner.
 */
@DatabaseTest
@AutoConfigureMockMvc
class RequestFollowUpTest {

    private static final Pattern LINK = Pattern.compile("/service-request/([A-Za-z0-9_-]{43})<");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    MutableClock clock;

    @Autowired
    RequestReminders reminders;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal manager;
    RegisteredClient client;
    UUID housing;
    UUID consent;

    @BeforeEach
    void setUp() throws Exception {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.manager(org.id());
        client = fixtures.client(a, b, "Followup" + UUID.randomUUID().toString().substring(0, 8) + " Person");
        String name = "Housing office " + UUID.randomUUID().toString().substring(0, 8);
        assertThat(web.status(post("/network/partners").param("name", name).param("kind", "HOUSING")
                .param("mandate", "Flats").param("agreement", "INFORMAL"), manager)).isEqualTo(302);
        housing = jdbc.sql("SELECT id FROM net_partner WHERE name = ?").param(name).query(UUID.class).single();
        assertThat(web.status(post("/network/partners/{id}/services", housing).param("needs", "HOUSING")
                .param("howToReach", "Desk").param("responseDays", "5"), manager)).isEqualTo(302);
        assertThat(web.status(post("/cases/{id}/consents", client.id()).param("partnerId", housing.toString())
                .param("purpose", "A flat").param("kinds", "SERVICE_REQUEST", "CURRENT_NEEDS")
                .param("validFrom", today().toString()).param("validUntil", today().plusMonths(6).toString())
                .param("informedHow", "FORM_READ_TOGETHER"), a)).isEqualTo(302);
        consent = jdbc.sql("SELECT id FROM con_consent WHERE client_id = ?").param(client.id()).query(UUID.class)
                .single();
    }

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private String request(String text) throws Exception {
        String page = web.perform(post("/cases/{id}/service-requests", client.id()).param("partnerId",
                housing.toString()).param("consentId", consent.toString()).param("need", "HOUSING")
                .param("texts[1]", text).param("language", "en"), a).getContentAsString();
        Matcher token = LINK.matcher(page);
        assertThat(token.find()).as("request sent").isTrue();
        return token.group(1);
    }

    private void answer(String token, String status, int version) throws Exception {
        assertThat(mvc.perform(post("/service-request/{t}", token).with(csrf()).param("status", status)
                .param("version", Integer.toString(version)).param("name", "Ms Partner")).andReturn().getResponse()
                .getStatus()).isEqualTo(302);
    }

    private List<String> overdueDetails() {
        return audit.about(org.id(), client.pseudonym()).stream().filter(e -> e.action().equals("SERVICE_REQUEST_OVERDUE"))
                .map(AuditEntry::detail).toList();
    }

    @Test
    void anUnansweredRequestIsMarkedAndRemindedToTheTandemThenToTheManagersOnce() throws Exception {
        request("A flat for the spring");
        String start = web.page("/start", a);
        assertThat(start).contains("data-testid=\"start-service-requests\"", client.pseudonym(), "data-overdue=\"false\"",
                "sent today");
        assertThat(web.page("/cases/" + client.id(), a)).contains("data-testid=\"open-service-request\"",
                "data-overdue=\"false\"");

        clock.advance(Duration.ofDays(5).minusMinutes(1));
        reminders.run();
        assertThat(overdueDetails()).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        assertThat(web.page("/start", a)).contains("data-overdue=\"true\"", "No answer in the agreed time",
                "sent 5 days ago");
        assertThat(web.page("/cases/" + client.id(), a)).contains("data-overdue=\"true\"");
        reminders.run();
        reminders.run();
        assertThat(overdueDetails()).hasSize(1).first().asString().startsWith("@servicerequest.overdue-tandem|");
        assertThat(web.page("/manage/overview", manager)).doesNotContain("data-testid=\"unanswered-requests\"");

        clock.advance(Duration.ofDays(5));
        reminders.run();
        reminders.run();
        assertThat(overdueDetails()).hasSize(2).last().asString().startsWith("@servicerequest.overdue-managers|");
        String overview = web.page("/manage/overview", manager);
        assertThat(overview).contains("data-testid=\"unanswered-requests\"", "Housing office", "10 days ago")
                .doesNotContain(client.pseudonym());
    }

    @Test
    void anAnswerInTimeIsNeverReminded() throws Exception {
        String token = request("A flat");
        clock.advance(Duration.ofDays(2));
        answer(token, "RECEIVED", 0);
        clock.advance(Duration.ofDays(20));
        reminders.run();
        assertThat(overdueDetails()).isEmpty();
        assertThat(web.page("/start", a)).contains("Received").doesNotContain("data-overdue=\"true\"");
    }

    @Test
    void theQualityPageCountsPerPartnerForManagersOnly() throws Exception {
        String answered = request("First");
        request("Second");
        clock.advance(Duration.ofDays(1));
        answer(answered, "ACCEPTED", 0);
        clock.advance(Duration.ofDays(5));
        String page = web.page("/service-requests/quality", manager);
        assertThat(page).contains("data-partner=\"" + housing + "\"", "data-testid=\"chart-network-quality\"")
                .doesNotContain(client.pseudonym());
        assertThat(page).containsPattern("data-testid=\"sent\"[^>]*>2<")
                .containsPattern("data-testid=\"median\"[^>]*>1[.,]0<")
                .containsPattern("data-testid=\"in-time\"[^>]*>50[.,]0<")
                .containsPattern("data-testid=\"accepted\"[^>]*>100[.,]0<");
        assertThat(web.status(get("/service-requests/quality"), a)).isEqualTo(403);
    }

    @Test
    void theAftercarePlanListsTheRequestsWithTheirFollowUpDates() throws Exception {
        request("Debt advice after the work");
        UUID id = jdbc.sql("SELECT id FROM dis_service_request WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        LocalDate followUp = LocalDate.now().plusDays(40);
        assertThat(web.status(post("/cases/{id}/service-requests/{r}/follow-up", client.id(), id)
                .param("followUpOn", followUp.toString()), a)).isEqualTo(302);
        assertThat(web.status(post("/cases/{id}/ending/completed", client.id()).param("closedOn",
                LocalDate.now().toString()).param("aftercarePlan", "Meet again in spring"), a)).isEqualTo(302);
        String ending = web.page("/cases/" + client.id() + "/ending", a);
        assertThat(ending).contains("Service requests of the aftercare plan", "data-testid=\"open-service-request\"",
                "Follow up on");
        assertThat(web.page("/start", a)).contains("data-testid=\"start-service-requests\"", "Follow up on");
    }
}
