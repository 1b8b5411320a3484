package org.exitwork.referrals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.Tandem;
import org.exitwork.referrals.internal.ReferralMatcher;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * R7, the one-way street: "their requests get the same answer whatever the state of the case". For a
 * security partner (police) and a social-service partner, five persons are referred through the API
 * and brought into every state a reference can be in: A never sent, B awaiting assignment, C a
 * prospect, D a client, E ended by the client's choice, F erased, G declined. Both operations answer
 * byte for byte the same (apart from the echoed reference and the Date header) in every state; no
 * GET under /api/** tells one reference from another; and information about an erased or declined
 * person leaves nothing behind.
 */
@DatabaseTest
@AutoConfigureMockMvc
class OneWayStreetTest {

    private static final List<String> STATES = List.of("A", "B", "C", "D", "E", "F", "G");
    private static final Map<String, String> MEANING = Map.of("A", "never sent", "B", "awaiting assignment", "C",
            "a prospect", "D", "a client", "E", "ended by the client's choice", "F", "erased", "G", "declined");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    ReferralMatcher matcher;

    @Autowired
    CaseWork caseWork;

    @Autowired
    DataSource dataSource;

    StaffRequests web;
    PartnerCalls calls;
    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal manager;

    record Answer(int status, String body, Map<String, List<String>> headers) {
    }

    @Test
    void aSecurityPartnerGetsTheSameAnswerWhateverTheStateOfThePerson() throws Exception {
        theSameAnswerInEveryState("POLICE");
    }

    @Test
    void aSocialServiceGetsTheSameAnswerWhateverTheStateOfThePerson() throws Exception {
        theSameAnswerInEveryState("YOUTH_AND_FAMILY");
    }

