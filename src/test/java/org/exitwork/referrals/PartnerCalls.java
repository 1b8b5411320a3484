package org.exitwork.referrals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.Fixtures;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * What a partner has, made through the web as a manager: the partner, credentials of both scopes, a
 * one-time form link; and calls signed the way the README's "Partner API: signing a request"
 * describes (HMAC-SHA256 over method, path, timestamp, nonce and the body's SHA-256), for any method.
 * Written from the README rather than from the filter's code, so that the documented protocol is tested.
 */
public final class PartnerCalls {

    public record Credential(String keyId, String secret) {
    }

    private final MockMvc mvc;
    private final JdbcClient jdbc;
    private final Clock clock;

    public PartnerCalls(MockMvc mvc, JdbcClient jdbc, Clock clock) {
        this.mvc = mvc;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public UUID partner(StaffPrincipal manager, String kind) throws Exception {
        String name = Fixtures.unique("Partner ");
        assertThat(mvc.perform(post("/network/partners").with(as(manager)).with(csrf()).param("name", name)
                .param("kind", kind).param("mandate", "Refers people").param("agreement", "INFORMAL"))
                .andReturn().getResponse().getStatus()).as("partner " + kind + " registered").isEqualTo(302);
        return jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = ?")
                .params(manager.organisationId(), name).query(UUID.class).single();
    }

    public Credential credential(StaffPrincipal manager, UUID partner, String scope) throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/referrals/credentials").with(as(manager)).with(csrf())
                .param("partnerId", partner.toString()).param("scope", scope)).andReturn().getResponse();
        assertThat(response.getStatus()).as("credential created").isEqualTo(200);
        String page = response.getContentAsString();
        return new Credential(testId(page, "key-id"), testId(page, "secret"));
    }

    /** A one-time form link's path, {@code /referral-form/...}. */
    public String link(StaffPrincipal manager, UUID partner) throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/referrals/links").with(as(manager)).with(csrf())
                .param("partnerId", partner.toString())).andReturn().getResponse();
        assertThat(response.getStatus()).as("link created").isEqualTo(200);
        String url = testId(response.getContentAsString(), "form-link");
        return url.substring(url.indexOf("/referral-form/"));
    }

    public static String testId(String page, String id) {
        Matcher m = Pattern.compile("data-testid=\"" + id + "\"[^>]*>([^<]+)<").matcher(page);
        assertThat(m.find()).as(id + " shown").isTrue();
        return m.group(1).strip();
    }

    MockHttpServletRequestBuilder signedPost(Credential c, String path, String body) throws Exception {
        return signed(c, HttpMethod.POST, path, body);
    }

    /** A request signed for {@code path}; the builder's URI is the path as given (no template expansion). */
    MockHttpServletRequestBuilder signed(Credential c, HttpMethod method, String path, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = UUID.randomUUID().toString().replace("-", "");
        String canonical = method.name() + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getUrlDecoder().decode(c.secret()), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        MockHttpServletRequestBuilder request = request(method, java.net.URI.create(path))
                .header("Exitwork-Key", c.keyId()).header("Exitwork-Timestamp", timestamp)
                .header("Exitwork-Nonce", nonce).header("Exitwork-Signature", signature);
        if (bytes.length > 0) {
            request.contentType(MediaType.APPLICATION_JSON).content(bytes);
        }
        return request;
    }

    static String referral(String reference) {
        return "{\"partnerReference\":\"" + reference + "\",\"phenomenonAreas\":[\"RIGHT_WING\"],"
                + "\"contextCase\":false,\"person\":{\"fullName\":\"Max Muster\",\"dateOfBirth\":\"2004-05-06\","
                + "\"contact\":\"0151 000000\"},\"concern\":\"Worried about him\"}";
    }

    static String information(String text) {
        return "{\"information\":\"" + text + "\"}";
    }
}
