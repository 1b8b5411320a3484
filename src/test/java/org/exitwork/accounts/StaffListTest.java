package org.exitwork.accounts;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.ListPages;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The staff administration's list pages in the database: fifty accounts a page by name, the pages beside
 * it reached by keyset cursors that carry the role along, each account's open cases counted for the
 * whole page at once, and a cursor from elsewhere showing nothing.
 */
@DatabaseTest
@AutoConfigureMockMvc
class StaffListTest {

    private static final Pattern ROW = Pattern.compile("action=\"/admin/staff/([0-9a-f-]{36})/reset-password\"");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Fixtures.Organisation org;
    StaffPrincipal admin;
    StaffPrincipal a;
    StaffPrincipal b;

    @BeforeEach
    void moreAccountsThanAPage() {
        org = fixtures.organisation();
        admin = fixtures.staff(org, Role.ADMIN);
        for (int i = 0; i < 50; i++) {
            fixtures.staff(org, i % 10 == 0 ? Role.MANAGER : Role.PRACTITIONER);
        }
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        fixtures.client(a, b, Fixtures.unique("Carried Person "));
        fixtures.client(a, b, Fixtures.unique("Carried Person "));
    }

    @Test
    void fiftyAPageByNameAndTheNextAndPreviousPagesInOrder() throws Exception {
        List<String> every = accounts("");
        int n = every.size(); // the 53 made here, and the manager who took the clients on
        assertThat(n).isBetween(53, 60);

        String first = page("/admin/staff", admin);
        assertThat(ids(first)).containsExactlyElementsOf(every.subList(0, 50));
        assertThat(PREVIOUS.matcher(first).find()).as("no page before the first").isFalse();
        String next = link(NEXT, first);
        assertThat(next).isEqualTo("/admin/staff?after=" + every.get(49));

        String second = page(next, admin);
        assertThat(ids(second)).containsExactlyElementsOf(every.subList(50, n));
        assertThat(NEXT.matcher(second).find()).as("no page after the last").isFalse();
        String previous = link(PREVIOUS, second);
        assertThat(previous).isEqualTo("/admin/staff?before=" + every.get(50));
        assertThat(ids(page(previous, admin))).containsExactlyElementsOf(every.subList(0, 50));

        // The open cases each carries, counted for the page at once: a and b carry two each.
        assertThat(count(first + second, "in the tandem of 2 open cases")).isEqualTo(2);
    }

    @Test
    void theRoleNarrowsTheListInTheDatabaseAndTravelsWithThePageLinks() throws Exception {
        List<String> managers = accounts(" AND role = 'MANAGER'");
        assertThat(managers).hasSizeGreaterThanOrEqualTo(5);
        assertThat(ids(page("/admin/staff?role=MANAGER", admin))).containsExactlyElementsOf(managers);
        List<String> practitioners = accounts(" AND role = 'PRACTITIONER'");
        assertThat(practitioners).hasSize(47);
        String before = page("/admin/staff?role=PRACTITIONER&before=" + practitioners.get(46), admin);
        assertThat(ids(before)).containsExactlyElementsOf(practitioners.subList(0, 46));
        assertThat(PREVIOUS.matcher(before).find()).isFalse();
        assertThat(link(NEXT, before)).isEqualTo("/admin/staff?role=PRACTITIONER&after=" + practitioners.get(45));
        assertThat(page("/admin/staff?role=DATA_PROTECTION_OFFICER", admin)).contains("No account has this role.");
    }

    @Test
    void aCursorFromAnotherOrganisationShowsNothingOfEither() throws Exception {
        Fixtures.Organisation other = fixtures.organisation();
        StaffPrincipal stranger = fixtures.staff(other, Role.ADMIN);
        String page = page("/admin/staff?after=" + a.id(), stranger);
        assertThat(ids(page)).isEmpty();
        assertThat(page).doesNotContain(a.username()).doesNotContain(stranger.username());
        assertThat(ids(page("/admin/staff?before=" + stranger.id(), admin))).isEmpty();
    }

    @Test
    void aValueThePageDoesNotOfferIsRefused() throws Exception {
        for (String query : List.of("role=BOSS", "after=not-an-id", "before=12")) {
            assertThat(mvc.perform(get("/admin/staff?" + query).with(as(admin))).andReturn().getResponse().getStatus())
                    .as(query).isEqualTo(400);
        }
    }

    private List<String> accounts(String and) {
        return jdbc.sql("SELECT id FROM acc_staff WHERE org_id = ?" + and + " ORDER BY display_name, username")
                .param(org.id()).query(UUID.class).list().stream().map(UUID::toString).toList();
    }

    private String page(String url, StaffPrincipal who) throws Exception {
        return ListPages.page(mvc, url, who);
    }

    private static int count(String html, String text) {
        return html.split(Pattern.quote(text), -1).length - 1;
    }

    private static List<String> ids(String html) {
        return ListPages.ids(ROW, html);
    }
}
