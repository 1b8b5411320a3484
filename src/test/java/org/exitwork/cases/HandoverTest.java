package org.exitwork.cases;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * R2: a case changes hands. A programme manager or the tandem puts someone in a member's place, adds
 * or lets one go, with a reason; access follows the tandem at once; a case keeps an active member;
 * a deactivated person's cases wait on the manager's overview until each is handed over.
 */
@DatabaseTest
@AutoConfigureMockMvc
class HandoverTest {

    static final String NOTE_MARKER = "Handovernote-Quokka";
    static final String SESSION = "We spoke about the new flat of his brother.";

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    DataSource dataSource;

    @Autowired
    List<ClientRecordPart> reportParts;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal c;
    StaffPrincipal manager;
    RegisteredClient client;

    @BeforeEach
    void aCaseCarriedByAAndB() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        c = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.staff(org, Role.MANAGER);
        client = fixtures.client(a, b, "Handover Client");
        fixtures.note(a, client.id(), SESSION);
    }

    @Test
    void aManagerPutsSomeoneInAMembersPlaceAndAccessFollowsAtOnce() throws Exception {
        assertThat(status(get("/cases/{id}/sessions", client.id()), c)).as("before: not in the tandem").isEqualTo(403);

        MockHttpServletResponse changed = perform(change(client.id(), b.id(), c.id(), "LEAVING", NOTE_MARKER), manager);
        assertThat(changed.getStatus()).isEqualTo(302);
        assertThat(changed.getRedirectedUrl()).isEqualTo("/cases/" + client.id() + "/tandem");
        assertThat(tandem(client.id())).containsExactly(a.id(), c.id());

        MockHttpServletResponse newcomer = perform(get("/cases/{id}/sessions", client.id()), c);
        assertThat(newcomer.getStatus()).as("the newcomer reads the whole history").isEqualTo(200);
        assertThat(newcomer.getContentAsString()).contains(SESSION);
        assertThat(status(get("/cases/{id}", client.id()), b)).as("whoever left: the break-the-glass page").isEqualTo(403);
        assertThat(status(get("/cases/{id}/sessions", client.id()), b)).isEqualTo(403);
        assertThat(status(get("/cases/{id}/tandem", client.id()), b)).isEqualTo(403);

        assertThat(audit.about(org.id(), client.pseudonym())).filteredOn(e -> e.action().startsWith("TANDEM_MEMBER"))
                .extracting(AuditEntry::action, AuditEntry::detail)
                .containsExactly(
                        tuple("TANDEM_MEMBER_LEFT", "@tandem.member|" + b.id() + "|LEAVING"),
                        tuple("TANDEM_MEMBER_JOINED", "@tandem.member|" + c.id() + "|LEAVING"));
        assertThat(DatabaseScan.find(dataSource, List.of(NOTE_MARKER))).as("the note is sealed").isEmpty();

        String tandemPage = perform(get("/cases/{id}/tandem", client.id()), c).getContentAsString();
        assertThat(tandemPage).as("the tandem reads the note").contains(NOTE_MARKER).contains("leaving the organisation");
        String managersView = perform(get("/cases/{id}/tandem", client.id()), manager).getContentAsString();
        assertThat(managersView).as("the manager arranges, but reads no note").doesNotContain(NOTE_MARKER)
                .contains("leaving the organisation").doesNotContain(SESSION);

        List<ClientRecordSection.Item> report = report(client.id(), "tandem-changes");
        assertThat(report).extracting(ClientRecordSection.Item::value).containsExactly(
                name(b) + " left (leaving the organisation)", name(c) + " joined (leaving the organisation)");
        assertThat(report.toString()).doesNotContain(NOTE_MARKER);
    }

    @Test
    void theDiversityViewFollowsTheNewTandem() throws Exception {
        profile(a, "WOMAN");
        profile(b, "WOMAN");
        profile(c, "MAN");
        assertThat(genderState(a)).isEqualTo("SAME");
        assertThat(status(change(client.id(), b.id(), c.id(), "CLIENTS_WISH", ""), a)).isEqualTo(302);
        assertThat(genderState(a)).isEqualTo("DIFFERENT");
        assertThat(genderState(c)).isEqualTo("DIFFERENT");
    }

    @Test
    void nobodyOutsideTheTandemButAManagerHandsOver() throws Exception {
        StaffPrincipal colleague = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        // Breaking the glass lets a colleague read, never change who carries the case.
        assertThat(status(post("/cases/{id}/break-glass", client.id()).param("reason", "ABSENCE")
                .param("explanation", "Both of the tandem are away this week"), colleague)).isEqualTo(302);
        for (StaffPrincipal outsider : List.of(colleague, dpo, org.admin(), c)) {
            assertThat(status(change(client.id(), b.id(), outsider.id(), "OTHER", ""), outsider))
                    .as(outsider.role() + " hands over").isEqualTo(403);
            assertThat(status(get("/cases/{id}/tandem", client.id()), outsider)).isEqualTo(403);
        }
        Fixtures.Organisation foreign = fixtures.organisation();
        StaffPrincipal foreignManager = fixtures.staff(foreign, Role.MANAGER);
        assertThat(status(change(client.id(), b.id(), c.id(), "OTHER", ""), foreignManager)).isEqualTo(404);
        assertThat(status(get("/manage/handovers/{s}", b.id()), foreignManager)).isEqualTo(404);
        assertThat(status(get("/manage/handovers/{s}", b.id()), a)).isEqualTo(403);

        assertThat(tandem(client.id())).containsExactly(a.id(), b.id());
        assertThat(changeRows(client.id())).isZero();
    }

    @Test
    void withoutAReasonNothingChanges() throws Exception {
        MockHttpServletResponse response = perform(post("/cases/{id}/tandem", client.id()).param("leaving", b.id().toString())
                .param("joining", c.id().toString()).param("note", ""), a);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("Please choose a reason.");
        assertThat(status(change(client.id(), null, null, "OTHER", ""), a)).as("nobody chosen").isEqualTo(400);
        assertThat(status(change(client.id(), b.id(), manager.id(), "OTHER", ""), a)).as("a manager is no practitioner")
                .isEqualTo(400);
        assertThat(tandem(client.id())).containsExactly(a.id(), b.id());
        assertThat(changeRows(client.id())).isZero();
    }

    @Test
    void lettingOneGoNeedsTheReasonForWorkingAloneAndTheLastActiveMemberStays() throws Exception {
        assertThat(status(change(client.id(), b.id(), null, "CONFLICT", " "), a)).as("alone without a reason").isEqualTo(400);
        assertThat(tandem(client.id())).containsExactly(a.id(), b.id());

        assertThat(status(change(client.id(), b.id(), null, "CONFLICT", "The client asked to work with one person"), a))
                .isEqualTo(302);
        assertThat(tandem(client.id())).containsExactly(a.id());
        assertThat(singleReason(client.id())).as("the recorded reason, sealed").isTrue();

        assertThat(status(change(client.id(), a.id(), null, "LEAVING", "Nobody left"), a)).as("the last member")
                .isEqualTo(409);
        assertThat(tandem(client.id())).containsExactly(a.id());

        // A tandem member adds a second practitioner: two again, no reason for working alone any more.
        assertThat(status(change(client.id(), null, c.id(), "CLIENTS_WISH", ""), a)).isEqualTo(302);
        assertThat(tandem(client.id())).containsExactly(a.id(), c.id());
        assertThat(singleReason(client.id())).isFalse();
        assertThat(status(change(client.id(), null, b.id(), "OTHER", ""), a)).as("no third member").isEqualTo(409);

        // A member who lets themselves go loses the case at once.
        MockHttpServletResponse gone = perform(change(client.id(), a.id(), b.id(), "ABSENCE", ""), a);
        assertThat(gone.getRedirectedUrl()).isEqualTo("/cases");
        assertThat(status(get("/cases/{id}", client.id()), a)).isEqualTo(403);
    }

    @Test
    void aDeactivatedPersonsCasesWaitOnTheOverviewUntilEachIsHandedOver() throws Exception {
        RegisteredClient second = fixtures.client(b, a, "Second Handover Client");
        assertThat(mvc.perform(post("/admin/staff/{id}/active", b.id()).param("active", "false")
                .with(as(org.admin())).with(csrf())).andReturn().getFlashMap().get("notice"))
                .isEqualTo("staff.notice.deactivated-hand-over");
        assertThat(perform(get("/admin/staff"), org.admin()).getContentAsString())
                .contains("2 open cases to hand over").doesNotContain(client.pseudonym());

        String overview = perform(get("/manage/overview"), manager).getContentAsString();
        assertThat(overview).contains("data-testid=\"tandem-gaps\"").contains(client.pseudonym())
                .contains(second.pseudonym()).contains("/manage/handovers/" + b.id())
                .contains(name(b) + ": 2 open cases");
        String persons = perform(get("/manage/handovers/{s}", b.id()), manager).getContentAsString();
        assertThat(persons).contains(client.pseudonym()).contains(second.pseudonym())
                .contains("/cases/" + client.id() + "/tandem?leaving=" + b.id());
        assertThat(perform(get("/cases/{id}/tandem", client.id()).param("leaving", b.id().toString()), manager)
                .getContentAsString()).contains("data-testid=\"member-deactivated\"");

        assertThat(status(change(client.id(), b.id(), c.id(), "LEAVING", ""), manager)).isEqualTo(302);
        assertThat(status(change(second.id(), b.id(), null, "LEAVING", "A carries it alone until June"), manager))
                .isEqualTo(302);

        assertThat(perform(get("/manage/handovers/{s}", b.id()), manager).getContentAsString())
                .contains("data-testid=\"nothing-to-hand-over\"");
        String after = perform(get("/manage/overview"), manager).getContentAsString();
        assertThat(after).doesNotContain(client.pseudonym()).doesNotContain("/manage/handovers/" + b.id())
                .as("left with one active practitioner, explicitly: still a case with fewer than two")
                .contains(second.pseudonym());
    }

    @Test
    void twoHandoversAtOnceLeaveAWholeTandem() throws Exception {
        StaffPrincipal secondManager = fixtures.staff(org, Role.MANAGER);
        StaffPrincipal d = fixtures.staff(org, Role.PRACTITIONER);
        // Both let a different member go: one of them must find the other gone first.
        List<Integer> removals = atOnce(
                () -> status(change(client.id(), a.id(), null, "LEAVING", "B carries it alone"), manager),
                () -> status(change(client.id(), b.id(), null, "LEAVING", "A carries it alone"), secondManager));
        assertThat(removals).containsExactly(302, 409);
        assertThat(tandem(client.id())).hasSize(1);

        RegisteredClient other = fixtures.client(a, b, "Concurrent Client");
        List<Integer> replacements = atOnce(
                () -> status(change(other.id(), b.id(), c.id(), "ABSENCE", ""), manager),
                () -> status(change(other.id(), b.id(), d.id(), "ABSENCE", ""), secondManager));
        assertThat(replacements).containsExactly(302, 409);
        assertThat(tandem(other.id())).hasSize(2).contains(a.id()).doesNotContain(b.id());
    }

    @Test
    void erasingTheClientErasesTheChanges() throws Exception {
        RegisteredClient prospect = fixtures.prospect(a);
        assertThat(status(change(prospect.id(), null, c.id(), "OTHER", NOTE_MARKER), a)).isEqualTo(302);
        assertThat(changeRows(prospect.id())).isEqualTo(1);
        assertThat(status(post("/cases/{id}/erasure", prospect.id()).param("confirmed", "true"), a)).isEqualTo(302);
        assertThat(changeRows(prospect.id())).isZero();
    }

    // ---------------------------------------------------------------------------------------------

    private List<Integer> atOnce(Callable<Integer> one, Callable<Integer> two) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> task : List.of(one, two)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            Collections.sort(statuses);
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static MockHttpServletRequestBuilder change(UUID clientId, UUID leaving, UUID joining, String reason,
            String note) {
        return post("/cases/{id}/tandem", clientId).param("leaving", leaving == null ? "" : leaving.toString())
                .param("joining", joining == null ? "" : joining.toString()).param("reason", reason).param("note", note);
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return mvc.perform(request.with(as(who)).with(csrf())).andReturn().getResponse();
    }

    private int status(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return perform(request, who).getStatus();
    }

    private void profile(StaffPrincipal who, String gender) throws Exception {
        assertThat(status(post("/profile").param("gender", gender).param("backgrounds", "SOCIAL_WORK"), who))
                .isEqualTo(302);
    }

    private String genderState(StaffPrincipal who) throws Exception {
        MockHttpServletResponse page = perform(get("/cases/{id}", client.id()), who);
        assertThat(page.getStatus()).isEqualTo(200);
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("data-testid=\"diversity-gender\"[^>]*data-state=\"([A-Z_]+)\"").matcher(page.getContentAsString());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private List<UUID> tandem(UUID clientId) {
        return jdbc.sql("SELECT staff_id FROM cas_tandem_member WHERE client_id = ? ORDER BY position").param(clientId)
                .query(UUID.class).list();
    }

    private long changeRows(UUID clientId) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_tandem_change WHERE client_id = ?").param(clientId)
                .query(Long.class).single();
    }

    private boolean singleReason(UUID clientId) {
        return jdbc.sql("SELECT single_practitioner_reason IS NOT NULL FROM cas_client WHERE id = ?").param(clientId)
                .query(Boolean.class).single();
    }

    private String name(StaffPrincipal who) {
        return jdbc.sql("SELECT display_name FROM acc_staff WHERE id = ?").param(who.id()).query(String.class).single();
    }

    private List<ClientRecordSection.Item> report(UUID clientId, String key) {
        CaseReference ref = new CaseReference(clientId, org.id(), client.pseudonym(), tandem(clientId));
        return reportParts.stream().flatMap(p -> p.sections(ref, Locale.ENGLISH).stream())
                .filter(s -> s.key().equals(key)).flatMap(s -> s.items().stream()).toList();
    }
}
