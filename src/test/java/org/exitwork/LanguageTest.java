package org.exitwork;

import java.util.List;

import jakarta.servlet.http.Cookie;

import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** English by default, German on request: by the browser's language, or chosen and kept in a cookie. */
@DatabaseTest
@AutoConfigureMockMvc
class LanguageTest {

    static final String COOKIE = "exitwork-lang";

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AccountAdministration accounts;

    @BeforeEach
    void anInstallationExists() {
        if (!accounts.installationSetUp()) {
            fixtures.organisation(); // otherwise /sign-in sends everyone to the first-run page
        }
    }

    @Test
    void englishByDefault() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/sign-in")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString())
                .contains("<html lang=\"en\"")
                .contains("<h1>Sign in</h1>")
                .doesNotContain("Anmelden")
                .doesNotContain("Benutzername");
        assertThat(response.getCookie(COOKIE)).as("no cookie until a language is chosen").isNull();
    }

    @Test
    void langParameterSwitchesToGermanAndRemembersIt() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/sign-in").param("lang", "de")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertGerman(response);

        Cookie cookie = response.getCookie(COOKIE);
        assertThat(cookie).as("language cookie").isNotNull();
        assertThat(cookie.getValue()).isEqualTo("de");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getMaxAge()).isPositive();

        MockHttpServletResponse next = mvc.perform(get("/sign-in").cookie(cookie)).andReturn().getResponse();
        assertGerman(next);
    }

    @Test
    void browserLanguageGermanRendersGerman() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/sign-in").header("Accept-Language", "de")).andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertGerman(response);

        MockHttpServletResponse regional = mvc.perform(get("/sign-in").header("Accept-Language", "de-AT,de;q=0.9"))
                .andReturn().getResponse();
        assertGerman(regional);
    }

    @Test
    void aChosenLanguageBeatsTheBrowsersLanguage() throws Exception {
        MockHttpServletResponse english = mvc.perform(get("/sign-in").header("Accept-Language", "de")
                .param("lang", "en")).andReturn().getResponse();
        assertThat(english.getContentAsString()).contains("<h1>Sign in</h1>").doesNotContain("Anmelden");
        assertThat(english.getCookie(COOKIE).getValue()).isEqualTo("en");

        MockHttpServletResponse german = mvc.perform(get("/sign-in").header("Accept-Language", "en")
                .cookie(new Cookie(COOKIE, "de"))).andReturn().getResponse();
        assertGerman(german);
    }

    @Test
    void otherBrowserLanguagesAndUnknownChoicesFallBackToEnglish() throws Exception {
        MockHttpServletResponse french = mvc.perform(get("/sign-in").header("Accept-Language", "fr")).andReturn()
                .getResponse();
        assertThat(french.getContentAsString()).contains("<html lang=\"en\"").contains("<h1>Sign in</h1>");

        MockHttpServletResponse nonsense = mvc.perform(get("/sign-in").param("lang", "not a language")).andReturn()
                .getResponse();
        assertThat(nonsense.getStatus()).isEqualTo(200);
        assertThat(nonsense.getContentAsString()).contains("<h1>Sign in</h1>");
    }

    /**
     * A language Exitwork does not speak is English through and through: the cookie says en, the page says
     * lang="en" and its dates are English; a cookie that names no language (sent by hand) is no cookie, not a 500.
     */
    @Test
    void anyOtherLanguageIsEnglishAndAnUnreadableCookieIsNone() throws Exception {
        for (String other : List.of("xx", "ar-SA", "ja-JP-u-ca-japanese", "de-u-nu-arab")) {
            MockHttpServletResponse response = mvc.perform(get("/sign-in").param("lang", other)).andReturn()
                    .getResponse();
            assertThat(response.getStatus()).as(other).isEqualTo(200);
            String expected = other.startsWith("de") ? "de" : "en";
            assertThat(response.getContentAsString()).as(other).contains("<html lang=\"" + expected + "\"");
            assertThat(response.getCookie(COOKIE).getValue()).as(other).isEqualTo(expected);
        }
        for (String unreadable : List.of("de_DE_@@@", "%00")) {
            MockHttpServletResponse response = mvc.perform(get("/sign-in").header("Accept-Language", "de")
                    .cookie(new Cookie(COOKIE, unreadable))).andReturn().getResponse();
            assertThat(response.getStatus()).as(unreadable).isEqualTo(200);
            assertGerman(response);
        }
    }

    @Test
    void signedInPagesAreGermanToo() throws Exception {
        StaffPrincipal practitioner = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);
        MockHttpServletResponse response = mvc.perform(get("/cases").with(as(practitioner))
                .cookie(new Cookie(COOKIE, "de"))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("<html lang=\"de\"").contains("<h1>Fälle</h1>")
                .contains("Fachkraft").contains("Abmelden");
    }

    private static void assertGerman(MockHttpServletResponse response) throws Exception {
        assertThat(response.getContentAsString())
                .contains("<html lang=\"de\"")
                .contains("<h1>Anmelden</h1>")
                .contains("Benutzername")
                .doesNotContain("<h1>Sign in</h1>");
    }
}
