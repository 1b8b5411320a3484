package org.exitwork.disclosure;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Case vignettes for cross-evaluation groups (R16), through the web: the tandem alone writes one under a
 * random code; everything that may identify is flagged and blocks the review; a second colleague who is no
 * author releases it through the gate to the group, recorded as a disclosure; released it is read-only;
 * the group's members (staff and peers) read it and give feedback along the principles, nobody else sees
 * either; the authors withdraw it and print it with the feedback; erasing the client deletes it all.
 */
@DatabaseTest
@AutoConfigureMockMvc
class VignettesTest {

    private static final Pattern CODE = Pattern.compile("data-testid=\"vignette-code\">(V-[A-Z2-9]{4})<");

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

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal reviewer;
    StaffPrincipal manager;
    StaffPrincipal dpo;
    StaffPrincipal peer;
    StaffPrincipal outsiderPeer;
    RegisteredClient client;
    String m;
    UUID group;
    UUID otherGroup;

    @BeforeEach
    void setUp() throws Exception {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        reviewer = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.staff(org, Role.MANAGER);
        dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        m = Fixtures.unique("vg").replace("-", "").toLowerCase(Locale.ROOT);
        client = fixtures.client(a, b, "Jonas Brueckner");
        peer = invite("Petra Peer");
        outsiderPeer = invite("Otto Outside");
        group = createGroup("North " + m);
        otherGroup = createGroup("South " + m);
        addMember(group, a);
        addMember(group, peer);
        addMember(otherGroup, outsiderPeer);
        assertThat(web.status(post("/cases/{id}/context/persons", client.id()).param("relation", "PARENT")
                .param("name", "Marta Brueckner").param("note", ""), a)).isEqualTo(302);
        assertThat(web.status(post("/cases/{id}/context/institutions", client.id()).param("kind", "PRISON")
                .param("institutionName", "JVA Wiesengrund").param("since", LocalDate.now(clock).minusYears(1).toString()),
                a)).isEqualTo(302);
    }

    private StaffPrincipal invite(String name) throws Exception {
        String username = Fixtures.unique("peer").toLowerCase(Locale.ROOT);
        assertThat(web.status(post("/peer-groups/peers").param("displayName", name).param("username", username)
                .param("homeOrganisation", "Neighbouring exit NGO"), manager)).isEqualTo(200);
        UUID id = jdbc.sql("SELECT id FROM acc_staff WHERE username = ?").param(username).query(UUID.class).single();
        return new StaffPrincipal(id, org.id(), username, name, Role.PEER);
    }

    private UUID createGroup(String name) throws Exception {
        MockHttpServletResponse created = web.perform(post("/peer-groups").param("name", name), manager);
        assertThat(created.getStatus()).isEqualTo(302);
        return UUID.fromString(created.getRedirectedUrl().substring("/peer-groups/".length()));
    }

    private void addMember(UUID groupId, StaffPrincipal member) throws Exception {
        assertThat(web.status(post("/peer-groups/{id}/members", groupId).param("staffId", member.id().toString()),
                manager)).isEqualTo(302);
    }

    private String url(String rest) {
        return "/cases/" + client.id() + "/vignettes" + rest;
    }

    private UUID write(String title, String narrative) throws Exception {
        MockHttpServletResponse written = web.perform(post(url("")).param("groupId", group.toString())
                .param("title", title).param("narrative", narrative), a);
        assertThat(written.getStatus()).isEqualTo(302);
        return UUID.fromString(written.getRedirectedUrl().substring(url("/").length()));
    }

    private int version(UUID vignette) {
        return jdbc.sql("SELECT row_version FROM dis_vignette WHERE id = ?").param(vignette).query(Integer.class).single();
    }

    private String status(UUID vignette) {
        return jdbc.sql("SELECT status FROM dis_vignette WHERE id = ?").param(vignette).query(String.class).single();
    }

    private MockHttpServletRequestBuilder submit(UUID vignette) {
        return post(url("/" + vignette + "/submit")).param("version", Integer.toString(version(vignette)));
    }

