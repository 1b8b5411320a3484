package org.exitwork.referrals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.referrals.internal.InboundReferral;
import org.exitwork.referrals.internal.Inbox;
import org.exitwork.referrals.internal.ReferralMatcher;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.ListPages;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.ListPages.NEXT;
import static org.exitwork.testing.ListPages.PREVIOUS;
import static org.exitwork.testing.ListPages.link;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The managers' referral inbox pages in the database: fifty awaiting referrals a page, oldest first by
 * (received, id), the pages beside it reached by keyset cursors that carry the partner filter along, and
 * a cursor from elsewhere showing nothing.
 */
@DatabaseTest
@AutoConfigureMockMvc
class ReferralInboxPagesTest {

    private static final Pattern ROW = Pattern.compile("href=\"/referrals/([0-9a-f-]{36})\"");

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
    ReferralMatcher matcher;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal manager;
    UUID police;
    UUID youth;

    @BeforeEach
    void anInboxWithMoreReferralsThanAPage() throws Exception {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        manager = fixtures.staff(org, Role.MANAGER);
        police = partner("Police " + UUID.randomUUID().toString().substring(0, 8), "POLICE");
        youth = partner("Youth " + UUID.randomUUID().toString().substring(0, 8), "YOUTH_AND_FAMILY");
        matcher.matchNow(); // whatever other tests left in the shared inbox
        for (int i = 0; i < 53; i++) {
            inbox.append(org.id(), police, Inbox.Via.API, referral("P" + i));
            if (i % 3 == 0) {
                clock.advance(Duration.ofMinutes(1)); // some share their time: the id breaks the tie
            }
            if (i == 20 || i == 40) {
                inbox.append(org.id(), youth, Inbox.Via.API, referral("Y" + i));
            }
        }
        while (matcher.matchNow() > 0) {
            // until the inbox is empty
        }
    }

    @Test
    void fiftyAPageOldestFirstAndTheNextAndPreviousPagesInOrder() throws Exception {
        List<String> every = awaiting("");
        assertThat(every).hasSize(55);

        String first = web.page("/referrals", manager);
        assertThat(ids(first)).containsExactlyElementsOf(every.subList(0, 50));
        assertThat(PREVIOUS.matcher(first).find()).as("no page before the first").isFalse();
        String next = link(NEXT, first);
        assertThat(next).isEqualTo("/referrals?after=" + every.get(49));

        String second = web.page(next, manager);
        assertThat(ids(second)).containsExactlyElementsOf(every.subList(50, 55));
        assertThat(NEXT.matcher(second).find()).as("no page after the last").isFalse();
        String previous = link(PREVIOUS, second);
        assertThat(previous).isEqualTo("/referrals?before=" + every.get(50));
        assertThat(ids(web.page(previous, manager))).containsExactlyElementsOf(every.subList(0, 50));
    }

    @Test
    void thePartnerFilterNarrowsTheInboxAndTravelsWithThePageLinks() throws Exception {
        assertThat(ids(web.page("/referrals?partner=" + youth, manager)))
                .containsExactlyElementsOf(awaiting(" AND partner_id = '" + youth + "'"));
        List<String> fromPolice = awaiting(" AND partner_id = '" + police + "'");
        String page = web.page("/referrals?partner=" + police, manager);
        assertThat(ids(page)).containsExactlyElementsOf(fromPolice.subList(0, 50));
        String next = link(NEXT, page);
        assertThat(next).isEqualTo("/referrals?partner=" + police + "&after=" + fromPolice.get(49));
        assertThat(ids(web.page(next, manager))).containsExactlyElementsOf(fromPolice.subList(50, 53));

        UUID unknown = UUID.randomUUID();
        String none = web.page("/referrals?partner=" + unknown, manager);
        assertThat(ids(none)).isEmpty();
        assertThat(none).contains("No referral from this partner awaits a practitioner.");
    }

    @Test
    void anAssignedReferralLeavesTheInboxAndItsCursorShowsNothing() throws Exception {
        List<String> every = awaiting("");
        StaffPrincipal practitioner = fixtures.staff(org, Role.PRACTITIONER);
        assertThat(web.status(post("/referrals/{id}/assign", every.get(10)).param("practitionerId",
                practitioner.id().toString()), manager)).isEqualTo(302);
        assertThat(ids(web.page("/referrals", manager))).doesNotContain(every.get(10)).hasSize(50)
                .containsExactlyElementsOf(awaiting("").subList(0, 50));
        assertThat(ids(web.page("/referrals?after=" + every.get(10), manager))).isEmpty();
    }

    @Test
    void aCursorFromAnotherOrganisationShowsNothingOfEither() throws Exception {
        Fixtures.Organisation other = fixtures.organisation();
        StaffPrincipal stranger = fixtures.staff(other, Role.MANAGER);
        List<String> every = awaiting("");
        for (String query : List.of("after=" + every.get(0), "before=" + every.get(54), "partner=" + police)) {
            String page = web.page("/referrals?" + query, stranger);
            assertThat(ids(page)).as(query).isEmpty();
            assertThat(page).doesNotContain(every.get(0)).doesNotContain(every.get(54));
        }
    }

    @Test
    void aValueTheFormDoesNotOfferIsRefused() throws Exception {
        for (String query : List.of("partner=police", "after=not-an-id", "before=12")) {
            assertThat(web.status(get("/referrals?" + query), manager)).as(query).isEqualTo(400);
        }
    }

    private List<String> awaiting(String and) {
        return jdbc.sql("SELECT id FROM ref_referral WHERE org_id = ? AND status = 'AWAITING'" + and
                + " ORDER BY received_at, id").param(org.id()).query(UUID.class).list().stream()
                .map(UUID::toString).toList();
    }

    private UUID partner(String name, String kind) throws Exception {
        assertThat(web.status(post("/network/partners").param("name", name).param("kind", kind)
                .param("mandate", "A mandate").param("agreement", "INFORMAL"), fixtures.manager(org.id())))
                .isEqualTo(302);
        return jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = ?").params(org.id(), name)
                .query(UUID.class).single();
    }

    private static InboundReferral referral(String reference) {
        return new InboundReferral(Fixtures.unique(reference), Set.of(PhenomenonArea.RIGHT_WING), false,
                "Person " + reference, LocalDate.of(2004, 5, 6), null, "A concern");
    }

    private static List<String> ids(String html) {
        return ListPages.ids(ROW, html);
    }
}
