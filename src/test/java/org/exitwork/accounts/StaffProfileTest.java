package org.exitwork.accounts;

import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.exitwork.accounts.StaffProfile.Background;
import org.exitwork.accounts.StaffProfile.Gender;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.testing.DatabaseScan;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** R2, R14: each staff member keeps their own diversity profile; nothing private, nothing across organisations. */
@DatabaseTest
@AutoConfigureMockMvc
class StaffProfileTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    StaffDirectory directory;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;

    @BeforeEach
    void staff() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
    }

    @Test
    void aStaffMemberRecordsAndChangesTheirOwnProfile() throws Exception {
        assertThat(directory.profiles(org.id(), List.of(a.id())).get(a.id()).isEmpty()).as("nothing yet").isTrue();

        mvc.perform(post("/profile").with(as(a)).with(csrf())
                        .param("gender", "WOMAN").param("backgrounds", "SOCIAL_WORK", "CULT_EXIT")
                        .param("socialBackground", "Socialmarker family of farmers")
                        .param("languages", "German, Languagemarker"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/profile"));

        StaffProfile saved = directory.profiles(org.id(), List.of(a.id())).get(a.id());
        assertThat(saved).isEqualTo(new StaffProfile(a.id(), Gender.WOMAN,
                Set.of(Background.SOCIAL_WORK, Background.CULT_EXIT), "Socialmarker family of farmers",
                "German, Languagemarker"));
        String page = mvc.perform(get("/profile").with(as(a))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Socialmarker family of farmers")
                .containsPattern("value=\"CULT_EXIT\"[^>]*checked=\"checked\"")
                .containsPattern("value=\"WOMAN\"[^>]*checked=\"checked\"")
                .doesNotContainPattern("value=\"PSYCHOLOGY\"[^>]*checked=\"checked\"");

        // Changing: fewer backgrounds, the free texts emptied.
        mvc.perform(post("/profile").with(as(a)).with(csrf())
                        .param("gender", "PREFER_NOT_TO_SAY").param("backgrounds", "PSYCHOLOGY")
                        .param("socialBackground", "").param("languages", " "))
                .andExpect(status().is3xxRedirection());
        assertThat(directory.profiles(org.id(), List.of(a.id())).get(a.id())).isEqualTo(
                new StaffProfile(a.id(), Gender.PREFER_NOT_TO_SAY, Set.of(Background.PSYCHOLOGY), null, null));

        List<AuditEntry> entries = audit.about(org.id(), a.username());
        assertThat(entries).filteredOn(e -> e.action().equals("PROFILE_UPDATED")).hasSize(2)
                .allSatisfy(e -> assertThat(e.detail()).as("no values in the audit").isNull());
    }

    @Test
    void nobodyChangesAnotherStaffMembersProfile() throws Exception {
        mvc.perform(post("/profile").with(as(a)).with(csrf()).param("gender", "MAN"))
                .andExpect(status().is3xxRedirection());
        // There is no id to aim at: a smuggled-in staff id is ignored, B changes only B.
        mvc.perform(post("/profile").with(as(b)).with(csrf()).param("staffId", a.id().toString())
                .param("gender", "WOMAN")).andExpect(status().is3xxRedirection());
        Map<java.util.UUID, StaffProfile> profiles = directory.profiles(org.id(), List.of(a.id(), b.id()));
        assertThat(profiles.get(a.id()).gender()).isEqualTo(Gender.MAN);
        assertThat(profiles.get(b.id()).gender()).isEqualTo(Gender.WOMAN);
    }

    @Test
    void profilesOfAnotherOrganisationAreLeftOut() throws Exception {
        var otherOrg = fixtures.organisation();
        StaffPrincipal stranger = fixtures.staff(otherOrg, Role.PRACTITIONER);
        mvc.perform(post("/profile").with(as(stranger)).with(csrf()).param("gender", "MAN")
                .param("languages", "Strangerlanguage")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/profile").with(as(a)).with(csrf()).param("gender", "WOMAN"))
                .andExpect(status().is3xxRedirection());

        Map<java.util.UUID, StaffProfile> seen = directory.profiles(org.id(), List.of(a.id(), b.id(), stranger.id()));
        assertThat(seen).containsOnlyKeys(a.id(), b.id());
        assertThat(seen.get(b.id()).isEmpty()).as("B has recorded nothing").isTrue();
        assertThat(directory.profiles(otherOrg.id(), List.of(a.id(), b.id()))).isEmpty();
        assertThat(directory.profiles(org.id(), List.of())).isEmpty();
        mvc.perform(get("/profile").with(as(a)))
                .andExpect(content().string(not(containsString("Strangerlanguage"))));
    }

    @Test
    void badInputIsRefusedAndStoresNothing() throws Exception {
        mvc.perform(post("/profile").with(as(a)).with(csrf()).param("gender", "NOT_A_GENDER")
                        .param("languages", "kept languages text"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("kept languages text")));
        mvc.perform(post("/profile").with(as(a)).with(csrf()).param("backgrounds", "SOCIAL_WORK", "ASTROLOGY"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/profile").with(as(a)).with(csrf()).param("socialBackground", "x".repeat(201)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("aria-invalid=\"true\"")));
        mvc.perform(post("/profile").with(as(a)).with(csrf()).param("languages", "y".repeat(201)))
                .andExpect(status().isBadRequest());
        assertThat(rows()).isZero();
        assertThat(audit.about(org.id(), a.username())).noneMatch(e -> e.action().equals("PROFILE_UPDATED"));

        // And a stored profile stays as it was.
        mvc.perform(post("/profile").with(as(a)).with(csrf()).param("gender", "MAN").param("languages", "English"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/profile").with(as(a)).with(csrf()).param("gender", "WOMAN")
                .param("languages", "z".repeat(201))).andExpect(status().isBadRequest());
        StaffProfile kept = directory.profiles(org.id(), List.of(a.id())).get(a.id());
        assertThat(kept.gender()).isEqualTo(Gender.MAN);
        assertThat(kept.languages()).isEqualTo("English");
    }

    @Test
    void everyRoleKeepsAProfileAndTheFreeTextsAreEncrypted() throws Exception {
        // A peer of another organisation keeps none here: the profile is the organisation's staff's.
        StaffPrincipal peer = fixtures.staff(org, Role.PEER);
        mvc.perform(get("/profile").with(as(peer))).andExpect(status().isForbidden());
        mvc.perform(post("/profile").with(as(peer)).with(csrf()).param("gender", "NON_BINARY"))
                .andExpect(status().isForbidden());
        for (Role role : Role.values()) {
            if (!role.isStaff()) {
                continue;
            }
            StaffPrincipal someone = fixtures.staff(org, role);
            mvc.perform(get("/profile").with(as(someone))).andExpect(status().isOk());
            mvc.perform(post("/profile").with(as(someone)).with(csrf()).param("gender", "NON_BINARY")
                    .param("socialBackground", "Profsocialmark " + role)
                    .param("languages", "Proflangmark " + role)).andExpect(status().is3xxRedirection());
        }
        assertThat(DatabaseScan.find(dataSource, List.of("NON_BINARY"))).as("the scan can find codes").isNotEmpty();
        assertThat(DatabaseScan.find(dataSource, List.of("Profsocialmark", "Proflangmark"))).isEmpty();
    }

    @Test
    void theProfileHoldsNothingPrivate() {
        // R14: no address, birth date or the like, in the record or in the table.
        assertThat(java.util.Arrays.stream(StaffProfile.class.getRecordComponents()).map(c -> c.getName()))
                .containsExactly("staffId", "gender", "backgrounds", "socialBackground", "languages");
        List<String> columns = jdbc.sql("SELECT LOWER(column_name) FROM information_schema.columns "
                + "WHERE table_schema = CURRENT_SCHEMA "
                + "AND LOWER(table_name) IN ('acc_staff_profile', 'acc_staff_background')")
                .query(String.class).list();
        assertThat(columns).containsExactlyInAnyOrder("staff_id", "gender", "social_background", "languages",
                "updated_at", "staff_id", "background");
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM acc_staff_profile WHERE staff_id = ?").param(a.id())
                .query(Long.class).single();
    }
}
