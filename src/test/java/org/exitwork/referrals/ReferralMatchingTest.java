package org.exitwork.referrals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import org.exitwork.audit.AuditWording;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.Tandem;
import org.exitwork.referrals.internal.InboundInformation;
import org.exitwork.referrals.internal.InboundReferral;
import org.exitwork.referrals.internal.Inbox;
import org.exitwork.referrals.internal.ReferralMatcher;
import org.exitwork.referrals.internal.ReferralRetention;
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
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The matching side of referrals (R7, R1, R20): the matcher turns inbox entries into awaiting
 * referrals or joins them to the partner's referral with the same reference, discards what matches
 * nothing; managers assign (a prospect with the pathway "partner referral") or decline (erased at
 * once, key shredded); the tandem reads the referral in the case; retention and erasure leave nothing;
 * nothing rests in plain text and nothing reaches a page a partner could see.
 */
@DatabaseTest
@AutoConfigureMockMvc
class ReferralMatchingTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditWording wording;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    DataSource dataSource;

    @Autowired
    MutableClock clock;

    @Autowired
    Inbox inbox;

    @Autowired
    ReferralMatcher matcher;

    @Autowired
    CaseWork caseWork;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal colleague;
    StaffPrincipal manager;
    StaffPrincipal dpo;
    UUID police;
    String policeName;
    UUID youth;

    @BeforeEach
    void setUp() throws Exception {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.staff(org, Role.MANAGER);
        dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        policeName = "Police " + UUID.randomUUID().toString().substring(0, 8);
        police = partner(policeName, "POLICE");
        youth = partner("Youth " + UUID.randomUUID().toString().substring(0, 8), "YOUTH_AND_FAMILY");
        matcher.matchNow(); // whatever other tests left in the shared inbox
    }

    private UUID partner(String name, String kind) throws Exception {
        assertThat(web.status(post("/network/partners").param("name", name).param("kind", kind)
                .param("mandate", "A mandate").param("agreement", "INFORMAL"), fixtures.manager(org.id())))
                .as("partner registered").isEqualTo(302);
        return jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = ?").params(org.id(), name)
                .query(UUID.class).single();
    }

    private static String marker(String what) {
        return Fixtures.unique(what).replace("-", "");
    }

    private InboundReferral referral(String reference, String name, String concern) {
        return new InboundReferral(reference, Set.of(PhenomenonArea.RIGHT_WING), false, name,
                LocalDate.of(2004, 5, 6), "phone of " + name, concern);
    }

    /** Appends a referral, runs the matcher and returns the new referral's id. */
    private UUID referOnce(UUID partner, InboundReferral referral) {
        String ids = "SELECT id FROM ref_referral WHERE org_id = ? AND partner_id = ?";
        List<UUID> before = jdbc.sql(ids).params(org.id(), partner).query(UUID.class).list();
        inbox.append(org.id(), partner, Inbox.Via.API, referral);
        matcher.matchNow();
        List<UUID> after = new ArrayList<>(jdbc.sql(ids).params(org.id(), partner).query(UUID.class).list());
        after.removeAll(before);
        assertThat(after).as("one new referral").hasSize(1);
        return after.get(0);
    }

    private static final String INFORMATION_OF_ORG = "SELECT COUNT(*) FROM ref_information i "
            + "JOIN ref_referral r ON r.id = i.referral_id WHERE r.org_id = ?";

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private List<String> actions(String action) {
        return audit.recent(org.id(), 500).stream().filter(e -> e.action().equals(action)).map(AuditEntry::detail)
                .toList();
    }

    private UUID assign(UUID referral, StaffPrincipal practitioner) throws Exception {
        assertThat(web.status(post("/referrals/{id}/assign", referral).param("practitionerId",
                practitioner.id().toString()), manager)).as("assigned").isEqualTo(302);
        return jdbc.sql("SELECT client_id FROM ref_referral WHERE id = ?").param(referral).query(UUID.class).single();
    }

    @Test
    void aNewReferralAwaitsAPractitionerAndTheListShowsNoContent() throws Exception {
        String name = marker("Newname");
        String concern = marker("newconcern");
        UUID id = referOnce(police, referral(marker("REF"), name, concern));

        assertThat(jdbc.sql("SELECT status FROM ref_referral WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("AWAITING");
        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE id = ? AND client_id IS NULL", id)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM ref_inbox")).as("the inbox was emptied").isZero();
        assertThat(actions("REFERRAL_RECEIVED")).containsExactly("@referral.via|API");
        assertThat(wording.detail("@referral.via|API", java.util.Locale.GERMAN)).isEqualTo("über die Partner-Schnittstelle");
        assertThat(wording.detail("@referral.via|API", java.util.Locale.ENGLISH)).isEqualTo("via the partner API");

        String list = web.page("/referrals", manager);
        assertThat(list).contains("From " + policeName + " (Police), received on")
                .doesNotContain(name).doesNotContain(concern);
        String one = web.page("/referrals/" + id, manager);
        assertThat(one).contains(name, concern, "Referral from " + policeName);
        assertThat(actions("REFERRAL_READ")).hasSize(1);
        assertThat(web.page("/referrals?lang=de", manager)).contains("Von " + policeName + " (Polizei), eingegangen am");
        assertThat(web.page("/referrals/" + id + "?lang=de", manager)).contains("Zuweisung von " + policeName);
        assertThat(audit.recent(org.id(), 500).toString()).doesNotContain(name).doesNotContain(concern);
    }

    @Test
    void theSameReferenceAgainJoinsTheReferralAndOnlyForTheSamePartner() throws Exception {
        String reference = marker("REF");
        String second = marker("secondconcern");
        UUID id = referOnce(police, referral(reference, "First Name", "first concern"));
        inbox.append(org.id(), police, Inbox.Via.FORM, referral(" " + reference + " ", "Second Name", second));
        matcher.matchNow();

        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE org_id = ?", org.id())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM ref_information WHERE referral_id = ? AND kind = 'REFERRAL'", id))
                .isEqualTo(1);
        assertThat(web.page("/referrals/" + id, manager)).contains("first concern", second, "Referred again on");

        // Another partner's referral with the same reference is another referral.
        referOnce(youth, referral(reference, "Other", "other concern"));
        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE org_id = ?", org.id())).isEqualTo(2);
        // And another partner cannot add information to the first partner's referral.
        inbox.append(org.id(), youth, Inbox.Via.API, new InboundInformation(reference, "youth adds"));
        matcher.matchNow();
        assertThat(count("SELECT COUNT(*) FROM ref_information WHERE referral_id = ?", id)).isEqualTo(1);
    }

    @Test
    void aReferenceUsedAgainAfterTheReferralBecameACaseStartsANewReferral() throws Exception {
        String reference = marker("REUSED");
        UUID first = referOnce(police, referral(reference, "First Person", "first concern"));
        UUID client = assign(first, a);
        long inTheCase = count("SELECT COUNT(*) FROM ref_information WHERE referral_id = ?", first);

        // The partner numbers again: another person under the same reference.
        clock.advance(Duration.ofSeconds(1));
        UUID second = referOnce(police, referral(reference, "Other Person", marker("otherconcern")));
        assertThat(second).isNotEqualTo(first);
        assertThat(count("SELECT COUNT(*) FROM ref_information WHERE referral_id = ?", first))
                .as("nothing of the other person in the client's case").isEqualTo(inTheCase);
        assertThat(web.page("/cases/" + client + "/referrals", a)).doesNotContain("Other Person");

        // Later information under that reference goes to the newest referral with it.
        clock.advance(Duration.ofSeconds(1));
        inbox.append(org.id(), police, Inbox.Via.API, new InboundInformation(reference, "about the other person"));
        matcher.matchNow();
        assertThat(count("SELECT COUNT(*) FROM ref_information WHERE referral_id = ? AND kind = 'INFORMATION'", second))
                .isEqualTo(1);
    }

    @Test
    void informationWaitsForItsReferralWhenThatFailedOnce() throws Exception {
        String reference = marker("LATE");
        UUID waiting = inbox.append(org.id(), police, Inbox.Via.API, referral(reference, "Late Person", "concern"));
        inbox.failed(waiting); // a deadlock, a dropped connection: it goes behind the others
        clock.advance(Duration.ofSeconds(1));
        inbox.append(org.id(), police, Inbox.Via.API, new InboundInformation(reference, "added a second later"));

        matcher.matchNow(); // the information comes first now, and finds no referral yet
        matcher.matchNow();

        List<UUID> referrals = jdbc.sql("SELECT id FROM ref_referral WHERE org_id = ? AND partner_id = ?")
                .params(org.id(), police).query(UUID.class).list();
        assertThat(referrals).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM ref_information WHERE referral_id = ? AND kind = 'INFORMATION'",
                referrals.get(0))).as("not discarded").isEqualTo(1);
        assertThat(actions("REFERRAL_UNMATCHED")).isEmpty();
    }

    @Test
    void informationJoinsTheReferralWithThatReference() throws Exception {
        String reference = marker("REF");
        String info = marker("addedinfo");
        UUID id = referOnce(police, referral(reference, "Some Name", "concern"));
        clock.advance(Duration.ofDays(2));
        inbox.append(org.id(), police, Inbox.Via.API, new InboundInformation(reference, info));
        matcher.matchNow();

        assertThat(count("SELECT COUNT(*) FROM ref_information WHERE referral_id = ? AND kind = 'INFORMATION'", id))
                .isEqualTo(1);
        assertThat(web.page("/referrals/" + id, manager)).contains(info).contains("Information received on "
                + LocalDate.now(clock).format(java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH)));
        assertThat(actions("REFERRAL_INFORMATION_ADDED")).hasSize(1);
    }

    @Test
    void informationWithAnUnknownReferenceIsDiscardedAndAuditedWithoutContent() throws Exception {
        String info = marker("unknowninfo");
        String reference = marker("UNKNOWN");
        inbox.append(org.id(), police, Inbox.Via.API, new InboundInformation(reference, info));
        matcher.matchNow();

        assertThat(count("SELECT COUNT(*) FROM ref_inbox")).isZero();
        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE org_id = ?", org.id())).isZero();
        assertThat(count(INFORMATION_OF_ORG, org.id())).isZero();
        assertThat(actions("REFERRAL_UNMATCHED")).containsExactly("@referral.kind-via|INFORMATION|API");
        assertThat(DatabaseScan.find(dataSource, List.of(info, reference))).isEmpty();
    }

    @Test
    void assigningOpensAProspectAndTheTandemReadsTheReferral() throws Exception {
        String reference = marker("REF");
        String name = marker("Assignedname");
        String later = marker("laterinfo");
        UUID id = referOnce(police, referral(reference, name, "the concern"));
        UUID client = assign(id, a);

        assertThat(jdbc.sql("SELECT pathway FROM cas_client WHERE id = ?").param(client).query(String.class).single())
                .isEqualTo("PARTNER_REFERRAL");
        assertThat(jdbc.sql("SELECT stage FROM cas_client WHERE id = ?").param(client).query(String.class).single())
                .as("a prospect, never a client without consent (R1)").isEqualTo("PROSPECT");
        assertThat(jdbc.sql("SELECT status FROM ref_referral WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("ASSIGNED");
        assertThat(web.page("/referrals", manager)).doesNotContain("/referrals/" + id);
        assertThat(web.status(get("/referrals/{id}", id), manager)).as("the manager's part is done").isEqualTo(404);
        assertThat(web.status(post("/referrals/{id}/decline", id), manager)).as("no decline after assigning")
                .isEqualTo(404);
        assertThat(web.status(post("/referrals/{id}/assign", id).param("practitionerId", b.id().toString()), manager))
                .as("assigned once").isEqualTo(404);
        assertThat(actions("REFERRAL_ASSIGNED")).hasSize(1);

        // Later information appears in the case.
        inbox.append(org.id(), police, Inbox.Via.API, new InboundInformation(reference, later));
        matcher.matchNow();
        String page = web.page("/cases/" + client + "/referrals?nav=prospect", a);
        assertThat(page).contains("Referral from " + policeName + ", received on", name, "the concern", later);
        assertThat(actions("REFERRALS_READ_IN_CASE")).containsExactly("@count|1");

        // Outside the tandem: refused (colleagues would have to break the glass); the administrator never.
        assertThat(web.status(get("/cases/{id}/referrals", client), colleague)).isEqualTo(403);
        assertThat(web.status(get("/cases/{id}/referrals", client), org.admin())).isEqualTo(403);
        assertThat(web.perform(get("/cases/{id}/referrals", client), colleague).getContentAsString())
                .doesNotContain(name).doesNotContain(later);
    }

    @Test
    void managersReadsBeforeTheAssignmentAppearUnderTheClientsPseudonym() throws Exception {
        UUID id = referOnce(police, referral(marker("READ"), "Read Person", "concern"));
        web.page("/referrals/" + id, manager);
        StaffPrincipal second = fixtures.staff(org, Role.MANAGER);
        web.page("/referrals/" + id, second);
        UUID client = assign(id, a);
        String pseudonym = jdbc.sql("SELECT pseudonym FROM cas_client WHERE id = ?").param(client).query(String.class)
                .single();
        assertThat(audit.about(org.id(), pseudonym).stream()
                .filter(e -> e.action().equals("REFERRAL_READ_BEFORE_ASSIGNED")).map(AuditEntry::actorId))
                .containsExactlyInAnyOrder(manager.id(), second.id());
    }

    @Test
    void onlyAnActivePractitionerOfTheOrganisationCanBeAssigned() throws Exception {
        UUID id = referOnce(police, referral(marker("REF"), "Name", "concern"));
        StaffPrincipal stranger = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);
        for (UUID wrong : List.of(manager.id(), dpo.id(), stranger.id(), UUID.randomUUID())) {
            assertThat(web.status(post("/referrals/{id}/assign", id).param("practitionerId", wrong.toString()),
                    manager)).as("assign to " + wrong).isEqualTo(400);
        }
        assertThat(web.status(post("/referrals/{id}/assign", id).param("practitionerId", ""), manager)).isEqualTo(400);
        assertThat(jdbc.sql("SELECT status FROM ref_referral WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("AWAITING");
        // Another organisation's manager finds nothing.
        StaffPrincipal foreignManager = fixtures.staff(fixtures.organisation(), Role.MANAGER);
        assertThat(web.status(get("/referrals/{id}", id), foreignManager)).isEqualTo(404);
        assertThat(web.status(post("/referrals/{id}/decline", id), foreignManager)).isEqualTo(404);
        assertThat(web.page("/referrals", foreignManager)).doesNotContain(id.toString());
    }

    @Test
    void decliningErasesTheReferralAtOnceAndShredsItsKey() throws Exception {
        String reference = marker("REF");
        String name = marker("Declinedname");
        UUID id = referOnce(police, referral(reference, name, "concern"));
        inbox.append(org.id(), police, Inbox.Via.API, new InboundInformation(reference, "more"));
        matcher.matchNow();
        assertThat(count("SELECT COUNT(*) FROM key_client WHERE client_id = ?", id)).isEqualTo(1);

        assertThat(web.status(post("/referrals/{id}/decline", id), manager)).isEqualTo(302);

        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE id = ?", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM ref_information WHERE referral_id = ?", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM key_client WHERE client_id = ?", id)).as("key shredded").isZero();
        assertThat(actions("REFERRAL_DECLINED")).hasSize(1);
        assertThat(DatabaseScan.find(dataSource, List.of(name, reference))).isEmpty();
        // Information after the decline matches nothing.
        inbox.append(org.id(), police, Inbox.Via.API, new InboundInformation(reference, "after"));
        matcher.matchNow();
        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE org_id = ?", org.id())).isZero();
        assertThat(actions("REFERRAL_UNMATCHED")).hasSize(1);
    }

    @Test
    void referralsLeftAwaitingAreErasedAfterTheRetentionPeriod(@Autowired ReferralRetention retention) throws Exception {
        UUID old = referOnce(police, referral(marker("REF"), "Old", "old"));
        UUID assigned = referOnce(police, referral(marker("REF"), "Assigned", "assigned"));
        assign(assigned, a);
        clock.advance(Duration.ofDays(60));
        UUID younger = referOnce(police, referral(marker("REF"), "Younger", "younger"));
        clock.advance(Duration.ofDays(29));
        retention.eraseExpired();
        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE id = ?", old)).as("89 days: not yet").isOne();
        clock.advance(Duration.ofDays(2));
        retention.eraseExpired();
        assertThat(retention.eraseExpired()).as("idempotent").isZero();

        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE id = ?", old)).isZero();
        assertThat(count("SELECT COUNT(*) FROM key_client WHERE client_id = ?", old)).isZero();
        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE id IN (?, ?)", assigned, younger)).isEqualTo(2);
        assertThat(actions("REFERRAL_EXPIRED")).containsExactly("@referral.expired|90");
    }

    @Test
    void erasingTheClientErasesItsReferralAndLaterInformationIsDiscarded() throws Exception {
        String reference = marker("REF");
        String name = marker("Erasedname");
        String info = marker("erasedinfo");
        String after = marker("afterinfo");
        UUID id = referOnce(police, referral(reference, name, "concern"));
        inbox.append(org.id(), police, Inbox.Via.API, new InboundInformation(reference, info));
        matcher.matchNow();
        UUID client = assign(id, a);
        fixtures.safetyDiscussion(client, a);
        caseWork.takeOn(a, client, fixtures.consent(org.id(), "en"),
                new ClientIdentity("Client " + name, LocalDate.of(2004, 5, 6), "contact", "alias"), Tandem.with(b.id()));

        assertThat(web.status(post("/cases/{id}/ending/clients-choice", client)
                .param("endedOn", LocalDate.now(clock).toString()).param("eraseNow", "true"), a)).isEqualTo(302);

        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE id = ?", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM ref_information WHERE referral_id = ?", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM key_client WHERE client_id = ?", id)).isZero();

        inbox.append(org.id(), police, Inbox.Via.API, new InboundInformation(reference, after));
        matcher.matchNow();
        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE org_id = ?", org.id())).isZero();
        assertThat(count(INFORMATION_OF_ORG, org.id())).isZero();
        assertThat(count("SELECT COUNT(*) FROM ref_inbox")).isZero();
        assertThat(DatabaseScan.find(dataSource, List.of(reference, name, info, after))).isEmpty();
    }

    @Test
    void aProspectErasedOnRequestTakesItsReferralAlong() throws Exception {
        String name = marker("Prospectname");
        UUID id = referOnce(police, referral(marker("REF"), name, "concern"));
        UUID client = assign(id, a);
        assertThat(web.status(post("/cases/{id}/erasure", client).param("confirmed", "true"), a)).isEqualTo(302);
        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE id = ?", id)).isZero();
        assertThat(DatabaseScan.find(dataSource, List.of(name))).isEmpty();
    }

    @Test
    void twoMatcherRunsAtOnceHandleEachEntryOnce() throws Exception {
        int entries = 30;
        for (int i = 0; i < entries; i++) {
            inbox.append(org.id(), police, Inbox.Via.API, referral("CONCURRENT-" + i + "-" + org.id(), "N" + i, "c"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<Integer> run = () -> {
                start.await();
                return matcher.matchNow();
            };
            List<Future<Integer>> runs = new ArrayList<>(List.of(pool.submit(run), pool.submit(run)));
            start.countDown();
            int handled = 0;
            for (Future<Integer> f : runs) {
                handled += f.get();
            }
            assertThat(handled).as("each entry handled by exactly one run").isEqualTo(entries);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE org_id = ?", org.id())).isEqualTo(entries);
        assertThat(count(INFORMATION_OF_ORG, org.id())).isZero();
        assertThat(count("SELECT COUNT(*) FROM ref_inbox")).isZero();
        assertThat(actions("REFERRAL_RECEIVED")).hasSize(entries);
    }

    @Test
    void entriesThatCannotBeMatchedDoNotHoldUpTheInbox(@Autowired ReferralRetention retention) throws Exception {
        // More unreadable entries than one run takes (a payload that does not decrypt), then a good one.
        List<UUID> broken = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            UUID id = UUID.randomUUID();
            broken.add(id);
            jdbc.sql("INSERT INTO ref_inbox (id, org_id, partner_id, via, kind, payload, received_at) "
                    + "VALUES (?, ?, ?, 'API', 'REFERRAL', ?, ?)")
                    .params(id, org.id(), police, new byte[] {1, 2, 3},
                            java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60)))
                    .update();
        }
        try {
            String reference = "AFTER-BROKEN-" + org.id();
            inbox.append(org.id(), police, Inbox.Via.API, referral(reference, "Name", "concern"));
            matcher.matchNow();
            matcher.matchNow();
            assertThat(count("SELECT COUNT(*) FROM ref_inbox WHERE attempts = 0 AND org_id = ?", org.id()))
                    .as("every entry was tried; the good one is gone").isZero();
            assertThat(count("SELECT COUNT(*) FROM ref_referral WHERE org_id = ? AND partner_id = ?", org.id(), police))
                    .as("the good entry was matched despite the broken ones before it").isEqualTo(1);

            // Entries that will never be read do not stay for ever (R20).
            clock.advance(Duration.ofDays(8));
            retention.eraseExpired();
            assertThat(count("SELECT COUNT(*) FROM ref_inbox WHERE org_id = ?", org.id())).isZero();
            assertThat(actions("REFERRAL_UNMATCHED")).contains("@referral.stuck|7");
        } finally {
            broken.forEach(id -> jdbc.sql("DELETE FROM ref_inbox WHERE id = ?").param(id).update());
        }
    }

    @Test
    void nothingAPartnerSentRestsInPlainTextAfterMatching() throws Exception {
        String reference = marker("PLAINREF");
        List<String> markers = List.of(reference, marker("Plainname"), marker("plaincontact"), marker("plainconcern"),
                marker("plaininfo"));
        inbox.append(org.id(), police, Inbox.Via.API, new InboundReferral(reference, Set.of(PhenomenonArea.GANGS), true,
                markers.get(1), LocalDate.of(2001, 2, 3), markers.get(2), markers.get(3)));
        clock.advance(Duration.ofSeconds(1));
        inbox.append(org.id(), police, Inbox.Via.FORM, new InboundInformation(reference, markers.get(4)));
        clock.advance(Duration.ofSeconds(1));
        inbox.append(org.id(), police, Inbox.Via.API, new InboundReferral(reference, Set.of(), false, markers.get(1),
                null, null, markers.get(3)));
        matcher.matchNow();
        assertThat(count(INFORMATION_OF_ORG, org.id())).isEqualTo(2);
        assertThat(DatabaseScan.find(dataSource, markers)).isEmpty();
        UUID client = assign(jdbc.sql("SELECT id FROM ref_referral WHERE org_id = ?").param(org.id())
                .query(UUID.class).single(), a);
        assertThat(web.page("/cases/" + client + "/referrals", a)).contains(markers.toArray(String[]::new));
        assertThat(DatabaseScan.find(dataSource, markers)).isEmpty();
    }

    @Test
    void noPagePartnersCouldSeeShowsReferralFigures() throws Exception {
        for (int i = 0; i < 3; i++) {
            referOnce(police, referral(marker("REF"), "N", "c"));
        }
        for (StaffPrincipal who : List.of(manager, a, dpo)) {
            for (String path : List.of("/network/partners", "/network/partners/" + police)) {
                String page = web.page(path, who);
                String main = page.substring(page.indexOf("<main"), page.indexOf("</main>"));
                assertThat(main).as(path + " as " + who.role()).doesNotContainIgnoringCase("referral")
                        .doesNotContain("Zuweisung");
            }
        }
        // Partners have no accounts: no role exists for them (a peer is a practitioner of another exit-work
        // organisation in a peer group, who reaches nothing but those groups).
        assertThat(Role.values()).containsExactlyInAnyOrder(Role.PRACTITIONER, Role.MANAGER,
                Role.DATA_PROTECTION_OFFICER, Role.ADMIN, Role.PEER);
    }
}
