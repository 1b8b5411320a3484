package org.exitwork.referrals.internal.inbound.api;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.referrals.internal.Inbox;
import org.exitwork.referrals.internal.inbound.InboundActions;
import org.exitwork.referrals.internal.inbound.Scope;
import org.exitwork.referrals.internal.inbound.credentials.CredentialAdministration;
import org.exitwork.referrals.internal.inbound.credentials.CredentialStore;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The partner API (R7): signed calls only, one scope per credential, strict input, limits, and one
 * answer ("received", 202) for every accepted call. Every refused call stores nothing in the inbox.
 */
@DatabaseTest
@AutoConfigureMockMvc
class PartnerApiTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

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

    @Autowired
    CredentialStore credentials;

    @Autowired
    NonceStore nonces;

    @Autowired
    RateLimit rate;

    @Autowired
    FailedCallLimit failedCalls;

    @Autowired
    org.exitwork.platform.ClientAddresses addresses;

    PartnerAccess access;
    StaffPrincipal manager;
    UUID police;
    PartnerAccess.Credential submit;
    PartnerAccess.Credential inform;

    @BeforeEach
    void partnerWithCredentials() throws Exception {
        access = new PartnerAccess(mvc, jdbc, clock);
        manager = fixtures.staff(fixtures.organisation(), Role.MANAGER);
        police = access.partner(manager, "POLICE");
        submit = access.credential(manager, police, Scope.SUBMIT_REFERRAL);
        inform = access.credential(manager, police, Scope.ADD_INFORMATION);
    }

    static String referral(String reference) {
        return "{\"partnerReference\":\"" + reference + "\",\"phenomenonAreas\":[\"RIGHT_WING\",\"GANGS\"],"
                + "\"contextCase\":false,\"person\":{\"fullName\":\"Max Muster\",\"dateOfBirth\":\"2004-05-06\","
                + "\"contact\":\"0151 000000\"},\"concern\":\"Worried about him\"}";
    }

    @Test
    void aSignedReferralIsReceivedAndOnlyAppendedToTheInbox() throws Exception {
        long before = access.inboxRows();
        MockHttpServletResponse response = perform(access.signed(submit, "/api/v1/referrals", referral("AZ 17/2026-a")));
        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(JSON.readTree(response.getContentAsString()))
                .isEqualTo(JSON.readTree("{\"status\":\"received\",\"partnerReference\":\"AZ 17/2026-a\"}"));
        assertThat(response.getCookie("SESSION")).as("no session for a partner call").isNull();
        assertThat(access.inboxRows()).isEqualTo(before + 1);
        Inbox.Entry entry = mine();
        assertThat(entry.via()).isEqualTo(Inbox.Via.API);
        assertThat(entry.organisationId()).isEqualTo(manager.organisationId());
        assertThat(entry.referral().partnerReference()).isEqualTo("AZ 17/2026-a");
        assertThat(entry.referral().areas()).containsExactlyInAnyOrder(PhenomenonArea.RIGHT_WING, PhenomenonArea.GANGS);
        assertThat(entry.referral().fullName()).isEqualTo("Max Muster");
        assertThat(entry.referral().dateOfBirth()).hasToString("2004-05-06");
    }

    @Test
    void informationIsReceivedTheSameWayWhateverTheReference() throws Exception {
        for (String reference : List.of("never-sent-before", "AZ-17")) {
            long before = access.inboxRows();
            MockHttpServletResponse response = perform(access.signed(inform,
                    "/api/v1/referrals/" + reference + "/information", "{\"information\":\"He moved to Hamburg\"}"));
            assertThat(response.getStatus()).isEqualTo(202);
            assertThat(JSON.readTree(response.getContentAsString())).isEqualTo(
                    JSON.readTree("{\"status\":\"received\",\"partnerReference\":\"" + reference + "\"}"));
            assertThat(access.inboxRows()).isEqualTo(before + 1);
        }
        assertThat(mine().information().information()).isEqualTo("He moved to Hamburg");
    }

    @Test
    void forgedUnknownRevokedStaleAndUnsignedCallsAre401AndStoreNothing() throws Exception {
        long before = access.inboxRows();
        String body = referral("AZ-1");
        // A forged signature: signed with another secret.
        PartnerAccess.Credential forged = new PartnerAccess.Credential(submit.keyId(), CredentialAdministration.token(32));
        unauthorized(access.signed(forged, "/api/v1/referrals", body), "forged signature");
        // The signature of another body.
        MockHttpServletRequestBuilder tampered = access.signed(submit, "/api/v1/referrals", body)
                .content(referral("AZ-2"));
        unauthorized(tampered, "body changed after signing");
        // Signed for another path.
        MockHttpServletRequestBuilder otherPath = access.signed(submit, "/api/v1/referrals/x", body);
        unauthorized(post("/api/v1/referrals").contentType(MediaType.APPLICATION_JSON).content(body)
                .headers(copyHeaders(otherPath)), "signed for another path");
        unauthorized(access.signed(new PartnerAccess.Credential("ek_unknown", submit.secret()), "/api/v1/referrals",
                body), "unknown key");
        long now = clock.instant().getEpochSecond();
        unauthorized(access.signed(submit, "/api/v1/referrals", body, now - 301, PartnerAccess.nonce()), "stale");
        unauthorized(access.signed(submit, "/api/v1/referrals", body, now + 301, PartnerAccess.nonce()), "future");
        unauthorized(access.signed(submit, "/api/v1/referrals", body, now, "short"), "nonce too short");
        unauthorized(access.signed(submit, "/api/v1/referrals", body, now, "bad nonce with spaces!"), "nonce format");
        unauthorized(post("/api/v1/referrals").contentType(MediaType.APPLICATION_JSON).content(body), "unsigned");
        unauthorized(post("/api/v1/referrals").with(as(manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(body), "a manager's session instead of a signature");

        mvc.perform(post("/referrals/credentials/{id}/revoke", credentialId(submit)).with(as(manager)).with(csrf()));
        unauthorized(access.signed(submit, "/api/v1/referrals", body), "revoked");
        assertThat(access.inboxRows()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void deactivatingThePartnerStopsItsCredentialsAtOnce() throws Exception {
        assertThat(perform(access.signed(submit, "/api/v1/referrals", referral("AZ-active"))).getStatus()).isEqualTo(202);
        mvc.perform(post("/network/partners/{id}/active", police).with(as(manager)).with(csrf()).param("active", "false"));
        long before = access.inboxRows();
        unauthorized(access.signed(submit, "/api/v1/referrals", referral("AZ-inactive")), "partner deactivated");
        assertThat(access.inboxRows()).isEqualTo(before);
        // Reactivated later: the old credential stays revoked; a new one has to be issued.
        mvc.perform(post("/network/partners/{id}/active", police).with(as(manager)).with(csrf()).param("active", "true"));
        unauthorized(access.signed(submit, "/api/v1/referrals", referral("AZ-again")), "revoked for good");
        assertThat(access.inboxRows()).isEqualTo(before);
    }

    @Test
    void aReplayedCallIsRefusedOnEveryNodeBecauseTheNonceIsInTheDatabase() throws Exception {
        long before = access.inboxRows();
        String nonce = PartnerAccess.nonce();
        long now = clock.instant().getEpochSecond();
        String body = referral("AZ-replay");
        assertThat(perform(access.signed(submit, "/api/v1/referrals", body, now, nonce)).getStatus()).isEqualTo(202);
        clock.advance(Duration.ofSeconds(30));
        unauthorized(access.signed(submit, "/api/v1/referrals", body, now, nonce), "replayed");
        assertThat(access.inboxRows()).isEqualTo(before + 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ref_nonce WHERE nonce = ?").param(nonce).query(Long.class).single())
                .isEqualTo(1);
        // Another node sees the same table: the store itself refuses.
        assertThat(nonces.firstUse(credentials.find(submit.keyId()).orElseThrow().id(), nonce, clock.instant()))
                .isFalse();
    }

    @Test
    void aCredentialOfTheOtherScopeIs403() throws Exception {
        long before = access.inboxRows();
        MockHttpServletResponse wrong = perform(access.signed(inform, "/api/v1/referrals", referral("AZ-3")));
        assertThat(wrong.getStatus()).isEqualTo(403);
        assertThat(wrong.getContentType()).startsWith("application/problem+json");
        assertThat(perform(access.signed(submit, "/api/v1/referrals/AZ-3/information", "{\"information\":\"x\"}"))
                .getStatus()).isEqualTo(403);
        assertThat(access.inboxRows()).isEqualTo(before);
    }

    @Test
    void badInputIs400NamingTheFieldAndStoresNothing() throws Exception {
        long before = access.inboxRows();
        badRequest("{\"partnerReference\":\"AZ-4\",\"extra\":1}", "extra");
        badRequest("{\"partnerReference\":\"AZ-4\",\"person\":{\"fullName\":\"A\",\"address\":\"B\"}}", "person.address");
        badRequest("{\"partnerReference\":12}", "partnerReference");
        badRequest("{\"concern\":\"no reference\"}", "partnerReference");
        badRequest("{\"partnerReference\":\"\"}", "partnerReference");
        badRequest("{\"partnerReference\":\"" + "A".repeat(101) + "\"}", "partnerReference");
        badRequest("{\"partnerReference\":\"<script>alert(1)</script>\"}", "partnerReference");
        badRequest("{\"partnerReference\":\"x'; DROP TABLE ref_inbox; --\"}", "partnerReference");
        badRequest("{\"partnerReference\":\"AZ-4\",\"contextCase\":\"yes\"}", "contextCase");
        badRequest("{\"partnerReference\":\"AZ-4\",\"phenomenonAreas\":\"GANGS\"}", "phenomenonAreas");
        badRequest("{\"partnerReference\":\"AZ-4\",\"phenomenonAreas\":[\"SOMETHING\"]}", "phenomenonAreas");
        badRequest("{\"partnerReference\":\"AZ-4\",\"phenomenonAreas\":[1]}", "phenomenonAreas");
        badRequest("{\"partnerReference\":\"AZ-4\",\"person\":\"Max\"}", "person");
        badRequest("{\"partnerReference\":\"AZ-4\",\"person\":{\"dateOfBirth\":\"06.05.2004\"}}", "person.dateOfBirth");
        badRequest("{\"partnerReference\":\"AZ-4\",\"concern\":" + "[\"a\"]" + "}", "concern");
        badRequest("{\"partnerReference\":\"AZ-4\",\"concern\":\"" + "ä".repeat(10_001) + "\"}", "concern");
        badRequest("{\"partnerReference\":\"AZ-4\",\"partnerReference\":\"AZ-5\"}", "$");
        // Half a character, escaped in JSON: in text, in a name, in the reference; and JSON that is not.
        badRequest("{\"partnerReference\":\"AZ-4\",\"concern\":\"\\ud800\"}", "concern");
        badRequest("{\"partnerReference\":\"AZ-4\",\"concern\":\"ok \\udc00 \\ud83d\"}", "concern");
        badRequest("{\"partnerReference\":\"AZ-4\",\"person\":{\"fullName\":\"Max \\ud800\"}}", "person.fullName");
        badRequest("{\"partnerReference\":\"AZ-\\ud800\"}", "partnerReference");
        badRequest("{\"partnerReference\":\"AZ-4\",}", "$");
        badRequest("{\"partnerReference\":\"AZ-4\" \"concern\":\"x\"}", "$");
        badRequest("{\"partnerReference\":\"AZ-4\",\"concern\":\"\\x41\"}", "$");
        badRequest("{\"partnerReference\":\"AZ-4\"", "$");
        badRequest("[\"AZ-4\"]", "$");
        badRequest("", "$");
        MockHttpServletResponse info = perform(access.signed(inform, "/api/v1/referrals/AZ-4/information", "{}"));
        assertThat(info.getStatus()).isEqualTo(400);
        assertThat(JSON.readTree(info.getContentAsString()).get("field").stringValue()).isEqualTo("information");
        assertThat(perform(access.signed(inform, "/api/v1/referrals/AZ-4/information",
                "{\"information\":\"x\",\"more\":true}")).getStatus()).isEqualTo(400);
        assertThat(perform(access.signed(inform, "/api/v1/referrals/AZ-4/information",
                "{\"information\":\"\\ud800\"}")).getStatus()).isEqualTo(400);
        assertThat(access.inboxRows()).as("nothing stored on any 400").isEqualTo(before);
    }

    @Test
    void notJsonIs415() throws Exception {
        long before = access.inboxRows();
        MockHttpServletResponse response = perform(access.signed(submit, "/api/v1/referrals", referral("AZ-6"))
                .contentType(MediaType.TEXT_PLAIN));
        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        MockHttpServletResponse form = perform(access.signed(submit, "/api/v1/referrals", "partnerReference=AZ-6")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED));
        assertThat(form.getStatus()).isEqualTo(415);
        assertThat(access.inboxRows()).isEqualTo(before);
    }

    @Test
    void aBodyOver32KiBIs413ByContentLengthAndByACappedRead() throws Exception {
        long before = access.inboxRows();
        String big = "{\"partnerReference\":\"AZ-7\",\"concern\":\"" + "x".repeat(33 * 1024) + "\"}";
        MockHttpServletResponse response = perform(access.signed(submit, "/api/v1/referrals", big));
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");

        // A body that does not announce its length (chunked) is cut off after 32 KiB + 1 byte.
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/api/v1/referrals") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        chunked.setContent(big.getBytes());
        chunked.addHeader("Exitwork-Key", submit.keyId());
        chunked.addHeader("Exitwork-Timestamp", Long.toString(clock.instant().getEpochSecond()));
        chunked.addHeader("Exitwork-Nonce", PartnerAccess.nonce());
        chunked.addHeader("Exitwork-Signature", "AAAA");
        MockHttpServletResponse cut = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        new SignedRequestFilter(credentials, nonces, rate, failedCalls, addresses, clock).doFilter(chunked, cut, chain);
        assertThat(cut.getStatus()).isEqualTo(413);
        assertThat(chain.getRequest()).as("the call went no further").isNull();
        assertThat(access.inboxRows()).isEqualTo(before);
    }

    @Test
    void forgedCallsAreLimitedPerClientAddressWithoutChangingAnyOtherAnswer() throws Exception {
        failedCalls.limit(5);
        try {
            String body = referral("AZ-forged");
            PartnerAccess.Credential forged = new PartnerAccess.Credential(submit.keyId(),
                    CredentialAdministration.token(32));
            // Within the budget every forged call gets the one answer it always got.
            for (int i = 0; i < 5; i++) {
                unauthorized(access.signed(forged, "/api/v1/referrals", body).with(from("198.51.100.7")),
                        "forged call " + (i + 1));
            }
            long before = access.inboxRows();
            MockHttpServletResponse refused = perform(access.signed(forged, "/api/v1/referrals", body)
                    .with(from("198.51.100.7")));
            assertThat(refused.getStatus()).isEqualTo(429);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("12");
            assertThat(refused.getHeader("WWW-Authenticate")).isNull();
            assertThat(JSON.readTree(refused.getContentAsString()).get("status").intValue()).isEqualTo(429);
            // Unsigned calls from there too; a forged X-Forwarded-For (no trusted proxy) changes nothing.
            assertThat(perform(post("/api/v1/referrals").contentType(MediaType.APPLICATION_JSON).content(body)
                    .header("X-Forwarded-For", "203.0.113.99").with(from("198.51.100.7"))).getStatus())
                    .isEqualTo(429);
            // A partner signing correctly from another address gets its answer as ever, and so does a
            // forged call from there: only the address that failed is refused.
            assertThat(perform(access.signed(submit, "/api/v1/referrals", referral("AZ-other-address"))
                    .with(from("198.51.100.8"))).getStatus()).isEqualTo(202);
            unauthorized(access.signed(forged, "/api/v1/referrals", body).with(from("198.51.100.8")),
                    "forged call from another address");
            assertThat(access.inboxRows()).isEqualTo(before + 1);
            // The budget refills: one call every 12 s.
            clock.advance(Duration.ofSeconds(12));
            unauthorized(access.signed(forged, "/api/v1/referrals", body).with(from("198.51.100.7")),
                    "after waiting");
        } finally {
            failedCalls.limit(1_000_000);
        }
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void theRateLimitIsCountedPerCredentialInTheDatabase() throws Exception {
        long before = access.inboxRows();
        for (int i = 0; i < 30; i++) {
            assertThat(perform(access.signed(submit, "/api/v1/referrals", referral("AZ-rate-" + i))).getStatus())
                    .as("call " + (i + 1)).isEqualTo(202);
        }
        MockHttpServletResponse refused = perform(access.signed(submit, "/api/v1/referrals", referral("AZ-rate-31")));
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(access.inboxRows()).isEqualTo(before + 30);
        // Another credential has its own count; the next minute starts afresh.
        assertThat(perform(access.signed(inform, "/api/v1/referrals/AZ-rate/information", "{\"information\":\"x\"}"))
                .getStatus()).isEqualTo(202);
        clock.advance(Duration.ofSeconds(61));
        assertThat(perform(access.signed(submit, "/api/v1/referrals", referral("AZ-rate-32"))).getStatus())
                .isEqualTo(202);
    }

    @Test
    void injectionStringsAreStoredAsGivenEncryptedAndAnsweredAsProperJson() throws Exception {
        String sql = "Robert'); DROP TABLE ref_inbox; -- " + Fixtures.unique("sql");
        String html = "<img src=x onerror=alert(1)> \" \\ </script>" + Fixtures.unique("html");
        String unicode = "\u202e\u0000\uD83D\uDE00 Ünïcödé 𝔘 ".repeat(700) + Fixtures.unique("uni");
        String body = JSON.writeValueAsString(java.util.Map.of("partnerReference", "AZ-8 ./_-", "concern", unicode,
                "person", java.util.Map.of("fullName", sql, "contact", html)));
        MockHttpServletResponse response = perform(access.signed(submit, "/api/v1/referrals", body));
        assertThat(response.getStatus()).isEqualTo(202);
        JsonNode answer = JSON.readTree(response.getContentAsString());
        assertThat(answer.get("partnerReference").stringValue()).isEqualTo("AZ-8 ./_-");
        Inbox.Entry entry = mine();
        assertThat(entry.referral().fullName()).isEqualTo(sql);
        assertThat(entry.referral().contact()).isEqualTo(html);
        assertThat(entry.referral().concern()).isEqualTo(unicode);
        assertThat(DatabaseScan.find(dataSource, List.of(sql, html.substring(0, 20), "Ünïcödé 𝔘",
                submit.secret(), inform.secret()))).as("nothing in plain text, no secret anywhere").isEmpty();
    }

    @Test
    void managersManageCredentialsForActivePartnersOfTheirOwnOrganisationOnly() throws Exception {
        UUID youth = access.partner(manager, "YOUTH_AND_FAMILY");
        assertThat(access.credential(manager, youth, Scope.SUBMIT_REFERRAL).secret()).hasSize(43);
        StaffPrincipal stranger = fixtures.staff(fixtures.organisation(), Role.MANAGER);
        assertThat(mvc.perform(post("/referrals/credentials").with(as(stranger)).with(csrf())
                .param("partnerId", police.toString()).param("scope", "SUBMIT_REFERRAL")).andReturn().getResponse()
                .getStatus()).as("another organisation's partner").isEqualTo(404);
        mvc.perform(post("/network/partners/{id}/active", youth).with(as(manager)).with(csrf()).param("active", "false"));
        assertThat(mvc.perform(post("/referrals/credentials").with(as(manager)).with(csrf())
                .param("partnerId", youth.toString()).param("scope", "SUBMIT_REFERRAL")).andReturn().getResponse()
                .getStatus()).as("an inactive partner").isEqualTo(404);
        assertThat(mvc.perform(post("/referrals/credentials").with(as(manager)).with(csrf())
                .param("partnerId", police.toString()).param("scope", "READ_EVERYTHING")).andReturn().getResponse()
                .getStatus()).as("no such scope").isEqualTo(400);
        assertThat(mvc.perform(post("/referrals/credentials/{id}/revoke", credentialId(submit)).with(as(stranger))
                .with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(404);
        String list = mvc.perform(get("/referrals/credentials").with(as(manager))).andReturn().getResponse()
                .getContentAsString();
        assertThat(list).contains(submit.keyId()).doesNotContain(submit.secret());
        List<String> audit = jdbc.sql("SELECT action FROM aud_entry WHERE org_id = ?").param(manager.organisationId())
                .query(String.class).list();
        assertThat(audit).contains(InboundActions.CREDENTIAL_CREATED);
    }

    @Test
    void theOpenApiDocumentDescribesBothOperationsAndTheSignature() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/api/openapi.json")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode doc = JSON.readTree(response.getContentAsString());
        JsonNode paths = doc.get("paths");
        assertThat(paths.propertyNames()).containsExactlyInAnyOrder("/api/v1/referrals",
                "/api/v1/referrals/{partnerReference}/information");
        for (String path : List.of("/api/v1/referrals", "/api/v1/referrals/{partnerReference}/information")) {
            JsonNode operation = paths.get(path).get("post");
            assertThat(operation).as(path).isNotNull();
            assertThat(operation.get("responses").has("202")).as(path + " answers 202").isTrue();
            assertThat(operation.get("requestBody")).as(path + " body").isNotNull();
        }
        assertThat(doc.get("components").get("securitySchemes").has(ApiDocumentation.SCHEME)).isTrue();
        assertThat(doc.get("components").get("schemas").has("Referral")).isTrue();
        assertThat(doc.get("components").get("schemas").has("Received")).isTrue();
    }

    private Inbox.Entry mine() {
        List<Inbox.Entry> entries = inbox.oldest(100_000).stream().filter(e -> e.partnerId().equals(police)).toList();
        return entries.get(entries.size() - 1);
    }

    private UUID credentialId(PartnerAccess.Credential c) {
        return jdbc.sql("SELECT id FROM ref_credential WHERE key_id = ?").param(c.keyId()).query(UUID.class).single();
    }

    private org.springframework.http.HttpHeaders copyHeaders(MockHttpServletRequestBuilder built) {
        MockHttpServletRequest request = built.buildRequest(new org.springframework.mock.web.MockServletContext());
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        for (String name : List.of("Exitwork-Key", "Exitwork-Timestamp", "Exitwork-Nonce", "Exitwork-Signature")) {
            headers.add(name, request.getHeader(name));
        }
        return headers;
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private void unauthorized(MockHttpServletRequestBuilder request, String what) throws Exception {
        MockHttpServletResponse response = perform(request);
        assertThat(response.getStatus()).as(what).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).as(what).isEqualTo("Exitwork-HMAC");
        assertThat(response.getContentType()).as(what).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.getContentAsString()).get("status").intValue()).isEqualTo(401);
    }

    private void badRequest(String body, String field) throws Exception {
        MockHttpServletResponse response = perform(access.signed(submit, "/api/v1/referrals", body));
        assertThat(response.getStatus()).as(body.length() > 200 ? body.substring(0, 200) : body).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.getContentAsString()).get("field").stringValue()).as(body.length() > 200
                ? body.substring(0, 200) : body).isEqualTo(field);
    }
}