    private void theSameAnswerInEveryState(String kind) throws Exception {
        web = new StaffRequests(mvc);
        calls = new PartnerCalls(mvc, jdbc, clock);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.staff(org, Role.MANAGER);
        drainInbox(); // whatever other tests left in the shared inbox
        UUID partner = calls.partner(manager, kind);
        PartnerCalls.Credential submit = calls.credential(manager, partner, "SUBMIT_REFERRAL");
        PartnerCalls.Credential inform = calls.credential(manager, partner, "ADD_INFORMATION");

        // References of one length, so that no header (Content-Length) differs by the reference alone.
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Map<String, String> reference = new LinkedHashMap<>();
        STATES.forEach(s -> reference.put(s, "OWS" + tag + "-" + s));

        // B..G are referred through the API and matched one by one; A never is.
        Map<String, UUID> referral = new LinkedHashMap<>();
        for (String state : STATES.subList(1, STATES.size())) {
            assertThat(send(calls.signedPost(submit, "/api/v1/referrals", PartnerCalls.referral(reference.get(state))))
                    .status()).isEqualTo(202);
            drainInbox();
            referral.put(state, newestReferral(partner, referral.values()));
        }
        assertThat(referral.values()).as("six referrals, one per reference").doesNotHaveDuplicates().hasSize(6);

        // C: a prospect; D, E, F: clients; E ended, F erased; G declined.
        Map<String, UUID> client = new LinkedHashMap<>();
        for (String state : List.of("C", "D", "E", "F")) {
            client.put(state, assign(referral.get(state)));
        }
        for (String state : List.of("D", "E", "F")) {
            fixtures.safetyDiscussion(client.get(state), a);
            caseWork.takeOn(a, client.get(state), fixtures.consent(org.id(), "en"), new ClientIdentity(
                    "Client " + state + tag, LocalDate.of(2004, 5, 6), "contact", "alias"), Tandem.with(b.id()));
        }
        assertThat(web.status(post("/cases/{id}/ending/clients-choice", client.get("E"))
                .param("endedOn", LocalDate.now(clock).toString()).param("eraseNow", "false"), a))
                .as("E ended by the client's choice").isEqualTo(302);
        assertThat(web.status(post("/cases/{id}/ending/clients-choice", client.get("F"))
                .param("endedOn", LocalDate.now(clock).toString()).param("eraseNow", "true"), a))
                .as("F ended and erased").isEqualTo(302);
        assertThat(web.status(post("/referrals/{id}/decline", referral.get("G")), manager)).as("G declined")
                .isEqualTo(302);
        assertThat(status(referral.get("B"))).isEqualTo("AWAITING");
        assertThat(status(referral.get("C"))).isEqualTo("ASSIGNED");
        assertThat(stage(client.get("C"))).isEqualTo("PROSPECT");
        assertThat(stage(client.get("D"))).isNotEqualTo("PROSPECT");
        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE id IN (?, ?)", referral.get("F"), referral.get("G")))
                .as("F and G gone").isZero();
        long referralsBefore = count("SELECT COUNT(*) FROM ref_referral WHERE partner_id = ?", partner);
        long informationBefore = count("SELECT COUNT(*) FROM ref_information");

        // Information with each reference: one answer.
        Map<String, String> info = new LinkedHashMap<>();
        STATES.forEach(s -> info.put(s, "Owsinfo" + tag + s));
        Map<String, Answer> informed = new TreeMap<>();
        for (String state : STATES) {
            clock.advance(Duration.ofSeconds(61)); // below the rate limit, whatever the number of states
            informed.put(state, send(calls.signedPost(inform, "/api/v1/referrals/" + reference.get(state)
                    + "/information", PartnerCalls.information(info.get(state)))));
        }
        allTheSame(informed, reference, "add information");

        // The information for the unknown, the erased and the declined person leaves nothing after matching.
        drainInbox();
        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE partner_id = ?", partner)).as("no referral made")
                .isEqualTo(referralsBefore);
        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE id IN (?, ?)", referral.get("F"), referral.get("G")))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM ref_information WHERE referral_id IN (?, ?)", referral.get("F"),
                referral.get("G"))).isZero();
        assertThat(count("SELECT COUNT(*) FROM ref_information")).as("only B, C, D and perhaps E gained information")
                .isBetween(informationBefore + 3, informationBefore + 4);
        assertThat(count("SELECT COUNT(*) FROM ref_information WHERE kind = 'INFORMATION' AND referral_id IN (?, ?, ?)",
                referral.get("B"), referral.get("C"), referral.get("D"))).as("B, C and D gained it").isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM ref_inbox")).isZero();
        assertThat(DatabaseScan.find(dataSource, List.of(info.get("A"), info.get("F"), info.get("G"),
                reference.get("F"), reference.get("G"), reference.get("A")))).as("no plaintext trace").isEmpty();
        assertThat(DatabaseScan.find(dataSource, new ArrayList<>(info.values()))).as("no information in plain text")
                .isEmpty();

        // A new referral with each reference: one answer.
        Map<String, Answer> referred = new TreeMap<>();
        for (String state : STATES) {
            clock.advance(Duration.ofSeconds(61));
            referred.put(state, send(calls.signedPost(submit, "/api/v1/referrals",
                    PartnerCalls.referral(reference.get(state)))));
        }
        allTheSame(referred, reference, "new referral");

        // Nothing a partner can call reveals anything else: every GET under /api/** is refused alike.
        for (PartnerCalls.Credential credential : List.of(submit, inform)) {
            for (String shape : List.of("/api/v1/referrals/%s", "/api/v1/referrals/%s/information",
                    "/api/v1/referrals/%s/status", "/api/v1/referrals/%s/state", "/api/v1/cases/%s",
                    "/api/v1/referrals", "/api/v1/referrals?partnerReference=%s", "/api/%s")) {
                Map<String, Answer> reads = new TreeMap<>();
                for (String state : STATES) {
                    clock.advance(Duration.ofSeconds(3));
                    String path = shape.formatted(reference.get(state));
                    MockHttpServletRequestBuilder get = calls.signed(credential, HttpMethod.GET,
                            path.contains("?") ? path.substring(0, path.indexOf('?')) : path, "");
                    if (path.contains("?")) {
                        get.queryParam("partnerReference", reference.get(state));
                    }
                    Answer answer = send(get);
                    assertThat(answer.status()).as("GET " + path + " (" + MEANING.get(state) + ")").isIn(401, 404);
                    reads.put(state, answer);
                }
                allTheSame(reads, reference, "GET " + shape);
            }
        }
    }

    /** Same status, same body apart from the reference, same header names and values but for Date. */
    private static void allTheSame(Map<String, Answer> answers, Map<String, String> reference, String what) {
        Answer first = answers.get("A");
        for (Map.Entry<String, Answer> e : answers.entrySet()) {
            String state = e.getKey();
            Answer answer = e.getValue();
            String as = what + " for " + state + " (" + MEANING.get(state) + ")";
            if (what.startsWith("new referral") || what.startsWith("add information")) {
                assertThat(answer.status()).as(as).isEqualTo(202);
                assertThat(answer.body()).as(as).contains("\"status\":\"received\"")
                        .contains("\"partnerReference\":\"" + reference.get(state) + "\"");
            }
            assertThat(answer.status()).as(as).isEqualTo(first.status());
            assertThat(answer.body().replace(reference.get(state), "REF")).as(as)
                    .isEqualTo(first.body().replace(reference.get("A"), "REF"));
            assertThat(answer.headers().keySet()).as(as + ": header names").isEqualTo(first.headers().keySet());
            for (String header : answer.headers().keySet()) {
                if (!header.equalsIgnoreCase("Date")) {
                    assertThat(answer.headers().get(header)).as(as + ": " + header).isEqualTo(first.headers().get(header));
                }
            }
        }
    }

    private Answer send(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : new TreeSet<>(response.getHeaderNames())) {
            headers.put(name, response.getHeaders(name));
        }
        return new Answer(response.getStatus(), response.getContentAsString(), headers);
    }

    private UUID newestReferral(UUID partner, java.util.Collection<UUID> known) {
        List<UUID> ids = new ArrayList<>(jdbc.sql("SELECT id FROM ref_referral WHERE partner_id = ?")
                .param(partner).query(UUID.class).list());
        ids.removeAll(known);
        assertThat(ids).as("one new referral").hasSize(1);
        return ids.get(0);
    }

    private UUID assign(UUID referral) throws Exception {
        assertThat(web.status(post("/referrals/{id}/assign", referral).param("practitionerId", a.id().toString()),
                manager)).as("assigned").isEqualTo(302);
        return jdbc.sql("SELECT client_id FROM ref_referral WHERE id = ?").param(referral).query(UUID.class).single();
    }

    private String status(UUID referral) {
        return jdbc.sql("SELECT status FROM ref_referral WHERE id = ?").param(referral).query(String.class).single();
    }

    private String stage(UUID client) {
        return jdbc.sql("SELECT stage FROM cas_client WHERE id = ?").param(client).query(String.class).single();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** Runs the matcher until the shared inbox is empty (it works in batches). */
    private void drainInbox() {
        for (int i = 0; i < 1_000 && matcher.matchNow() > 0; i++) {
            // next batch
        }
    }
}
