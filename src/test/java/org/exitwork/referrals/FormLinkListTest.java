package org.exitwork.referrals;

import java.time.Duration;
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
 * The one-time links to the referral form page in the database: fifty a page, newest first by
 * (created, id), the pages beside it reached by keyset cursors that carry "only links that still work"
 * along, and a cursor from elsewhere showing nothing.
 */
@DatabaseTest
@AutoConfigureMockMvc
class FormLinkListTest {

    private static final Pattern ROW = Pattern.compile("data-link=\"([0-9a-f-]{36})\"");

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
    UUID partner;

    @BeforeEach
    void moreLinksThanAPage() throws Exception {
        org = fixtures.organisation();
        manager = fixtures.staff(org, Role.MANAGER);
        String name = Fixtures.unique("Youth office ");
        assertThat(mvc.perform(post("/network/partners").with(as(manager)).with(csrf()).param("name", name)
                .param("kind", "YOUTH_AND_FAMILY").param("mandate", "A mandate").param("agreement", "INFORMAL"))
                .andReturn().getResponse().getStatus()).isEqualTo(302);
        partner = jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = ?").params(org.id(), name)
                .query(UUID.class).single();
        for (int i = 0; i < 53; i++) {
            assertThat(mvc.perform(post("/referrals/links").with(as(manager)).with(csrf())
                    .param("partnerId", partner.toString())).andReturn().getResponse().getStatus()).isEqualTo(200);
            if (i % 3 == 0) {
                clock.advance(Duration.ofSeconds(1)); // some share their time: the id breaks the tie
            }
        }
        for (String id : links("").subList(0, 5)) {
            assertThat(mvc.perform(post("/referrals/links/{id}/withdraw", id).with(as(manager)).with(csrf()))
                    .andReturn().getResponse().getStatus()).isEqualTo(302);
        }
    }

    @Test
    void fiftyAPageNewestFirstAndTheNextAndPreviousPagesInOrder() throws Exception {
        List<String> every = links("");
        assertThat(every).hasSize(53);

        String first = page("/referrals/links");
        assertThat(ids(first)).containsExactlyElementsOf(every.subList(0, 50));
        assertThat(PREVIOUS.matcher(first).find()).as("no page before the first").isFalse();
        String next = link(NEXT, first);
        assertThat(next).isEqualTo("/referrals/links?after=" + every.get(49));

        String second = page(next);
        assertThat(ids(second)).containsExactlyElementsOf(every.subList(50, 53));
        assertThat(NEXT.matcher(second).find()).as("no page after the last").isFalse();
        String previous = link(PREVIOUS, second);
        assertThat(previous).isEqualTo("/referrals/links?before=" + every.get(50));
        assertThat(ids(page(previous))).containsExactlyElementsOf(every.subList(0, 50));
    }

    @Test
    void onlyTheLinksThatStillWorkWhenAskedAndTheChoiceTravelsWithThePageLinks() throws Exception {
        List<String> open = links(" AND withdrawn_at IS NULL");
        assertThat(open).hasSize(48);
        String page = page("/referrals/links?open=true");
        assertThat(ids(page)).containsExactlyElementsOf(open);
        assertThat(page).doesNotContain("<a rel=\"next\"");
        String before = page("/referrals/links?open=true&before=" + open.get(47));
        assertThat(ids(before)).containsExactlyElementsOf(open.subList(0, 47));
        assertThat(link(NEXT, before)).isEqualTo("/referrals/links?open=true&after=" + open.get(46));
        clock.advance(Duration.ofDays(15)); // the links work for fourteen days
        assertThat(page("/referrals/links?open=true")).contains("No link still works.");
    }

    @Test
    void aCursorFromAnotherOrganisationShowsNothing() throws Exception {
        StaffPrincipal stranger = fixtures.staff(fixtures.organisation(), Role.MANAGER);
        String page = mvc.perform(get("/referrals/links?after=" + links("").get(0)).with(as(stranger))).andReturn()
                .getResponse().getContentAsString();
        assertThat(ids(page)).isEmpty();
        for (String query : List.of("open=perhaps", "after=not-an-id", "before=12")) {
            assertThat(mvc.perform(get("/referrals/links?" + query).with(as(manager))).andReturn().getResponse()
                    .getStatus()).as(query).isEqualTo(400);
        }
    }

    private List<String> links(String and) {
        return jdbc.sql("SELECT id FROM ref_form_link WHERE org_id = ?" + and + " ORDER BY created_at DESC, id DESC")
                .param(org.id()).query(UUID.class).list().stream().map(UUID::toString).toList();
    }

    private String page(String url) throws Exception {
        var response = mvc.perform(get(url).with(as(manager))).andReturn().getResponse();
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        return response.getContentAsString();
    }

    private static List<String> ids(String html) {
        return ListPages.ids(ROW, html);
    }
}
