package org.exitwork.cases;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
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
}
