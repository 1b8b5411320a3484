package org.exitwork;

import jakarta.servlet.http.Cookie;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Redirects name no host, whatever Host header a request brings; with the shipped http public address
 * cookies are not marked Secure and no HSTS is sent ({@link HttpsPublicAddressTest}: the other way).
 */
@DatabaseTest
class RedirectsAndCookiesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Value("${server.tomcat.use-relative-redirects}")
    boolean relativeRedirects;

    @Test
    void aForgedHostHeaderNeverReachesALocation() throws Exception {
        MockHttpServletResponse signIn = mvc.perform(get("/cases").header("Host", "evil.example")).andReturn()
                .getResponse();
        assertThat(signIn.getStatus()).isEqualTo(302);
        assertThat(signIn.getHeader("Location")).isEqualTo("/sign-in");

        StaffPrincipal practitioner = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);
        MockHttpServletResponse signOut = mvc.perform(post("/sign-out").header("Host", "evil.example")
                .with(as(practitioner)).with(csrf())).andReturn().getResponse();
        assertThat(signOut.getStatus()).isEqualTo(302);
        assertThat(signOut.getHeader("Location")).isEqualTo("/sign-in?signed-out");

        MockHttpServletResponse page = mvc.perform(get("/sign-in/continue").header("Host", "evil.example")
                .with(as(practitioner))).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(302);
        assertThat(page.getHeader("Location")).isEqualTo("/");
        // The servlet container keeps paths as paths too (Tomcat would otherwise prefix the Host).
        assertThat(relativeRedirects).isTrue();
    }

    @Test
    void overHttpTheCookiesAreNotSecureAndThereIsNoHsts() throws Exception {
        fixtures.organisation(); // so the sign-in page is itself (not the first run's)
        MockHttpServletResponse response = mvc.perform(get("/sign-in").param("lang", "de")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        Cookie language = response.getCookie("exitwork-lang");
        assertThat(language).isNotNull();
        assertThat(language.getSecure()).isFalse();
        assertThat(response.getHeader("Strict-Transport-Security")).isNull();
        // The form's cookie over http: RefusedAtTheDoorTest, over real HTTP (this context's CSRF store is swapped by
        // every earlier test that posts with csrf()). The sign-in page keeps no session; the passkey ceremony's
        // first step starts one.
        MockHttpServletResponse ceremony = mvc.perform(post("/sign-in/passkey/options").with(Fixtures.formTokenWaived()))
                .andReturn().getResponse();
        assertThat(ceremony.getStatus()).isEqualTo(200);
        Cookie session = ceremony.getCookie("SESSION");
        assertThat(session).isNotNull();
        assertThat(session.getSecure()).isFalse();
    }
}
