package org.exitwork.cases;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.ListPages;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The practitioner's start page and the manager's overview: what is due, and counts without content. */
@DatabaseTest
@AutoConfigureMockMvc
class OverviewsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theStartPageShowsMyMeetingsNextStepsAndFollowUpsButNoContent() throws Exception {
        var org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal other = fixtures.staff(org, Role.PRACTITIONER);
        RegisteredClient mine = fixtures.client(a, b, "Startpage Namemarker");
        RegisteredClient closed = fixtures.client(a, b, "Closed Namemarker");
        RegisteredClient notMine = fixtures.client(other, b, "Someone Elses");
        LocalDate today = LocalDate.now(clock);
        mvc.perform(post("/cases/{id}/sessions", mine.id()).with(as(a)).with(csrf())
                .param("sessionDate", today.toString()).param("setting", "ONE_ON_ONE")
                .param("text", "Sessionmarker: talked about the football club")
                .param("nextSteps", "Stepmarker: call the club").param("nextStepsDue", today.plusDays(3).toString())
                .param("nextMeeting", LocalDateTime.of(today.plusDays(7), java.time.LocalTime.of(10, 30)).toString()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/cases/{id}/ending/completed", closed.id()).with(as(a)).with(csrf())
                .param("closedOn", today.toString()).param("aftercarePlan", "Aftercaremarker")
                .param("followUp1", today.plusDays(5).toString())).andExpect(status().is3xxRedirection());

        String page = mvc.perform(get("/start").with(as(a))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains(mine.pseudonym(), closed.pseudonym())
                .contains("data-testid=\"next-meetings\"", "data-testid=\"next-steps\"", "data-testid=\"follow-ups\"")
                .doesNotContain(notMine.pseudonym())
                .doesNotContain("Namemarker", "Sessionmarker", "Stepmarker", "Aftercaremarker");
    }

    @Test
    void theManagersOverviewCountsWithoutShowingContent() throws Exception {
        var org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal manager = fixtures.manager(org.id());
        fixtures.client(a, b, "Overview Namemarker");
        RegisteredClient waiting = fixtures.prospect(a);

        String page = mvc.perform(get("/manage/overview").with(as(manager))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("clients without a current work agreement")
                .contains(waiting.pseudonym()) // waiting for the safety discussion: the manager must act
                .doesNotContain("Namemarker");
        assertThat(page.replaceAll("\\s+", " ")).contains("<span class=\"number\">1</span> <span>clients</span>",
                "<span class=\"number\">1</span> <span>prospects waiting</span>",
                "<span class=\"number\">1</span> <span>clients without a current work agreement</span>");
        mvc.perform(get("/manage/overview").with(as(a))).andExpect(status().isForbidden());
        mvc.perform(get("/start").with(as(manager))).andExpect(status().isForbidden());
    }
    @Test
    void theCaseloadsArePagedFiftyPractitionersAPageByNameWithTheirCounts() throws Exception {
        var org = fixtures.organisation();
        StaffPrincipal manager = fixtures.manager(org.id());
        List<StaffPrincipal> practitioners = new ArrayList<>();
        for (int i = 0; i < 52; i++) {
            practitioners.add(fixtures.staff(org, Role.PRACTITIONER));
        }
        StaffPrincipal left = fixtures.staff(org, Role.PRACTITIONER);
        jdbc.sql("UPDATE acc_staff SET active = FALSE WHERE id = ?").param(left.id()).update();
        List<String> byName = jdbc.sql("SELECT display_name FROM acc_staff WHERE org_id = ? AND role = 'PRACTITIONER'"
                + " AND active = TRUE ORDER BY display_name, username").param(org.id()).query(String.class).list();
        assertThat(byName).hasSize(52);
        // The last by name carries a client with the first by name and a prospect: counted on the second page.
        StaffPrincipal first = practitioners.stream().filter(p -> p.displayName().equals(byName.get(0))).findFirst().orElseThrow();
        StaffPrincipal last = practitioners.stream().filter(p -> p.displayName().equals(byName.get(51))).findFirst().orElseThrow();
        fixtures.client(last, first, "Caseload Client");
        fixtures.prospect(last);

        String one = ListPages.page(mvc, "/manage/overview", manager);
        assertThat(caseloadNames(one)).containsExactlyElementsOf(byName.subList(0, 50));
        assertThat(ListPages.PREVIOUS.matcher(one).find()).isFalse();
        String next = ListPages.link(ListPages.NEXT, one);
        assertThat(next).isEqualTo("/manage/overview?after=" + idOf(org.id(), byName.get(49)) + "#caseload");
        assertThat(one.replaceAll("\\s+", " ")).contains("<span class=\"number\">1</span> <span>clients</span>");

        String two = ListPages.page(mvc, next, manager);
        assertThat(caseloadNames(two)).containsExactlyElementsOf(byName.subList(50, 52));
        assertThat(two.replaceAll("\\s+", " ")).contains("<td data-label=\"Practitioner\">" + byName.get(51)
                + "</td><td data-label=\"clients\">1</td><td data-label=\"prospects waiting\">1</td>");
        assertThat(ListPages.NEXT.matcher(two).find()).isFalse();
        assertThat(ListPages.link(ListPages.PREVIOUS, two))
                .isEqualTo("/manage/overview?before=" + idOf(org.id(), byName.get(50)) + "#caseload");
        assertThat(caseloadNames(ListPages.page(mvc, ListPages.link(ListPages.PREVIOUS, two), manager)))
                .containsExactlyElementsOf(byName.subList(0, 50));
        assertThat(two).doesNotContain(left.displayName());

        // A practitioner of another organisation as the cursor finds nothing of either.
        var other = fixtures.organisation();
        StaffPrincipal stranger = fixtures.staff(other, Role.PRACTITIONER);
        assertThat(caseloadNames(ListPages.page(mvc, "/manage/overview?after=" + stranger.id(), manager))).isEmpty();
        mvc.perform(get("/manage/overview?after=not-an-id").with(as(manager))).andExpect(status().isBadRequest());
    }

    private static List<String> caseloadNames(String html) {
        return ListPages.ids(Pattern.compile("<td data-label=\"Practitioner\">([^<]+)</td>"), html);
    }

    private UUID idOf(UUID org, String displayName) {
        return jdbc.sql("SELECT id FROM acc_staff WHERE org_id = ? AND display_name = ?").params(org, displayName)
                .query(UUID.class).single();
    }
}
