package org.exitwork.cases;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
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

/** R2: the case overview shows how the tandem differs, from the staff profiles, without their values. */
@DatabaseTest
@AutoConfigureMockMvc
class TandemDiversityPageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    RegisteredClient client;

    @BeforeEach
    void aCase() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, "Diversity Client");
    }

    @Test
    void beforeAnyProfileEverythingIsNotRecordedYet() throws Exception {
        String page = casePage(a);
        assertThat(page).contains("data-testid=\"tandem-diversity\"");
        for (String row : new String[] {"gender", "background", "social-background", "languages"}) {
            assertThat(state(page, row)).as(row).isEqualTo("NOT_RECORDED");
        }
        assertThat(page).contains("not recorded yet");
    }

    @Test
    void theTandemSeesWhereItDiffersButNotTheAnswers() throws Exception {
        profile(a, "WOMAN", "SOCIAL_WORK", "Hiddensocial upbringing", "German, Turkish");
        profile(b, "MAN", "SOCIAL_WORK", "Hiddensocial upbringing", "Arabic");

        for (StaffPrincipal member : new StaffPrincipal[] {a, b}) {
            String page = casePage(member);
            assertThat(state(page, "gender")).isEqualTo("DIFFERENT");
            assertThat(state(page, "background")).isEqualTo("SAME");
            assertThat(state(page, "social-background")).isEqualTo("SAME");
            assertThat(state(page, "languages")).isEqualTo("DIFFERENT");
            assertThat(page).doesNotContain("Hiddensocial").doesNotContain("Turkish").doesNotContain("Arabic");
        }
        String german = mvc.perform(get("/cases/{id}", client.id()).with(as(a)).param("lang", "de"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(german).contains("unterschiedlich").contains("gleich");
    }

    @Test
    void aCaseWithOnePractitionerSaysSo() throws Exception {
        profile(a, "WOMAN", "PSYCHOTHERAPY", null, null);
        // The lead's tandem-reason flow makes such cases; here the second member simply leaves.
        jdbc.sql("DELETE FROM cas_tandem_member WHERE client_id = ? AND staff_id = ?").params(client.id(), b.id())
                .update();
        String page = casePage(a);
        assertThat(page).contains("data-testid=\"one-practitioner\"").contains("runs with one practitioner");
        assertThat(page).doesNotContain("data-testid=\"diversity-gender\"");
    }

    @Test
    void colleaguesOutsideTheTandemSeeNoDiversityPanel() throws Exception {
        StaffPrincipal colleague = fixtures.staff(org, Role.PRACTITIONER);
        String page = mvc.perform(get("/cases/{id}", client.id()).with(as(colleague)))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain("tandem-diversity");
    }

    private void profile(StaffPrincipal who, String gender, String background, String social, String languages)
            throws Exception {
        var request = post("/profile").with(as(who)).with(csrf()).param("gender", gender)
                .param("backgrounds", background);
        if (social != null) {
            request.param("socialBackground", social);
        }
        if (languages != null) {
            request.param("languages", languages);
        }
        mvc.perform(request).andExpect(status().is3xxRedirection());
    }

    private String casePage(StaffPrincipal who) throws Exception {
        return mvc.perform(get("/cases/{id}", client.id()).with(as(who))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private static String state(String page, String row) {
        var m = java.util.regex.Pattern.compile("data-testid=\"diversity-" + row + "\"[^>]*data-state=\"([A-Z_]+)\"")
                .matcher(page);
        assertThat(m.find()).as("row " + row + " on the page").isTrue();
        return m.group(1);
    }
}
