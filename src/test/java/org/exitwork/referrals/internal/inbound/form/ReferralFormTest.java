package org.exitwork.referrals.internal.inbound.form;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.referrals.internal.Inbox;
import org.exitwork.referrals.internal.inbound.InboundActions;
import org.exitwork.referrals.internal.inbound.Scope;
import org.exitwork.referrals.internal.inbound.api.PartnerAccess;
import org.exitwork.referrals.internal.inbound.credentials.CredentialAdministration;
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

/** The one-time link web form (R7): no sign-in, single use, 14 days, withdrawable, one 404 for every bad link. */
@DatabaseTest
@AutoConfigureMockMvc
class ReferralFormTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    Inbox inbox;

    @Autowired
    DataSource dataSource;

    PartnerAccess access;
    StaffPrincipal manager;
    UUID partner;

    @BeforeEach
    void partner() throws Exception {
        access = new PartnerAccess(mvc, jdbc, clock);
        manager = fixtures.staff(fixtures.organisation(), Role.MANAGER);
        partner = access.partner(manager, "PROSECUTION");
    }

    private MockHttpServletRequestBuilder filled(String link, String reference, String concern) {
        return post(link).with(csrf()).param("partnerReference", reference).param("areas", "ISLAMIST")
                .param("contextCase", "true").param("fullName", "Form Person").param("dateOfBirth", "2001-02-03")
                .param("contact", "Via the school").param("concern", concern);
    }

    @Test
    void aLinkWorksOnceWithoutSignInAndAppendsToTheInbox() throws Exception {
        String link = access.link(manager, partner);
        assertThat(link).matches("/referral-form/[A-Za-z0-9_-]{43}");
        MockHttpServletResponse page = mvc.perform(get(link)).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("data-testid=\"referral-form\"").contains("Your reference");
        assertThat(mvc.perform(get(link).param("lang", "de")).andReturn().getResponse().getContentAsString())
                .contains("Ihr Aktenzeichen");

        long before = access.inboxRows();
        MockHttpServletResponse received = mvc.perform(filled(link, "St 12/26", "Concern from the form"))
                .andReturn().getResponse();
        assertThat(received.getStatus()).isEqualTo(200);
        assertThat(received.getContentAsString()).contains("Received, your reference St 12/26.");
        assertThat(access.inboxRows()).isEqualTo(before + 1);
        Inbox.Entry entry = inbox.oldest(100_000).stream().filter(e -> e.partnerId().equals(partner)).findFirst()
                .orElseThrow();
        assertThat(entry.via()).isEqualTo(Inbox.Via.FORM);
        assertThat(entry.referral().contextCase()).isTrue();
        assertThat(entry.referral().concern()).isEqualTo("Concern from the form");

        notValid(get(link));
        notValid(filled(link, "St 13/26", "again"));
        assertThat(access.inboxRows()).isEqualTo(before + 1);
    }

    /**
     * A partner's staff member opens the form, writes the concern for an hour and sends it: it is received.
     * The page keeps nothing of its visitor (no session, no form token) that could run out meanwhile; before,
     * the form's token lived in a session that ended after the idle time, and the referral typed was lost.
     */
    @Test
    void aFormSentLongAfterItWasOpenedIsReceived() throws Exception {
        String link = access.link(manager, partner);
        MockHttpServletResponse page = mvc.perform(get(link)).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getHeader("Set-Cookie")).as("no session for a visitor of the form").isNull();
        assertThat(page.getContentAsString()).contains("action=\"" + link + "\"").doesNotContain("_csrf");

        clock.advance(java.time.Duration.ofMinutes(60));
        long before = access.inboxRows();
        // What the browser sends: the form as the page has it, nothing else.
        MockHttpServletResponse received = mvc.perform(post(link).param("partnerReference", "St 14/26")
                .param("areas", "ISLAMIST").param("concern", "Written over an hour")).andReturn().getResponse();
        assertThat(received.getStatus()).isEqualTo(200);
        assertThat(received.getContentAsString()).contains("Received, your reference St 14/26.");
        assertThat(access.inboxRows()).isEqualTo(before + 1);
    }

    @Test
    void badInputIsShownAgainWith400AndTheLinkStaysUnused() throws Exception {
        String link = access.link(manager, partner);
        long before = access.inboxRows();
        for (MockHttpServletRequestBuilder bad : List.of(filled(link, "", "x"), filled(link, "<b>bold</b>", "x"),
                filled(link, "R-1", "x").param("dateOfBirth", "3rd of May"),
                filled(link, "R-1", "x").param("areas", "NO_SUCH_AREA"),
                filled(link, "R-1", "x".repeat(10_001)),
                // A date the partner API refuses (more than yyyy-mm-dd) is refused here too.
                post(link).with(csrf()).param("partnerReference", "R-2").param("areas", "ISLAMIST")
                        .param("dateOfBirth", "+999999999-12-31"),
                post(link).with(csrf()).param("partnerReference", "R-3").param("areas", "ISLAMIST")
                        .param("dateOfBirth", "-0001-01-01"))) {
            MockHttpServletResponse response = mvc.perform(bad).andReturn().getResponse();
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(response.getContentAsString()).contains("data-testid=\"referral-form\"");
        }
        assertThat(access.inboxRows()).isEqualTo(before);
        assertThat(mvc.perform(get(link)).andReturn().getResponse().getStatus()).as("still usable").isEqualTo(200);
    }

    @Test
    void unknownExpiredAndWithdrawnLinksAllGetTheSame404() throws Exception {
        notValid(get("/referral-form/" + CredentialAdministration.token(32)));
        notValid(get("/referral-form/x"));
        String expiring = access.link(manager, partner);
        String withdrawn = access.link(manager, partner);
        UUID id = jdbc.sql("SELECT id FROM ref_form_link WHERE org_id = ? ORDER BY created_at DESC, id")
                .param(manager.organisationId()).query(UUID.class).list().stream()
                .filter(l -> jdbc.sql("SELECT token_hash FROM ref_form_link WHERE id = ?").param(l)
                        .query(String.class).single().equals(FormLinks.hash(withdrawn.substring(15))))
                .findFirst().orElseThrow();
        StaffPrincipal stranger = fixtures.staff(fixtures.organisation(), Role.MANAGER);
        assertThat(mvc.perform(post("/referrals/links/{id}/withdraw", id).with(as(stranger)).with(csrf()))
                .andReturn().getResponse().getStatus()).as("another organisation's manager").isEqualTo(404);
        mvc.perform(post("/referrals/links/{id}/withdraw", id).with(as(manager)).with(csrf()));
        notValid(get(withdrawn));
        assertThat(mvc.perform(get(expiring)).andReturn().getResponse().getStatus()).isEqualTo(200);
        clock.advance(Duration.ofDays(14).plusMinutes(1));
        notValid(get(expiring));
        long before = access.inboxRows();
        notValid(filled(expiring, "R-2", "late"));
        assertThat(access.inboxRows()).isEqualTo(before);
    }

    @Test
    void aLinkOfADeactivatedPartnerIsNotValid() throws Exception {
        String link = access.link(manager, partner);
        mvc.perform(post("/network/partners/{id}/active", partner).with(as(manager)).with(csrf()).param("active", "false"));
        notValid(get(link));
        long before = access.inboxRows();
        notValid(filled(link, "R-3", "after deactivation"));
        assertThat(access.inboxRows()).isEqualTo(before);
        mvc.perform(post("/network/partners/{id}/active", partner).with(as(manager)).with(csrf()).param("active", "true"));
        notValid(get(link));
    }

    @Test
    void onlyTheHashOfTheTokenAndNothingTypedIsStoredInPlainText() throws Exception {
        String link = access.link(manager, partner);
        String token = link.substring("/referral-form/".length());
        String name = Fixtures.unique("FormMarkerName");
        String concern = Fixtures.unique("FormMarkerConcern");
        String reference = Fixtures.unique("FormRef");
        mvc.perform(filled(link, reference, concern).param("fullName", name));
        // And the same markers through the API.
        PartnerAccess.Credential api = access.credential(manager, partner, Scope.SUBMIT_REFERRAL);
        String apiName = Fixtures.unique("ApiMarkerName");
        assertThat(mvc.perform(access.signed(api, "/api/v1/referrals", "{\"partnerReference\":\"" + reference
                + "\",\"person\":{\"fullName\":\"" + apiName + "\"}}")).andReturn().getResponse().getStatus())
                .isEqualTo(202);
        assertThat(DatabaseScan.find(dataSource, List.of(token, name, concern, reference, apiName, api.secret())))
                .isEmpty();
        List<String> audit = jdbc.sql("SELECT action FROM aud_entry WHERE org_id = ?").param(manager.organisationId())
                .query(String.class).list();
        assertThat(audit).contains(InboundActions.FORM_LINK_CREATED, InboundActions.CREDENTIAL_CREATED);
    }

    @Test
    void managersCreateLinksOnlyForActivePartnersOfTheirOrganisation() throws Exception {
        StaffPrincipal stranger = fixtures.staff(fixtures.organisation(), Role.MANAGER);
        assertThat(mvc.perform(post("/referrals/links").with(as(stranger)).with(csrf())
                .param("partnerId", partner.toString())).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post("/referrals/links").with(as(manager)).with(csrf()).param("partnerId", ""))
                .andReturn().getResponse().getStatus()).isEqualTo(400);
        String list = mvc.perform(get("/referrals/links").with(as(manager))).andReturn().getResponse()
                .getContentAsString();
        assertThat(list).contains("data-testid=\"link-form\"");
    }

    private void notValid(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentAsString()).contains("This link is not valid")
                .doesNotContain("data-testid=\"referral-form\"");
    }
}
