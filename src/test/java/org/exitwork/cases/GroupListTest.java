package org.exitwork.cases;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.ListPages;
import org.exitwork.testing.GroupFixtures;
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
 * The group list pages and filters in the database: fifty groups a page, newest first by (created, id),
 * the pages beside it reached by keyset cursors that carry the filters along, and a cursor from
 * elsewhere showing nothing.
 */
@DatabaseTest
@AutoConfigureMockMvc
class GroupListTest {

    private static final Pattern ROW = Pattern.compile("<a href=\"/groups/([0-9a-f-]{36})\">([^<]+)</a>");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    List<String> prisonGroups = new ArrayList<>();

    @BeforeEach
    void anOrganisationWithMoreGroupsThanAPage() throws Exception {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        for (int i = 0; i < 53; i++) {
            GroupFixtures.group(mvc, a, "School group " + i, "A school");
            if (i % 3 == 0) {
                clock.advance(Duration.ofMinutes(1)); // some share their time: the id breaks the tie
            }
            if (i == 10 || i == 30) {
                String location = mvc.perform(post("/groups").with(as(b)).with(csrf()).param("name", "Prison group " + i)
                        .param("setting", "PRISON").param("institution", "A prison")).andReturn().getResponse()
                        .getRedirectedUrl();
                assertThat(location).startsWith("/groups/");
                prisonGroups.add(location.substring("/groups/".length()));
            }
        }
    }

    @Test
    void fiftyAPageNewestFirstAndTheNextAndPreviousPagesInOrder() throws Exception {
        List<String> every = groups("");
        assertThat(every).hasSize(55);

        String first = page("/groups", a);
        assertThat(ids(first)).containsExactlyElementsOf(every.subList(0, 50));
        assertThat(PREVIOUS.matcher(first).find()).as("no page before the first").isFalse();
        String next = link(NEXT, first);
        assertThat(next).isEqualTo("/groups?after=" + every.get(49));

        String second = page(next, a);
        assertThat(ids(second)).containsExactlyElementsOf(every.subList(50, 55));
        assertThat(NEXT.matcher(second).find()).as("no page after the last").isFalse();
        String previous = link(PREVIOUS, second);
        assertThat(previous).isEqualTo("/groups?before=" + every.get(50));
        assertThat(ids(page(previous, a))).containsExactlyElementsOf(every.subList(0, 50));
        assertThat(first).contains("School group 52").contains("Prison group 30");
    }

    @Test
    void filtersNarrowTheListInTheDatabaseAndTravelWithThePageLinks() throws Exception {
        assertThat(ids(page("/groups?setting=PRISON", a))).containsExactlyInAnyOrderElementsOf(prisonGroups);
        assertThat(ids(page("/groups?mine=true", b))).containsExactlyInAnyOrderElementsOf(prisonGroups);
        assertThat(ids(page("/groups?setting=SCHOOL&mine=true", b))).isEmpty();
        assertThat(page("/groups?setting=YOUTH_WORK", a)).contains("No group matches what you chose.");

        List<String> schools = groups(" AND setting = 'SCHOOL'");
        String mine = page("/groups?setting=SCHOOL&mine=true", a);
        assertThat(ids(mine)).containsExactlyElementsOf(schools.subList(0, 50));
        String next = link(NEXT, mine);
        assertThat(next).isEqualTo("/groups?setting=SCHOOL&mine=true&after=" + schools.get(49));
        assertThat(ids(page(next, a))).containsExactlyElementsOf(schools.subList(50, 53));
    }

    @Test
    void aCursorFromAnotherOrganisationShowsNothingOfEither() throws Exception {
        Fixtures.Organisation other = fixtures.organisation();
        StaffPrincipal stranger = fixtures.staff(other, Role.PRACTITIONER);
        UUID theirs = GroupFixtures.group(mvc, stranger, "Their group", "Their school");
        String page = page("/groups?after=" + prisonGroups.get(0), stranger);
        assertThat(ids(page)).isEmpty();
        assertThat(page).doesNotContain("Prison group").doesNotContain("Their group");
        assertThat(ids(page("/groups?before=" + theirs, a))).isEmpty();
    }

    @Test
    void aValueTheFormDoesNotOfferIsRefused() throws Exception {
        for (String query : List.of("setting=CLUB", "after=not-an-id", "before=12", "mine=perhaps")) {
            assertThat(mvc.perform(get("/groups?" + query).with(as(a))).andReturn().getResponse().getStatus())
                    .as(query).isEqualTo(400);
        }
    }

    private List<String> groups(String and) {
        return jdbc.sql("SELECT id FROM cas_group WHERE org_id = ?" + and + " ORDER BY created_at DESC, id DESC")
                .param(org.id()).query(UUID.class).list().stream().map(UUID::toString).toList();
    }

    private String page(String url, StaffPrincipal who) throws Exception {
        return ListPages.page(mvc, url, who);
    }

    private static List<String> ids(String html) {
        return ListPages.ids(ROW, html);
    }
}
