package org.exitwork;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;

import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Reached at an https address through a proxy that speaks plain HTTP to Exitwork: every cookie is
 * Secure and HSTS is sent anyway, because the public address says so, not the request.
 */
@DatabaseTest
@TestPropertySource(properties = "exitwork.public-address=https://exitwork.example.org")
class HttpsPublicAddressTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    private static final String HSTS = "max-age=31536000 ; includeSubDomains";

    @Test
    void behindAnHttpsAddressEveryCookieIsSecureAndHstsIsSent() throws Exception {
        fixtures.organisation();
        MockHttpServletResponse response = mvc.perform(get("/sign-in").param("lang", "de")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        Cookie language = response.getCookie("exitwork-lang");
        assertThat(language).isNotNull();
        assertThat(language.getSecure()).isTrue();
        // Every cookie the page sets (its form's, __Host- and written as a header, which MockCookie does not parse back).
        assertThat(response.getHeaders("Set-Cookie")).hasSizeGreaterThan(1)
                .allSatisfy(c -> assertThat(c).contains("; Secure"));
        assertThat(response.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000 ; includeSubDomains");
        // The sign-in page keeps no session; the passkey ceremony's first step starts one.
        MockHttpServletResponse ceremony = mvc.perform(post("/sign-in/passkey/options").with(Fixtures.formTokenWaived())).andReturn()
                .getResponse();
        assertThat(ceremony.getStatus()).isEqualTo(200);
        Cookie session = ceremony.getCookie("SESSION");
        assertThat(session).isNotNull();
        assertThat(session.getSecure()).isTrue();

        MockHttpServletResponse redirect = mvc.perform(get("/cases").header("Host", "evil.example")).andReturn()
                .getResponse();
        assertThat(redirect.getHeader("Location")).isEqualTo("/sign-in");
        assertThat(redirect.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000 ; includeSubDomains");
    }

    /** The partner API has a filter chain of its own: its answers carry HSTS too, refusals included. */
    @Test
    void thePartnerApiSendsHstsBehindAnHttpsAddress() throws Exception {
        MockHttpServletResponse unsigned = mvc.perform(post("/api/v1/referrals").contentType(MediaType.APPLICATION_JSON)
                .content("{\"partnerReference\":\"HSTS 1\"}")).andReturn().getResponse();
        assertThat(unsigned.getStatus()).isEqualTo(401);
        assertThat(unsigned.getHeader("Strict-Transport-Security")).isEqualTo(HSTS);
        MockHttpServletResponse openapi = mvc.perform(get("/api/openapi.json")).andReturn().getResponse();
        assertThat(openapi.getStatus()).isEqualTo(200);
        assertThat(openapi.getHeader("Strict-Transport-Security")).isEqualTo(HSTS);
    }

    /**
     * What a manager hands a partner, the one-time form link and the API's address, names the https public
     * address, not the plain-HTTP request behind the proxy nor its Host.
     */
    @Test
    void theAddressesHandedToAPartnerNameThePublicAddress() throws Exception {
        StaffPrincipal manager = fixtures.staff(fixtures.organisation(), Role.MANAGER);
        org.exitwork.referrals.PartnerCalls calls = new org.exitwork.referrals.PartnerCalls(mvc, jdbc, clock);
        UUID partner = calls.partner(manager, "PROSECUTION");
        MockHttpServletResponse link = mvc.perform(post("/referrals/links").with(as(manager)).with(Fixtures.formTokenWaived())
                .header("Host", "evil.example").param("partnerId", partner.toString())).andReturn().getResponse();
        assertThat(link.getStatus()).isEqualTo(200);
        assertThat(org.exitwork.referrals.PartnerCalls.testId(link.getContentAsString(), "form-link"))
                .matches("https://exitwork\\.example\\.org/referral-form/[A-Za-z0-9_-]{43}");
        MockHttpServletResponse credential = mvc.perform(post("/referrals/credentials").with(as(manager)).with(Fixtures.formTokenWaived())
                .header("Host", "evil.example").param("partnerId", partner.toString()).param("scope", "SUBMIT_REFERRAL"))
                .andReturn().getResponse();
        assertThat(credential.getStatus()).isEqualTo(200);
        assertThat(credential.getContentAsString()).contains("https://exitwork.example.org/api/v1")
                .doesNotContain("evil.example", "http://localhost");
    }

    /** The phone's check-in cookie is set by a controller, outside the session machinery: Secure all the same. */
    @Test
    void thePhonesCheckInCookieIsSecureBehindAnHttpsAddress() throws Exception {
        StaffPrincipal practitioner = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);
        LocalDateTime now = LocalDateTime.now(clock).withSecond(0).withNano(0);
        assertThat(mvc.perform(post("/safety/appointments").with(as(practitioner)).with(Fixtures.formTokenWaived())
                .param("startsAt", now.minusMinutes(30).toString()).param("endsAt", now.plusHours(2).toString())
                .param("placeKind", "OFFICE").param("place", "")).andReturn().getResponse().getStatus())
                .isEqualTo(302);
        UUID appointment = jdbc.sql("SELECT id FROM saf_appointment WHERE staff_id = ?").param(practitioner.id())
                .query(UUID.class).single();
        MockHttpServletResponse arrived = mvc.perform(post("/safety/appointments/{id}/arrived", appointment)
                .with(as(practitioner)).with(Fixtures.formTokenWaived())).andReturn().getResponse();
        Cookie checkIn = arrived.getCookie("exitwork-check-in");
        assertThat(checkIn).isNotNull();
        assertThat(checkIn.getSecure()).isTrue();
        MockHttpServletResponse left = mvc.perform(post("/safety/appointments/{id}/left", appointment)
                .with(as(practitioner)).with(Fixtures.formTokenWaived())).andReturn().getResponse();
        assertThat(left.getCookie("exitwork-check-in").getSecure()).isTrue();
    }
}