    private MockHttpServletRequestBuilder release(UUID vignette) {
        return post("/vignettes/review/{v}/release", vignette).param("version", Integer.toString(version(vignette)));
    }

    private long rows(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + (table.equals("dis_vignette_feedback")
                ? "client_id" : "client_id") + " = ?").param(client.id()).query(Long.class).single();
    }

    /** Written, clean, submitted and released by the reviewer: the vignette's id. */
    private UUID released(String title, String narrative) throws Exception {
        UUID vignette = write(title, narrative);
        assertThat(web.status(submit(vignette), a)).isEqualTo(302);
        assertThat(web.status(release(vignette), reviewer)).isEqualTo(302);
        assertThat(status(vignette)).isEqualTo("RELEASED");
        return vignette;
    }

    private String groupUrl(UUID vignette) {
        return "/peer-groups/" + group + "/vignettes/" + vignette;
    }

    @Test
    void theTandemWritesAVignetteUnderARandomCodeSealedWithTheClientsKey() throws Exception {
        String narrative = "Narrative" + m + " about doubts and a slow way out.";
        UUID vignette = write("Title" + m, narrative);
        String page = web.page(url("/" + vignette), b);
        Matcher code = CODE.matcher(page);
        assertThat(code.find()).isTrue();
        assertThat(code.group(1)).isNotEqualTo(client.pseudonym());
        assertThat(jdbc.sql("SELECT code FROM dis_vignette WHERE id = ?").param(vignette).query(String.class).single())
                .isEqualTo(code.group(1));
        assertThat(page).contains("Title" + m, "data-testid=\"vignette-status\">Draft<", "data-testid=\"vignette-submit\"")
                .doesNotContain("data-testid=\"vignette-flags\"");
        assertThat(status(vignette)).isEqualTo("DRAFT");
        assertThat(DatabaseScan.find(dataSource, List.of("Narrative" + m, "Title" + m))).isEmpty();
        assertThat(web.page(url(""), a)).contains(code.group(1), "Title" + m);
        // Only for a group the author is a member of; b is in none.
        assertThat(web.page(url(""), b)).contains("data-testid=\"no-groups\"");
        assertThat(web.status(post(url("")).param("groupId", otherGroup.toString()).param("title", "T")
                .param("narrative", "N"), a)).isEqualTo(400);
        assertThat(web.status(post(url("")).param("groupId", group.toString()).param("title", "T")
                .param("narrative", "N"), b)).isEqualTo(400);
        assertThat(rows("dis_vignette")).isEqualTo(1);
    }

    @Test
    void nobodyButTheTandemReachesTheCaseSide() throws Exception {
        UUID vignette = write("Title" + m, "Narrative" + m);
        for (StaffPrincipal who : List.of(reviewer, manager, dpo)) {
            assertThat(web.status(get(url("")), who)).as(who.username()).isEqualTo(403);
            assertThat(web.status(get(url("/" + vignette)), who)).as(who.username()).isEqualTo(403);
            assertThat(web.status(get(url("/new")), who)).as(who.username()).isEqualTo(403);
        }
        assertThat(web.status(get(url("")), peer)).isEqualTo(403);
        assertThat(web.status(post("/cases/{id}/break-glass", client.id()).param("reason", "EMERGENCY")
                .param("explanation", "The tandem cannot be reached tonight"), reviewer)).isEqualTo(302);
        assertThat(web.status(get(url("")), reviewer)).isEqualTo(403);
        assertThat(web.status(get(url("/" + vignette)), reviewer)).isEqualTo(403);
        assertThat(web.status(post(url("")).param("groupId", group.toString()).param("title", "T")
                .param("narrative", "N"), reviewer)).isEqualTo(403);
        assertThat(rows("dis_vignette")).isEqualTo(1);
    }

    @Test
    void whatMayIdentifyIsFlaggedAsWrittenAndBlocksTheReviewUntilCorrected() throws Exception {
        UUID vignette = write("Jonas and the JVA Wiesengrund",
                "His mother Marta called from 0151 2345678, wrote to jonas@mail.example, lives at Lindenweg 4; "
                        + "born 02.01.1999, account DE89 3704 0044 0532 0130 00, we met on 3 April 2025.");
        MockHttpServletResponse shown = web.perform(get(url("/" + vignette)), a);
        String page = shown.getContentAsString();
        assertThat(page).contains("data-testid=\"vignette-flags\"", "data-testid=\"submit-blocked\"")
                .doesNotContain("data-testid=\"vignette-submit\"");
        List<String> flags = new java.util.ArrayList<>();
        Matcher flag = Pattern.compile("data-kind=\"([A-Z_]+)\">\\s*<a href=\"#narrative\"><span>[^<]+</span>: <q>([^<]+)</q>")
                .matcher(page);
        while (flag.find()) {
            flags.add(flag.group(1) + "=" + flag.group(2));
        }
        assertThat(flags).containsExactly("NAME=Jonas", "INSTITUTION=JVA Wiesengrund", "CONTEXT_PERSON=Marta",
                "TELEPHONE=0151 2345678", "EMAIL=jonas@mail.example", "POSTAL_ADDRESS=Lindenweg 4",
                "DATE_OF_BIRTH=02.01.1999", "IBAN=DE89 3704 0044 0532 0130 00", "DATE=3 April 2025");
        assertThat(page).containsPattern("The client(&#39;|')s name</span>: <q>Jonas</q>");
        assertThat(web.status(submit(vignette), a)).isEqualTo(400);
        assertThat(status(vignette)).isEqualTo("DRAFT");

        assertThat(web.status(post(url("/" + vignette)).param("title", "A young man and a long stay")
                .param("narrative", "His mother called often; we met him every two weeks for a year.")
                .param("version", Integer.toString(version(vignette))), a)).isEqualTo(302);
        assertThat(web.page(url("/" + vignette), a)).doesNotContain("data-testid=\"vignette-flags\"")
                .contains("data-testid=\"vignette-submit\"");
        assertThat(web.status(submit(vignette), b)).isEqualTo(302);
        assertThat(status(vignette)).isEqualTo("IN_REVIEW");
    }

    @Test
    void aSecondColleagueWhoIsNoAuthorReleasesItThroughTheGateToTheGroup() throws Exception {
        UUID vignette = write("Title" + m, "Narrative" + m);
        assertThat(web.status(submit(vignette), a)).isEqualTo(302);
        // The authors cannot review their own vignette; it is not among theirs to review.
        assertThat(web.page("/vignettes/review", a)).doesNotContain(vignette.toString());
        assertThat(web.status(get("/vignettes/review/{v}", vignette), a)).isEqualTo(403);
        assertThat(web.status(release(vignette), b)).isEqualTo(403);
        assertThat(web.status(get("/vignettes/review/{v}", vignette), dpo)).isEqualTo(403);
        assertThat(web.status(get("/vignettes/review/{v}", vignette), peer)).isEqualTo(403);

        assertThat(web.page("/vignettes/review", reviewer)).contains("/vignettes/review/" + vignette);
        String review = web.page("/vignettes/review/" + vignette, reviewer);
        assertThat(review).contains("Title" + m, "Narrative" + m).doesNotContain(client.pseudonym(),
                client.id().toString());
        assertThat(web.status(release(vignette), reviewer)).isEqualTo(302);
        assertThat(status(vignette)).isEqualTo("RELEASED");
        assertThat(jdbc.sql("SELECT channel, peer_group_id, partner_id FROM dis_disclosure WHERE client_id = ?")
                .param(client.id()).query((rs, n) -> rs.getString(1) + " " + rs.getObject(2, UUID.class) + " "
                        + rs.getObject(3, UUID.class)).list())
                .containsExactly("VIGNETTE_TO_PEERS " + group + " null");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = 'DISCLOSURE_GRANTED' AND subject = ?")
                .param(client.pseudonym()).query(Long.class).single()).isEqualTo(1);
        // Decided: no longer open to review.
        assertThat(web.status(get("/vignettes/review/{v}", vignette), reviewer)).isEqualTo(404);
        assertThat(web.status(release(vignette), reviewer)).isEqualTo(404);
        // The client's report names it among what went out: the group, never the text.
        MockHttpServletResponse export = web.perform(get("/cases/{id}/client-report/export", client.id()), a);
        assertThat(export.getStatus()).isEqualTo(200);
        String json = null;
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(export.getContentAsByteArray()))) {
            for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("export.json")) {
                    json = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(json).contains("North " + m, "an anonymised case vignette for a peer group")
                .doesNotContain("Narrative" + m);
    }

    @Test
    void aReleasedVignetteIsReadOnly() throws Exception {
        UUID vignette = released("Title" + m, "Narrative" + m);
        int version = version(vignette);
        assertThat(web.status(post(url("/" + vignette)).param("title", "Changed").param("narrative", "Changed")
                .param("version", Integer.toString(version)), a)).isEqualTo(409);
        assertThat(web.status(post(url("/" + vignette + "/submit")).param("version", Integer.toString(version)), a))
                .isEqualTo(409);
        assertThat(web.status(post("/vignettes/review/{v}/send-back", vignette)
                .param("version", Integer.toString(version)), reviewer)).isEqualTo(404);
        assertThat(version(vignette)).isEqualTo(version);
        String page = web.page(url("/" + vignette), a);
        assertThat(page).contains("Title" + m, "Narrative" + m).doesNotContain("data-testid=\"vignette-edit\"");
    }

    @Test
    void theGroupsMembersReadItAndGiveFeedbackAlongThePrinciplesNobodyElseSeesIt() throws Exception {
        UUID vignette = released("Title" + m, "Narrative" + m);
        String list = web.page("/peer-groups/" + group + "/vignettes", peer);
        assertThat(list).contains("Title" + m).doesNotContain(client.pseudonym(), client.id().toString());
        String read = web.page(groupUrl(vignette), peer);
        assertThat(read).contains("Title" + m, "Narrative" + m).doesNotContain(client.pseudonym(),
                client.id().toString(), "/cases/");
        assertThat(web.page("/peer-groups/" + group, peer)).contains("data-testid=\"vignettes-link\"");

        assertThat(web.status(post(groupUrl(vignette) + "/feedback").param("principles", "TANDEM", "RESOURCES_FIRST")
                .param("text", "Feedback" + m), peer)).isEqualTo(302);
        assertThat(web.status(post(groupUrl(vignette) + "/feedback").param("text", "No principle" + m), a))
                .isEqualTo(400);
        assertThat(web.status(post(groupUrl(vignette) + "/feedback").param("principles", "NO_SUCH")
                .param("text", "Unknown" + m), a)).isEqualTo(400);
        assertThat(rows("dis_vignette_feedback")).isEqualTo(1);
        assertThat(web.page(groupUrl(vignette), a)).contains("Feedback" + m, "Petra Peer", "Tandem", "Resources first");
        assertThat(DatabaseScan.find(dataSource, List.of("Feedback" + m))).isEmpty();

        // Outside the group nobody finds it: not the other group's peer, not the manager who keeps the group.
        for (StaffPrincipal who : List.of(outsiderPeer, manager, b, reviewer)) {
            assertThat(web.status(get(groupUrl(vignette)), who)).as(who.username()).isEqualTo(404);
            assertThat(web.status(get("/peer-groups/{g}/vignettes", group), who)).as(who.username()).isEqualTo(404);
            assertThat(web.status(post(groupUrl(vignette) + "/feedback").param("principles", "TANDEM")
                    .param("text", "Outsider" + m), who)).as(who.username()).isEqualTo(404);
        }
        assertThat(web.status(get(groupUrl(vignette)), dpo)).isEqualTo(403);
        assertThat(web.status(get("/peer-groups/{g}/vignettes/{v}", otherGroup, vignette), outsiderPeer)).isEqualTo(404);
        assertThat(rows("dis_vignette_feedback")).isEqualTo(1);

        // The authors print it with the feedback for their portfolio; nobody else can.
        String print = web.page(url("/" + vignette + "/print"), b);
        assertThat(print).contains("Title" + m, "Narrative" + m, "Feedback" + m, "vignette-print");
        assertThat(web.status(get(url("/" + vignette + "/print")), reviewer)).isEqualTo(403);
        assertThat(web.status(get(url("/" + vignette + "/print")), peer)).isEqualTo(403);
    }

    @Test
    void aMemberCorrectsTheirOwnFeedbackAndNobodyElseCan() throws Exception {
        UUID vignette = released("Title" + m, "Narrative" + m);
        assertThat(web.status(post(groupUrl(vignette) + "/feedback").param("principles", "TRUST")
                .param("text", "Firstwords" + m), peer)).isEqualTo(302);
        assertThat(web.status(post(groupUrl(vignette) + "/feedback").param("principles", "TANDEM")
                .param("text", "Colleague" + m), a)).isEqualTo(302);
        UUID feedback = jdbc.sql("SELECT id FROM dis_vignette_feedback WHERE given_by = ?").param(peer.id())
                .query(UUID.class).single();
        String correction = groupUrl(vignette) + "/feedback/" + feedback;

        // The giver finds the way to it on the group's page; the other member sees no such link for it.
        assertThat(web.page(groupUrl(vignette), peer)).contains("href=\"" + correction + "\"");
        assertThat(web.page(groupUrl(vignette), a)).doesNotContain(correction).contains("Firstwords" + m);
        assertThat(web.page(correction, peer)).contains("Firstwords" + m, "data-testid=\"feedback-correction-form\"");

        // Nobody else opens or changes it: not the other member, not outsiders, not the authors; the DPO not at all.
        for (StaffPrincipal who : List.of(a, outsiderPeer, manager, b, reviewer)) {
            assertThat(web.status(get(correction), who)).as(who.username()).isEqualTo(404);
            assertThat(web.status(post(correction).param("principles", "ENDING").param("text", "Taken over" + m), who))
                    .as(who.username()).isEqualTo(404);
        }
        assertThat(web.status(get(correction), dpo)).isEqualTo(403);
        assertThat(web.status(post(correction).param("principles", "ENDING").param("text", "Taken over" + m), dpo))
                .isEqualTo(403);
        // Someone else's feedback under the giver's own name is no way in either.
        UUID colleagues = jdbc.sql("SELECT id FROM dis_vignette_feedback WHERE given_by = ?").param(a.id())
                .query(UUID.class).single();
        assertThat(web.status(post(groupUrl(vignette) + "/feedback/" + colleagues).param("principles", "ENDING")
                .param("text", "Taken over" + m), peer)).isEqualTo(404);
        // Bad input is refused and changes nothing.
        MockHttpServletResponse refused = web.perform(post(correction).param("text", "No principle" + m), peer);
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("data-error-summary", "href=\"#principles\"",
                "No principle" + m, "data-testid=\"feedback-correction-form\"");
        assertThat(web.status(post(correction).param("principles", "TRUST").param("text", " "), peer)).isEqualTo(400);
        assertThat(web.status(post(correction).param("principles", "NO_SUCH").param("text", "Unknown" + m), peer))
                .isEqualTo(400);
        assertThat(web.status(post(correction).param("principles", "TRUST").param("text", "x".repeat(5_001)), peer))
                .isEqualTo(400);
        assertThat(jdbc.sql("SELECT principles FROM dis_vignette_feedback WHERE id = ?").param(feedback)
                .query(String.class).single()).isEqualTo("TRUST");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_vignette_feedback WHERE corrected_at IS NOT NULL AND client_id = ?")
                .param(client.id()).query(Long.class).single()).isZero();
        assertThat(web.page(groupUrl(vignette), a)).contains("Firstwords" + m, "Colleague" + m)
                .doesNotContain("Taken over" + m, "data-testid=\"feedback-corrected\"");

        MockHttpServletResponse saved = web.perform(post(correction).param("principles", "ENDING", "TRUST")
                .param("text", "Betterwords" + m), peer);
        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(saved.getRedirectedUrl()).isEqualTo(groupUrl(vignette) + "#feedback");
        assertThat(jdbc.sql("SELECT principles FROM dis_vignette_feedback WHERE id = ?").param(feedback)
                .query(String.class).single()).isEqualTo("TRUST,ENDING");
        assertThat(rows("dis_vignette_feedback")).isEqualTo(2);
        String read = web.page(groupUrl(vignette), a);
        assertThat(read).contains("Betterwords" + m, "Colleague" + m, "data-testid=\"feedback-corrected\"")
                .doesNotContain("Firstwords" + m);
        assertThat(web.page(url("/" + vignette), b)).contains("Betterwords" + m, "data-testid=\"feedback-corrected\"")
                .doesNotContain("feedback-correct\"");
        assertThat(DatabaseScan.find(dataSource, List.of("Betterwords" + m, "Firstwords" + m))).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = 'VIGNETTE_FEEDBACK_CORRECTED' AND actor_id = ?")
                .param(peer.id()).query(Long.class).single()).isEqualTo(1);

        // Withdrawn, the vignette is gone from the group, and so is the way to correct its feedback.
        assertThat(web.status(post(url("/" + vignette + "/withdraw")), b)).isEqualTo(302);
        assertThat(web.status(get(correction), peer)).isEqualTo(404);
        assertThat(web.status(post(correction).param("principles", "TRUST").param("text", "Too late" + m), peer))
                .isEqualTo(404);
        assertThat(web.page(url("/" + vignette), a)).contains("Betterwords" + m).doesNotContain("Too late" + m);
    }

    /**
     * The giver's own feedback id under another released vignette of the same group, or under another group,
     * reaches nothing; nor does it once the giver has left the group. Only other methods than GET and POST are
     * not there at all.
     */
    @Test
    void aCorrectionNamesItsOwnVignetteInTheGroupOfAMember() throws Exception {
        UUID vignette = released("Title" + m, "Narrative" + m);
        UUID other = released("Second" + m, "Second narrative" + m);
        assertThat(web.status(post(groupUrl(vignette) + "/feedback").param("principles", "TRUST")
                .param("text", "Firstwords" + m), peer)).isEqualTo(302);
        UUID feedback = jdbc.sql("SELECT id FROM dis_vignette_feedback WHERE given_by = ?").param(peer.id())
                .query(UUID.class).single();
        String correction = groupUrl(vignette) + "/feedback/" + feedback;
        for (String elsewhere : List.of(groupUrl(other) + "/feedback/" + feedback,
                "/peer-groups/" + otherGroup + "/vignettes/" + vignette + "/feedback/" + feedback)) {
            assertThat(web.status(get(elsewhere), peer)).as(elsewhere).isEqualTo(404);
            assertThat(web.status(post(elsewhere).param("principles", "ENDING").param("text", "Moved" + m), peer))
                    .as(elsewhere).isEqualTo(404);
        }
        assertThat(web.status(put(correction).param("principles", "ENDING").param("text", "Put" + m), peer))
                .isEqualTo(405);
        assertThat(web.status(delete(correction), peer)).isEqualTo(405);
        // Nine principles (one twice) are too many; the same one three times is that one.
        assertThat(web.status(post(correction).param("principles", "VOLUNTARINESS", "TRUST", "TANDEM", "OPEN_PROCESS",
                "RESOURCES_FIRST", "CONFIDENTIALITY", "FAMILY_AND_CONTEXT", "ENDING", "TRUST")
                .param("text", "Nine" + m), peer)).isEqualTo(400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_vignette_feedback WHERE corrected_at IS NOT NULL AND client_id = ?")
                .param(client.id()).query(Long.class).single()).isZero();
        assertThat(web.status(post(correction).param("principles", "ENDING", "ENDING", "ENDING")
                .param("text", "<script>alert(1)</script>" + m), peer)).isEqualTo(302);
        assertThat(jdbc.sql("SELECT principles FROM dis_vignette_feedback WHERE id = ?").param(feedback)
                .query(String.class).single()).isEqualTo("ENDING");
        assertThat(web.page(groupUrl(vignette), a)).contains("&lt;script&gt;alert(1)&lt;/script&gt;" + m)
                .doesNotContain("<script>alert(1)");
        assertThat(web.page(correction, peer)).contains("&lt;script&gt;alert(1)&lt;/script&gt;" + m)
                .doesNotContain("<script>alert(1)");

        // Removed from the group, the giver corrects nothing there any more.
        assertThat(web.status(post("/peer-groups/{id}/members/{s}/remove", group, peer.id()), manager)).isEqualTo(302);
        assertThat(web.status(get(correction), peer)).isEqualTo(404);
        assertThat(web.status(post(correction).param("principles", "TRUST").param("text", "Gone" + m), peer))
                .isEqualTo(404);
        assertThat(web.page(groupUrl(vignette), a)).doesNotContain("Gone" + m, "Moved" + m, "Put" + m);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = 'VIGNETTE_FEEDBACK_CORRECTED' AND actor_id = ?")
                .param(peer.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theAuthorsWithdrawItAndTheGroupNoLongerSeesIt() throws Exception {
        UUID vignette = released("Title" + m, "Narrative" + m);
        assertThat(web.status(post(groupUrl(vignette) + "/feedback").param("principles", "TRUST")
                .param("text", "Feedback" + m), peer)).isEqualTo(302);
        assertThat(web.status(post(url("/" + vignette + "/withdraw")), reviewer)).isEqualTo(403);
        assertThat(web.status(post(url("/" + vignette + "/withdraw")), b)).isEqualTo(302);
        assertThat(status(vignette)).isEqualTo("WITHDRAWN");
        assertThat(web.status(get(groupUrl(vignette)), peer)).isEqualTo(404);
        assertThat(web.page("/peer-groups/" + group + "/vignettes", peer)).doesNotContain("Title" + m)
                .contains("data-testid=\"no-vignettes\"");
        assertThat(web.status(post(url("/" + vignette + "/withdraw")), a)).isEqualTo(409);
        // What remains: the authors' own copy with its feedback, and the disclosure record.
        assertThat(web.page(url("/" + vignette), a)).contains("data-testid=\"withdrawn\"", "Feedback" + m);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_disclosure WHERE client_id = ?").param(client.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void erasingTheClientWithdrawsAndDeletesTheVignettesAndTheirFeedback() throws Exception {
        UUID vignette = released("Title" + m, "Narrative" + m);
        write("Draft" + m, "Draft narrative" + m);
        assertThat(web.status(post(groupUrl(vignette) + "/feedback").param("principles", "ENDING")
                .param("text", "Feedback" + m), peer)).isEqualTo(302);
        assertThat(rows("dis_vignette")).isEqualTo(2);
        assertThat(web.status(post("/cases/{id}/ending/clients-choice", client.id())
                .param("endedOn", LocalDate.now(clock).toString()).param("eraseNow", "true"), a)).isEqualTo(302);
        assertThat(rows("dis_vignette")).isZero();
        assertThat(rows("dis_vignette_feedback")).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_disclosure WHERE client_id = ?").param(client.id())
                .query(Long.class).single()).isZero();
        assertThat(web.status(get(groupUrl(vignette)), peer)).isEqualTo(404);
        assertThat(web.page("/peer-groups/" + group + "/vignettes", peer)).contains("data-testid=\"no-vignettes\"");
        assertThat(DatabaseScan.find(dataSource, List.of("Title" + m, "Narrative" + m, "Feedback" + m, "Draft" + m)))
                .isEmpty();
    }
}
