package org.exitwork.accounts;

import java.net.URI;
import java.util.List;

import org.exitwork.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The first run on an empty database: the set-up page creates the organisation and its
 * administrator once, and is gone afterwards. The class has a database of its own (the property
 * gives it a context nobody else shares), emptied of every account before each test, so each test
 * starts from a never-set-up installation whatever ran before it.
 */
@DatabaseTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "exitwork.test.context=first-run")
class FirstRunTest {

    static final String ORGANISATION = "Ausstieg Nord Beratungsstelle";
    static final String USERNAME = "first.admin";
    static final String PASSWORD = "correct horse battery staple";

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void aNeverSetUpInstallation() {
        for (String table : List.of("acc_recovery_code", "acc_staff", "acc_organisation", "acc_installation")) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }

    @Test
    void anEmptyInstallationSendsSignInToSetUp() throws Exception {
        assertNothingStored();
        MockHttpServletResponse response = mvc.perform(get("/sign-in")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(path(response)).isEqualTo("/setup");
    }

    @Test
    void theSetUpPageShowsTheForm() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/setup")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString())
                .contains("Set up Exitwork")
                .contains("name=\"organisationName\"")
                .contains("name=\"displayName\"")
                .contains("name=\"username\"")
                .contains("name=\"password\"")
                .contains("name=\"repeatPassword\"")
                .contains("master-key.json");
    }

    @Test
    void blankFieldsAreRefusedAndNothingIsStored() throws Exception {
        MockHttpServletResponse response = mvc.perform(setUp(ORGANISATION, "", "", "", "")).andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(400);
        String page = response.getContentAsString();
        assertThat(page).contains("Please correct the marked fields")
                .contains("id=\"displayName-error\"")
                .contains("id=\"username-error\"")
                .contains("id=\"password-error\"")
                .contains("Please fill in this field.")
                .doesNotContain("id=\"organisationName-error\"");
        assertKeeps(page, ORGANISATION);
        assertNothingStored();
    }

    @Test
    void aShortPasswordIsRefusedAndNothingIsStored() throws Exception {
        MockHttpServletResponse response = mvc.perform(setUp(ORGANISATION, "First Admin", USERNAME, "too short",
                "too short")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(400);
        String page = response.getContentAsString();
        assertThat(page).contains("id=\"password-error\"")
                .contains("Please use between 12 and 128 characters.")
                .doesNotContain("id=\"username-error\"")
                .doesNotContain("too short");
        assertKeeps(page, ORGANISATION);
        assertNothingStored();
    }

    @Test
    void differingPasswordsAreRefusedAndNothingIsStored() throws Exception {
        MockHttpServletResponse response = mvc.perform(setUp(ORGANISATION, "First Admin", USERNAME, PASSWORD,
                PASSWORD + " but different")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(400);
        String page = response.getContentAsString();
        assertThat(page).contains("id=\"repeatPassword-error\"")
                .contains("The two passwords differ.")
                .doesNotContain(PASSWORD);
        assertKeeps(page, ORGANISATION);
        assertNothingStored();
    }

    @Test
    void anInvalidUserNameIsRefusedAndNothingIsStored() throws Exception {
        MockHttpServletResponse response = mvc.perform(setUp(ORGANISATION, "First Admin", "first admin!", PASSWORD,
                PASSWORD)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("id=\"username-error\"");
        assertKeeps(response.getContentAsString(), ORGANISATION);
        assertNothingStored();
    }

    @Test
    void aValidFormCreatesTheOrganisationAndItsAdministrator() throws Exception {
        MockHttpServletResponse response = mvc.perform(setUp("  " + ORGANISATION + " ", "First Admin", "First.Admin",
                PASSWORD, PASSWORD)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).isEqualTo("/sign-in?welcome");

        assertThat(accounts.installationSetUp()).isTrue();
        assertThat(jdbc.sql("SELECT name FROM acc_organisation").query(String.class).list())
                .containsExactly(ORGANISATION);
        assertThat(jdbc.sql("SELECT username || ':' || role FROM acc_staff").query(String.class).list())
                .containsExactly(USERNAME + ":ADMIN");

        MockHttpServletResponse welcome = mvc.perform(get("/sign-in").param("welcome", "")).andReturn()
                .getResponse();
        assertThat(welcome.getStatus()).isEqualTo(200);
        assertThat(welcome.getContentAsString()).contains("Your organisation is set up.");

        // The chosen password works, and only for the first step of signing in.
        MockHttpServletResponse signIn = mvc.perform(post("/sign-in").with(csrf()).param("username", USERNAME)
                .param("password", PASSWORD)).andReturn().getResponse();
        assertThat(path(signIn)).isEqualTo("/sign-in/continue");
    }

    @Test
    void afterwardsTheSetUpPageIsGone() throws Exception {
        assertThat(mvc.perform(setUp(ORGANISATION, "First Admin", USERNAME, PASSWORD, PASSWORD)).andReturn()
                .getResponse().getRedirectedUrl()).isEqualTo("/sign-in?welcome");

        assertThat(mvc.perform(get("/setup")).andReturn().getResponse().getStatus()).isEqualTo(404);
        MockHttpServletResponse again = mvc.perform(setUp("Second Organisation", "Second Admin", "second.admin",
                PASSWORD, PASSWORD)).andReturn().getResponse();
        assertThat(again.getStatus()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acc_organisation").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acc_staff").query(Long.class).single()).isEqualTo(1);

        MockHttpServletResponse signIn = mvc.perform(get("/sign-in")).andReturn().getResponse();
        assertThat(signIn.getStatus()).as("sign-in no longer sends anyone to set-up").isEqualTo(200);
    }

    private static MockHttpServletRequestBuilder setUp(String organisation, String displayName, String username,
            String password, String repeat) {
        return post("/setup").with(csrf())
                .param("organisationName", organisation)
                .param("displayName", displayName)
                .param("username", username)
                .param("password", password)
                .param("repeatPassword", repeat);
    }

    private static void assertKeeps(String page, String organisation) {
        assertThat(page).as("the typed organisation name is kept")
                .containsPattern("name=\"organisationName\"[^>]*value=\"" + organisation + "\""
                        + "|value=\"" + organisation + "\"[^>]*name=\"organisationName\"");
    }

    private void assertNothingStored() {
        assertThat(accounts.installationSetUp()).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acc_organisation").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acc_staff").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acc_installation").query(Long.class).single()).isZero();
    }

    private static String path(MockHttpServletResponse response) {
        String location = response.getHeader("Location");
        return location == null ? null : URI.create(location).getPath();
    }
}
