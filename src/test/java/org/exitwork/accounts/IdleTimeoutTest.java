package org.exitwork.accounts;

import java.time.Duration;

import jakarta.servlet.http.Cookie;

import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.exitwork.testing.Fixtures.formTokenWaived;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The idle timeout counts what a person does. The alarm banner polls every 30 seconds by itself;
 * if that counted, a laptop left open would stay signed in for ever.
 */
@DatabaseTest
@AutoConfigureMockMvc
class IdleTimeoutTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Test
    void pollingAloneDoesNotKeepASessionAliveButAPersonDoes() throws Exception {
        var org = fixtures.organisation();
        StaffPrincipal practitioner = fixtures.staff(org, Role.PRACTITIONER);
        Cookie session = aSession();

        assertThat(click(session, practitioner).getStatus()).isEqualTo(200);
        // The page keeps polling for 19 minutes: fine, nothing has timed out yet.
        for (int i = 0; i < 38; i++) {
            clock.advance(Duration.ofSeconds(30));
            assertThat(poll(session, practitioner).getHeader("HX-Redirect")).isNull();
        }
        // The person clicks once: another 20 minutes from now.
        assertThat(click(session, practitioner).getStatus()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(19));
        assertThat(poll(session, practitioner).getHeader("HX-Redirect")).isNull();
        // Nobody has done anything for over 20 minutes: the next poll signs out.
        clock.advance(Duration.ofMinutes(2));
        assertThat(poll(session, practitioner).getHeader("HX-Redirect")).isEqualTo("/sign-in?timed-out");
        // The old session is gone: a click is sent to sign in.
        MockHttpServletResponse after = mvc.perform(get("/start").cookie(session)).andReturn().getResponse();
        assertThat(after.getRedirectedUrl()).contains("/sign-in");
    }

    @Test
    void aPageRequestAfterTheIdleTimeIsSentToSignIn() throws Exception {
        var org = fixtures.organisation();
        StaffPrincipal practitioner = fixtures.staff(org, Role.PRACTITIONER);
        Cookie session = aSession();
        click(session, practitioner);
        clock.advance(Duration.ofMinutes(21));
        MockHttpServletResponse late = click(session, practitioner);
        assertThat(late.getStatus()).isEqualTo(302);
        assertThat(late.getRedirectedUrl()).isEqualTo("/sign-in?timed-out");
    }

    /**
     * A session as a visitor starts one: the sign-in page keeps none any more (its form token is in a cookie of its
     * own), the passkey ceremony's first step does.
     */
    private Cookie aSession() throws Exception {
        MockHttpServletResponse options = mvc.perform(post("/sign-in/passkey/options").with(formTokenWaived()))
                .andReturn().getResponse();
        assertThat(options.getStatus()).isEqualTo(200);
        Cookie session = options.getCookie("SESSION");
        assertThat(session).as("a session").isNotNull();
        return session;
    }

    private MockHttpServletResponse click(Cookie session, StaffPrincipal who) throws Exception {
        return mvc.perform(get("/start").cookie(session).with(as(who))).andReturn().getResponse();
    }

    private MockHttpServletResponse poll(Cookie session, StaffPrincipal who) throws Exception {
        return mvc.perform(get("/safety/alerts/banner").cookie(session).with(as(who))
                .header("HX-Request", "true").header("X-Exitwork-Background", "true")).andReturn().getResponse();
    }
}
