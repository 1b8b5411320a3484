package org.exitwork.disclosure;

import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Without a mail server (no {@code spring.mail.host}, as in this test context) an approved danger
 * alert is recorded but no e-mail leaves: the pages say exactly that, and what to do now, instead of
 * "approved and sent"; the alert stays visibly unsent. With a mail server, see {@code DangerAlertsTest}.
 */
@DatabaseTest
class DangerAlertWithoutMailTest {

    static final Cookie GERMAN = new Cookie("exitwork-lang", "de");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MessageSource messages;

    StaffRequests web;
    StaffPrincipal a;
    StaffPrincipal colleague;
    RegisteredClient client;
    UUID police;
    UUID contact;

    @BeforeEach
    void setUp() throws Exception {
        web = new StaffRequests(mvc);
        Fixtures.Organisation org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, Fixtures.unique("Endangered "));
        police = DisclosureTestSupport.partner(web, jdbc, fixtures.manager(org.id()), "POLICE", "Petra Police",
                "duty@police.example");
        contact = jdbc.sql("SELECT id FROM net_partner_contact WHERE partner_id = ?").param(police).query(UUID.class)
                .single();
    }

    private MockHttpServletRequestBuilder raise(boolean cannotWait) {
        return post("/cases/{id}/danger-alerts", client.id()).param("partnerId", police.toString())
                .param("contactId", contact.toString()).param("kind", "VIOLENCE_AGAINST_OTHERS")
                .param("danger", "Plans an attack").param("atRisk", "A neighbour").param("howSoon", "Tonight")
                .param("cannotWait", Boolean.toString(cannotWait));
    }

    private UUID newest() {
        return jdbc.sql("SELECT id FROM dis_danger_alert WHERE client_id = ? ORDER BY raised_at DESC")
                .param(client.id()).query(UUID.class).list().get(0);
    }

    /** One browser: the flash message of a redirect lives in the session until the next page shows it. */
    final MockHttpSession session = new MockHttpSession();

    private MvcResult approve(UUID alert) throws Exception {
        return mvc.perform(post("/danger-alerts/{id}/approve", alert).with(as(colleague)).with(csrf()).session(session))
                .andReturn();
    }

    /** The page the redirect leads to, with the flash message it carries. */
    private String followed(MvcResult result, StaffPrincipal who, Cookie... cookies) throws Exception {
        MockHttpServletRequestBuilder next = get(result.getResponse().getRedirectedUrl()).with(as(who)).session(session);
        if (cookies.length > 0) {
            next.cookie(cookies);
        }
        return mvc.perform(next).andReturn().getResponse().getContentAsString();
    }

    @Test
    void anApprovedAlertWithoutAMailServerSaysItWasNotSentAndWhatToDo() throws Exception {
        assertThat(web.status(raise(false), a)).isEqualTo(302);
        UUID alert = newest();
        MvcResult approved = approve(alert);
        assertThat(approved.getResponse().getStatus()).isEqualTo(302);
        assertThat((java.util.Map<String, Object>) approved.getFlashMap()).doesNotContainKey("notice")
                .containsEntry("undelivered", "dangeralerts.notice.approved.NO_MAIL_SERVER");
        assertThat(jdbc.sql("SELECT status FROM dis_danger_alert WHERE id = ?").param(alert).query(String.class).single())
                .isEqualTo("SENT");
        assertThat(jdbc.sql("SELECT mailed FROM dis_danger_alert WHERE id = ?").param(alert).query(Boolean.class)
                .single()).isFalse();

        // The flash message as the layout shows it after the redirect (MockMvc does not carry flash attributes over).
        assertThat(messages.getMessage("dangeralerts.notice.approved.NO_MAIL_SERVER", null, Locale.ENGLISH))
                .isEqualTo("The alert has been approved and recorded, but NOT sent: no mail server is set up. "
                        + "Telephone the contact now and read out the printable record.");
        assertThat(messages.getMessage("dangeralerts.notice.approved.NO_MAIL_SERVER", null, Locale.GERMAN))
                .isEqualTo("Die Meldung ist freigegeben und dokumentiert, aber NICHT gesendet: Es ist kein Mailserver "
                        + "eingerichtet. Rufen Sie jetzt die Kontaktperson an und lesen Sie das Protokoll für den Anruf vor.");
        String page = followed(approved, colleague);
        assertThat(page).doesNotContain("Approved and sent").doesNotContain("approved and sent");
        assertThat(page).contains("data-testid=\"alert-status\">Approved, NOT sent: no e-mail went out</strong>");
        assertThat(page).contains("No e-mail went out: no mail server is set up for Exitwork. Telephone Petra Police now "
                + "(+49 30 1234567) and read out the printable record word for word. Ask your administrator to set up "
                + "a mail server.");

        // The alert stays visibly unsent for the tandem too, in German as well.
        String german = web.perform(get("/cases/{id}/danger-alerts", client.id()).cookie(GERMAN), a).getContentAsString();
        assertThat(german).contains("Freigegeben, NICHT gesendet: Es ging keine E-Mail hinaus")
                .contains("Es ging keine E-Mail hinaus: Für Exitwork ist kein Mailserver eingerichtet. Rufen Sie jetzt "
                        + "Petra Police an (+49 30 1234567) und lesen Sie das Protokoll für den Anruf wörtlich vor. "
                        + "Bitten Sie Ihre Administration, einen Mailserver einzurichten.")
                .doesNotContain("Freigegeben und gesendet");
    }

    @Test
    void anAlertThatCannotWaitSaysItWasNotSentInGerman() throws Exception {
        MvcResult raised = mvc.perform(raise(true).with(as(a)).with(csrf()).cookie(GERMAN).session(session))
                .andReturn();
        assertThat(raised.getResponse().getStatus()).isEqualTo(302);
        assertThat((java.util.Map<String, Object>) raised.getFlashMap()).doesNotContainKey("notice")
                .containsEntry("undelivered", "dangeralerts.notice.sent-now.NO_MAIL_SERVER");
        assertThat(messages.getMessage("dangeralerts.notice.sent-now.NO_MAIL_SERVER", null, Locale.GERMAN))
                .isEqualTo("Die Meldung ist sofort freigegeben und dokumentiert, aber NICHT gesendet: Es ist kein "
                + "Mailserver eingerichtet. Rufen Sie jetzt die Kontaktperson an und lesen Sie das Protokoll für den "
                + "Anruf vor. Eine zweite Fachkraft prüft die Meldung nachträglich.");
        String page = followed(raised, a, GERMAN);
        assertThat(page).contains("Sofort freigegeben, NICHT gesendet: Es ging keine E-Mail hinaus; wartet auf Prüfung")
                .doesNotContain("Sofort gesendet");
    }
}
