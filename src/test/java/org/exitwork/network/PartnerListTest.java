package org.exitwork.network;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.ListPages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.ListPages.NEXT;
import static org.exitwork.testing.ListPages.PREVIOUS;
import static org.exitwork.testing.ListPages.link;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The partner registry's list pages and filters in the database: fifty partners a page, active ones
 * first, then by name, the pages beside it reached by keyset cursors that carry the group along, and a
 * cursor from elsewhere showing nothing.
 */
@DatabaseTest
@AutoConfigureMockMvc
class PartnerListTest {

    private static final Pattern ROW = Pattern.compile("<a href=\"/network/partners/([0-9a-f-]{36})\">([^<]+)</a>");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Fixtures.Organisation org;
    StaffPrincipal manager;
    StaffPrincipal practitioner;
    List<String> police = new ArrayList<>();

    @BeforeEach
    void aRegistryLongerThanAPage() throws Exception {
        org = fixtures.organisation();
        manager = fixtures.staff(org, Role.MANAGER);
        practitioner = fixtures.staff(org, Role.PRACTITIONER);
        for (int i = 0; i < 52; i++) {
            String kind = i % 10 == 0 ? "POLICE" : "YOUTH_AND_FAMILY";
            UUID id = create(String.format("Partner %02d", i), kind);
            if (i % 10 == 0) {
                police.add(id.toString());
            }
            if (i % 20 == 5) {
                // Deactivated partners come after every active one, whatever their name.
                assertThat(mvc.perform(post("/network/partners/{id}/active", id).with(as(manager)).with(csrf())
                        .param("active", "false")).andReturn().getResponse().getStatus()).isEqualTo(302);
            }
        }
    }

    @Test
    void fiftyAPageActiveFirstByNameAndTheNextAndPreviousPagesInOrder() throws Exception {
        List<String> every = partners("");
        assertThat(every).hasSize(52);

        String first = page("/network/partners", practitioner);
        assertThat(ids(first)).containsExactlyElementsOf(every.subList(0, 50));
        assertThat(names(first).get(0)).isEqualTo("Partner 00");
        assertThat(PREVIOUS.matcher(first).find()).as("no page before the first").isFalse();
        String next = link(NEXT, first);
        assertThat(next).isEqualTo("/network/partners?after=" + every.get(49));

        String second = page(next, practitioner);
        assertThat(ids(second)).containsExactlyElementsOf(every.subList(50, 52));
        assertThat(names(second)).containsExactly("Partner 25", "Partner 45");
        assertThat(NEXT.matcher(second).find()).as("no page after the last").isFalse();
        String previous = link(PREVIOUS, second);
        assertThat(previous).isEqualTo("/network/partners?before=" + every.get(50));
        assertThat(ids(page(previous, practitioner))).containsExactlyElementsOf(every.subList(0, 50));
    }

    @Test
    void theGroupNarrowsTheListInTheDatabaseAndTravelsWithThePageLinks() throws Exception {
        assertThat(ids(page("/network/partners?group=SECURITY", practitioner)))
                .containsExactlyInAnyOrderElementsOf(police);
        assertThat(ids(page("/network/partners?group=FUNDER", practitioner))).isEmpty();
        List<String> social = partners(" AND kind = 'YOUTH_AND_FAMILY'");
        assertThat(social).hasSize(46);
        String before = page("/network/partners?group=SOCIAL_SERVICE&before=" + social.get(45), practitioner);
        assertThat(ids(before)).containsExactlyElementsOf(social.subList(0, 45));
        assertThat(PREVIOUS.matcher(before).find()).isFalse();
        assertThat(link(NEXT, before)).isEqualTo("/network/partners?group=SOCIAL_SERVICE&after=" + social.get(44));
    }

    @Test
    void aCursorFromAnotherOrganisationShowsNothingOfEither() throws Exception {
        Fixtures.Organisation other = fixtures.organisation();
        StaffPrincipal stranger = fixtures.staff(other, Role.PRACTITIONER);
        String page = page("/network/partners?after=" + police.get(0), stranger);
        assertThat(ids(page)).isEmpty();
        assertThat(page).doesNotContain("Partner 0");
        assertThat(ids(page("/network/partners?before=" + UUID.randomUUID(), practitioner))).isEmpty();
    }

    @Test
    void aValueThePageDoesNotOfferIsRefused() throws Exception {
        for (String query : List.of("group=NONSENSE", "after=not-an-id", "before=12")) {
            assertThat(mvc.perform(get("/network/partners?" + query).with(as(practitioner))).andReturn().getResponse()
                    .getStatus()).as(query).isEqualTo(400);
        }
    }

    private UUID create(String name, String kind) throws Exception {
        String location = mvc.perform(post("/network/partners").with(as(manager)).with(csrf()).param("name", name)
                .param("kind", kind).param("mandate", "A mandate").param("agreement", "INFORMAL")).andReturn()
                .getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/network/partners/");
        return UUID.fromString(location.substring("/network/partners/".length()));
    }

    private List<String> partners(String and) {
        return jdbc.sql("SELECT id FROM net_partner WHERE org_id = ?" + and + " ORDER BY active DESC, name, id")
                .param(org.id()).query(UUID.class).list().stream().map(UUID::toString).toList();
    }

    private String page(String url, StaffPrincipal who) throws Exception {
        return ListPages.page(mvc, url, who);
    }

    private static List<String> ids(String html) {
        return ListPages.ids(ROW, html);
    }

    private static List<String> names(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            found.add(HtmlUtils.htmlUnescape(m.group(2)));
        }
        return found;
    }
}
