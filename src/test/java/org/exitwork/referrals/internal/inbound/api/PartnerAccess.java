package org.exitwork.referrals.internal.inbound.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.referrals.PartnerCalls;
import org.exitwork.referrals.internal.inbound.Scope;
import org.exitwork.testing.Fixtures;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.exitwork.testing.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Partners, credentials and links made through the web as a manager, and signed calls, for the tests. */
public final class PartnerAccess {

    public record Credential(String keyId, String secret) {
    }

    private final MockMvc mvc;
    private final JdbcClient jdbc;
    private final Clock clock;
    /** Partners, credentials and links are made the same way as in the one-way-street tests. */
    private final PartnerCalls setup;

    public PartnerAccess(MockMvc mvc, JdbcClient jdbc, Clock clock) {
        this.mvc = mvc;
        this.jdbc = jdbc;
        this.clock = clock;
        this.setup = new PartnerCalls(mvc, jdbc, clock);
    }

    public UUID partner(StaffPrincipal manager, String kind) throws Exception {
        return setup.partner(manager, kind);
    }

    public Credential credential(StaffPrincipal manager, UUID partner, Scope scope) throws Exception {
        PartnerCalls.Credential made = setup.credential(manager, partner, scope.name());
        return new Credential(made.keyId(), made.secret());
    }

    public String link(StaffPrincipal manager, UUID partner) throws Exception {
        return setup.link(manager, partner);
    }

    public static String testId(String page, String id) {
        return PartnerCalls.testId(page, id);
    }

    public MockHttpServletRequestBuilder signed(Credential c, String path, String body) {
        return signed(c, path, body, clock.instant().getEpochSecond(), nonce());
    }

    public MockHttpServletRequestBuilder signed(Credential c, String path, String body, long timestamp, String nonce) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = Base64.getEncoder().encodeToString(SignedRequestFilter.sign(
                Base64.getUrlDecoder().decode(c.secret()),
                SignedRequestFilter.canonical("POST", path, Long.toString(timestamp), nonce, bytes)));
        return post(path).contentType(MediaType.APPLICATION_JSON).content(bytes)
                .header("Exitwork-Key", c.keyId()).header("Exitwork-Timestamp", Long.toString(timestamp))
                .header("Exitwork-Nonce", nonce).header("Exitwork-Signature", signature);
    }

    public static String nonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public long inboxRows() {
        return jdbc.sql("SELECT COUNT(*) FROM ref_inbox").query(Long.class).single();
    }
}
