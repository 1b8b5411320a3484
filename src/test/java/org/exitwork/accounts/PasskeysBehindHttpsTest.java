package org.exitwork.accounts;

import jakarta.servlet.http.Cookie;

import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.SoftwareAuthenticator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A passkey belongs to the host of {@code exitwork.public-address} (the same context as
 * {@code HttpsPublicAddressTest}): the request's Host header does not change it, and a passkey made
 * for any other origin, a look-alike site's, is not taken.
 */
@DatabaseTest
@TestPropertySource(properties = "exitwork.public-address=https://exitwork.example.org")
class PasskeysBehindHttpsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    private Cookie session;

    @Test
    void aPasskeyIsMadeForThePublicAddressOnly() throws Exception {
        StaffPrincipal practitioner = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);

        String forged = perform(post("/profile/passkeys/options").header("Host", "evil.example").with(as(practitioner)))
                .getResponse().getContentAsString();
        assertThat(forged).contains("\"rp\":{\"id\":\"exitwork.example.org\",\"name\":\"Exitwork\"}");
        MvcResult lookAlike = perform(post("/profile/passkeys").with(as(practitioner)).param("name", "phone")
                .param("credential", new SoftwareAuthenticator("https://exitwork.example.org.evil.example")
                        .register(forged)));
        assertThat(lookAlike.getResponse().getStatus()).isEqualTo(400);

        String options = perform(post("/profile/passkeys/options").with(as(practitioner))).getResponse()
                .getContentAsString();
        MvcResult real = perform(post("/profile/passkeys").with(as(practitioner)).param("name", "phone")
                .param("credential", new SoftwareAuthenticator("https://exitwork.example.org").register(options)));
        assertThat(real.getResponse().getStatus()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acc_passkey WHERE staff_id = ?").param(practitioner.id())
                .query(Integer.class).single()).isEqualTo(1);
    }

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        if (session != null) {
            request.cookie(session);
        }
        MvcResult result = mvc.perform(request.with(Fixtures.formTokenWaived())).andReturn();
        Cookie fresh = result.getResponse().getCookie("SESSION");
        if (fresh != null) {
            session = fresh;
        }
        return result;
    }
}
