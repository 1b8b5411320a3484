package org.exitwork;

import jakarta.servlet.http.Cookie;

import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Reached at an https address through a proxy that speaks plain HTTP to Exitwork: every cookie is
 * Secure and HSTS is sent anyway, because the public address says so, not the request.
 */
@DatabaseTest
@TestPropertySource(properties = "exitwork.public-address=https://exitwork.example.org")
class HttpsPublicAddressTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Test
    void behindAnHttpsAddressEveryCookieIsSecureAndHstsIsSent() throws Exception {
        fixtures.organisation();
        MockHttpServletResponse response = mvc.perform(get("/sign-in").param("lang", "de")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        Cookie language = response.getCookie("exitwork-lang");
        Cookie session = response.getCookie("SESSION");
        assertThat(language).isNotNull();
        assertThat(session).isNotNull();
        assertThat(language.getSecure()).isTrue();
        assertThat(session.getSecure()).isTrue();
        assertThat(response.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000 ; includeSubDomains");

        MockHttpServletResponse redirect = mvc.perform(get("/cases").header("Host", "evil.example")).andReturn()
                .getResponse();
        assertThat(redirect.getHeader("Location")).isEqualTo("/sign-in");
        assertThat(redirect.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000 ; includeSubDomains");
    }
}
