package org.exitwork.referrals.internal.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.Fixtures;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Partners, credentials and links made through the web as a manager, and signed calls, for the tests. */
final class PartnerAccess {

    record Credential(String keyId, String secret) {
    }

    private final MockMvc mvc;
    private final JdbcClient jdbc;
    private final Clock clock;

    PartnerAccess(MockMvc mvc, JdbcClient jdbc, Clock clock) {
        this.mvc = mvc;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    UUID partner(StaffPrincipal manager, String kind) throws Exception {
        String name = Fixtures.unique("Partner ");
        assertThat(mvc.perform(post("/network/partners").with(as(manager)).with(csrf()).param("name", name)
                .param("kind", kind).param("mandate", "Refers people").param("agreement", "INFORMAL"))
                .andReturn().getResponse().getStatus()).as("partner registered").isEqualTo(302);
        return jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = ?")
                .params(manager.organisationId(), name).query(UUID.class).single();
    }

    Credential credential(StaffPrincipal manager, UUID partner, Scope scope) throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/referrals/credentials").with(as(manager)).with(csrf())
                .param("partnerId", partner.toString()).param("scope", scope.name())).andReturn().getResponse();
        assertThat(response.getStatus()).as("credential created").isEqualTo(200);
        String page = response.getContentAsString();
        return new Credential(testId(page, "key-id"), testId(page, "secret"));
    }

    String link(StaffPrincipal manager, UUID partner) throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/referrals/links").with(as(manager)).with(csrf())
                .param("partnerId", partner.toString())).andReturn().getResponse();
        assertThat(response.getStatus()).as("link created").isEqualTo(200);
        String url = testId(response.getContentAsString(), "form-link");
        return url.substring(url.indexOf("/referral-form/"));
    }

    static String testId(String page, String id) {
        Matcher m = Pattern.compile("data-testid=\"" + id + "\"[^>]*>([^<]+)<").matcher(page);
        assertThat(m.find()).as(id + " shown").isTrue();
        return m.group(1).strip();
    }

    MockHttpServletRequestBuilder signed(Credential c, String path, String body) {
        return signed(c, path, body, clock.instant().getEpochSecond(), nonce());
    }

    MockHttpServletRequestBuilder signed(Credential c, String path, String body, long timestamp, String nonce) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = Base64.getEncoder().encodeToString(SignedRequestFilter.sign(
                Base64.getUrlDecoder().decode(c.secret()),
                SignedRequestFilter.canonical("POST", path, Long.toString(timestamp), nonce, bytes)));
        return post(path).contentType(MediaType.APPLICATION_JSON).content(bytes)
                .header("Exitwork-Key", c.keyId()).header("Exitwork-Timestamp", Long.toString(timestamp))
                .header("Exitwork-Nonce", nonce).header("Exitwork-Signature", signature);
    }

    static String nonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    long inboxRows() {
        return jdbc.sql("SELECT COUNT(*) FROM ref_inbox").query(Long.class).single();
    }
}
