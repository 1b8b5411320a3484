package org.exitwork.accounts.internal.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.csrf.CsrfToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form tokens without Spring: a page (a GET) keeps its token in a session as before; a request that would
 * change something and comes without a session is refused without a token being kept for it, so it starts
 * no session; with a session, every request keeps its token there.
 */
class FormTokensTest {

    private final FormTokens tokens = new FormTokens();

    @Test
    void aPageKeepsItsTokenInANewSession() {
        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/sign-in");
        CsrfToken token = tokens.generateToken(page);
        tokens.saveToken(token, page, new MockHttpServletResponse());
        assertThat(page.getSession(false)).isNotNull();
        assertThat(tokens.loadToken(page).getToken()).isEqualTo(token.getToken());
    }

    @Test
    void aPostWithoutASessionKeepsNoTokenAndStartsNoSession() {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            MockHttpServletRequest post = new MockHttpServletRequest(method, "/cases");
            tokens.saveToken(tokens.generateToken(post), post, new MockHttpServletResponse());
            assertThat(post.getSession(false)).as(method).isNull();
            assertThat(tokens.loadToken(post)).as(method).isNull();
        }
    }

    @Test
    void aPostWithASessionKeepsItsToken() {
        MockHttpServletRequest post = new MockHttpServletRequest("POST", "/cases");
        MockHttpSession session = new MockHttpSession();
        post.setSession(session);
        CsrfToken token = tokens.generateToken(post);
        tokens.saveToken(token, post, new MockHttpServletResponse());
        assertThat(tokens.loadToken(post).getToken()).isEqualTo(token.getToken());
        // and a sign-out's removal of the token still reaches the session
        tokens.saveToken(null, post, new MockHttpServletResponse());
        assertThat(tokens.loadToken(post)).isNull();
    }
}
