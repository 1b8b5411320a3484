package org.exitwork.quality;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.ListPages;
import org.exitwork.testing.MutableClock;
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
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The sessions of supervision and intervision page in the database: fifty a page, newest first by
 * (held, recorded, id), the pages beside it reached by keyset cursors that carry the kind along; a manager
 * lists the organisation's, a practitioner only those they took part in; a cursor from elsewhere shows
 * nothing.
 */
@DatabaseTest
@AutoConfigureMockMvc
class SupervisionListTest {

    private static final Pattern ROW = Pattern.compile("href=\"/team/supervision/([0-9a-f-]{36})\"");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Fixtures.Organisation org;
    StaffPrincipal manager;
    StaffPrincipal a;
    StaffPrincipal b;

    @BeforeEach
    void moreSessionsThanAPage() throws Exception {
        org = fixtures.organisation();
        manager = fixtures.staff(org, Role.MANAGER);
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        LocalDate today = LocalDate.now(clock);
        for (int i = 0; i < 53; i++) {
            // Two a day on most days, so the time recorded and the id break the ties.
            record(manager, today.minusDays(1 + i / 2), i % 4 == 0 ? "INTERVISION" : "SUPERVISION",
                    i % 10 == 0 ? b : a);
            if (i % 3 == 0) {
                clock.advance(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void fiftyAPageNewestFirstAndTheNextAndPreviousPagesInOrder() throws Exception {
        List<String> every = sessions("", null);
        assertThat(every).hasSize(53);

        String first = page("/team/supervision", manager);
        assertThat(ids(first)).containsExactlyElementsOf(every.subList(0, 50));
        assertThat(PREVIOUS.matcher(first).find()).as("no page before the first").isFalse();
        String next = link(NEXT, first);
        assertThat(next).isEqualTo("/team/supervision?after=" + every.get(49));

        String second = page(next, manager);
        assertThat(ids(second)).containsExactlyElementsOf(every.subList(50, 53));
        assertThat(NEXT.matcher(second).find()).as("no page after the last").isFalse();
        String previous = link(PREVIOUS, second);
        assertThat(previous).isEqualTo("/team/supervision?before=" + every.get(50));
        assertThat(ids(page(previous, manager))).containsExactlyElementsOf(every.subList(0, 50));
    }

    @Test
    void theKindAndTheReaderNarrowTheListInTheDatabase() throws Exception {
        List<String> intervision = sessions(" AND s.kind = 'INTERVISION'", null);
        assertThat(intervision).hasSize(14);
        assertThat(ids(page("/team/supervision?kind=INTERVISION", manager))).containsExactlyElementsOf(intervision);
        assertThat(page("/team/supervision?kind=OTHER", manager)).contains("No session of this kind.");

        List<String> ofB = sessions("", b);
        assertThat(ofB).hasSize(6);
        assertThat(ids(page("/team/supervision", b))).containsExactlyElementsOf(ofB);

        List<String> supervisionOfA = sessions(" AND s.kind = 'SUPERVISION'", a);
        String before = page("/team/supervision?kind=SUPERVISION&before=" + supervisionOfA.get(supervisionOfA.size() - 1), a);
        assertThat(ids(before)).containsExactlyElementsOf(supervisionOfA.subList(0, supervisionOfA.size() - 1));
        assertThat(link(NEXT, before)).isEqualTo("/team/supervision?kind=SUPERVISION&after="
                + supervisionOfA.get(supervisionOfA.size() - 2));
    }

    @Test
    void aCursorFromElsewhereShowsNothing() throws Exception {
        List<String> every = sessions("", null);
        List<String> ofB = sessions("", b);
        String notB = every.stream().filter(id -> !ofB.contains(id)).findFirst().orElseThrow();
        assertThat(ids(page("/team/supervision?after=" + notB, b))).isEmpty();
        Fixtures.Organisation other = fixtures.organisation();
        StaffPrincipal stranger = fixtures.staff(other, Role.MANAGER);
        assertThat(ids(page("/team/supervision?after=" + every.get(0), stranger))).isEmpty();
        assertThat(ids(page("/team/supervision?before=" + every.get(52), stranger))).isEmpty();
    }

    @Test
    void aValueTheFormDoesNotOfferIsRefused() throws Exception {
        for (String query : List.of("kind=PARTY", "after=not-an-id", "before=12")) {
            assertThat(mvc.perform(get("/team/supervision?" + query).with(as(manager))).andReturn().getResponse()
                    .getStatus()).as(query).isEqualTo(400);
        }
    }

    private void record(StaffPrincipal who, LocalDate on, String kind, StaffPrincipal participant) throws Exception {
        assertThat(mvc.perform(post("/team/supervision").with(as(who)).with(csrf()).param("heldOn", on.toString())
                .param("kind", kind).param("topic", "Closeness and distance")
                .param("participants", participant.id().toString())).andReturn().getResponse().getStatus())
                .isEqualTo(302);
    }

    private List<String> sessions(String and, StaffPrincipal participant) {
        String sql = "SELECT s.id FROM qua_supervision s WHERE s.org_id = ?" + and
                + (participant == null ? "" : " AND s.id IN (SELECT supervision_id FROM qua_supervision_participant "
                        + "WHERE staff_id = '" + participant.id() + "')")
                + " ORDER BY s.held_on DESC, s.recorded_at DESC, s.id DESC";
        return jdbc.sql(sql).param(org.id()).query(UUID.class).list().stream().map(UUID::toString).toList();
    }

    private String page(String url, StaffPrincipal who) throws Exception {
        return ListPages.page(mvc, url, who);
    }

    private static List<String> ids(String html) {
        return ListPages.ids(ROW, html);
    }
}
