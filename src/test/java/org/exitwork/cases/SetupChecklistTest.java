package org.exitwork.cases;

import java.util.Map;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.SetupTask;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.Fixtures.Organisation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The manager's set-up checklist: each task is done when the organisation's data says so, the list
 * goes when every task is done, and only managers see it.
 */
@DatabaseTest
class SetupChecklistTest {

    private static final String[] TASKS = { "organisation", "partners", "information-texts", "retention", "profiles", "mail" };

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ConfigurableEnvironment environment;

    /** Every module's tasks; a strand that adds one must also do it in the test below before the list hides. */
    @Autowired
    java.util.List<SetupTask> tasks;

    @Test
    void aNewOrganisationHasEveryTaskToDoAndEachFlipsWhenDone() throws Exception {
        Organisation org = fixtures.organisation();
        StaffPrincipal manager = fixtures.manager(org.id());
        StaffPrincipal anna = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal ben = fixtures.staff(org, Role.PRACTITIONER);

        String page = overview(manager);
        assertThat(page).contains("data-testid=\"setup-checklist\"", "0 of " + tasks.size() + " tasks done");
        assertThat(tasks).extracting(SetupTask::key).contains(TASKS);
        for (String task : TASKS) {
            assertThat(taskStatus(page, task)).as(task).isEqualTo("to do");
        }
        // The links of the list itself (the menu links some of the same pages).
        String checklist = page.substring(page.indexOf("data-testid=\"setup-checklist\""));
        checklist = checklist.substring(0, checklist.indexOf("</ul>"));
        assertThat(checklist).contains("href=\"/organisation\"", "href=\"/network/partners\"", "href=\"/cases/information-texts\"",
                "href=\"/manage/retention\"", "href=\"/profile\"", "href=\"/manage/mail\"");

        mvc.perform(post("/organisation").with(as(manager)).with(csrf()).param("name", "Exit Nord")
                .param("address", "Hafenweg 3, 20457 Hamburg").param("email", "post@exit-nord.example")
                .param("telephone", "040 123 456").param("dataProtection", "dsb@exit-nord.example").param("version", "0"))
                .andExpect(status().isFound());
        assertThat(taskStatus(overview(manager), "organisation")).isEqualTo("done");

        mvc.perform(post("/network/partners").with(as(manager)).with(csrf()).param("name", "Jugendamt Nord")
                .param("kind", "YOUTH_AND_FAMILY").param("mandate", "Youth welfare").param("agreement", "INFORMAL"))
                .andExpect(status().isFound());
        assertThat(taskStatus(overview(manager), "partners")).isEqualTo("done");

        mvc.perform(post("/cases/information-texts").with(as(manager)).with(csrf()).param("titleEn", "About us")
                .param("bodyEn", "Text").param("titleDe", "Über uns").param("bodyDe", "Text"))
                .andExpect(redirectedUrl("/cases/information-texts"));
        assertThat(taskStatus(overview(manager), "information-texts")).isEqualTo("done");

        // Saving the defaults unchanged counts as reviewed.
        mvc.perform(post("/manage/retention").with(as(manager)).with(csrf()).param("prospectDays", "90")
                .param("closedDays", "365").param("groupDays", "365").param("appointmentDays", "30"))
                .andExpect(redirectedUrl("/manage/retention"));
        assertThat(taskStatus(overview(manager), "retention")).isEqualTo("done");

        profile(anna);
        assertThat(taskStatus(overview(manager), "profiles")).as("one practitioner still without a profile")
                .isEqualTo("to do");
        profile(ben);
        page = overview(manager);
        assertThat(taskStatus(page, "profiles")).isEqualTo("done");
        assertThat(taskStatus(page, "mail")).isEqualTo("to do");
        assertThat(page).contains((tasks.size() - 1) + " of " + tasks.size() + " tasks done");
        assertThat(mvc.perform(get("/manage/mail").with(as(manager))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString()).contains("This installation has no mail server yet");

        MapPropertySource mail = new MapPropertySource("setup-checklist-mail", Map.of("spring.mail.host", "127.0.0.1"));
        environment.getPropertySources().addFirst(mail);
        try {
            page = overview(manager);
            assertThat(page).doesNotContain("setup-checklist", "Set up your organisation");
            assertThat(mvc.perform(get("/manage/mail").with(as(manager))).andReturn().getResponse()
                    .getContentAsString()).contains("This installation has a mail server");
        } finally {
            environment.getPropertySources().remove(mail.getName());
        }
        // Another organisation's data does nothing for a new one.
        Organisation other = fixtures.organisation();
        String otherPage = overview(fixtures.manager(other.id()));
        for (String task : new String[] { "partners", "information-texts", "retention", "profiles" }) {
            assertThat(taskStatus(otherPage, task)).as(task).isEqualTo("to do");
        }
    }

    @Test
    void aProfileWithoutGenderOrBackgroundDoesNotCount() throws Exception {
        Organisation org = fixtures.organisation();
        StaffPrincipal manager = fixtures.manager(org.id());
        StaffPrincipal anna = fixtures.staff(org, Role.PRACTITIONER);
        mvc.perform(post("/profile").with(as(anna)).with(csrf()).param("languages", "German, Turkish"))
                .andExpect(status().is3xxRedirection());
        assertThat(taskStatus(overview(manager), "profiles")).isEqualTo("to do");
    }

    @Test
    void nobodyButAManagerSeesTheChecklist() throws Exception {
        Organisation org = fixtures.organisation();
        StaffPrincipal practitioner = fixtures.staff(org, Role.PRACTITIONER);
        String start = mvc.perform(get("/start").with(as(practitioner))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(start).doesNotContain("setup-checklist", "task-list");
        mvc.perform(get("/manage/overview").with(as(practitioner))).andExpect(status().isForbidden());
        mvc.perform(get("/manage/overview").with(as(org.admin()))).andExpect(status().isForbidden());
        mvc.perform(get("/manage/overview").with(as(fixtures.staff(org, Role.DATA_PROTECTION_OFFICER))))
                .andExpect(status().isForbidden());
    }

    private String overview(StaffPrincipal manager) throws Exception {
        return mvc.perform(get("/manage/overview").with(as(manager))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
    }

    private void profile(StaffPrincipal who) throws Exception {
        mvc.perform(post("/profile").with(as(who)).with(csrf()).param("gender", "WOMAN")
                .param("backgrounds", "SOCIAL_WORK")).andExpect(status().is3xxRedirection());
    }

    /** "done" or "to do", read from the task's list item. */
    private static String taskStatus(String page, String task) {
        int at = page.indexOf("data-task=\"" + task + "\"");
        assertThat(at).as("task " + task + " listed").isPositive();
        String item = page.substring(at, page.indexOf("</li>", at));
        if (item.contains("task-list__status--done\">Done<")) {
            return "done";
        }
        assertThat(item).contains("class=\"task-list__status\">Not done yet<");
        return "to do";
    }
}
