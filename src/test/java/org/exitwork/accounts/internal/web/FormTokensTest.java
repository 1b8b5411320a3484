package org.exitwork.accounts.internal.web;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.csrf.CsrfToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form tokens without Spring: a page shown without a session keeps its token in a cookie and starts no
 * session; a request that would change something and comes without a session keeps none; with a session, every
 * request keeps its token there; clearing the token clears both places.
 */
class FormTokensTest {

    private final FormTokens tokens = new FormTokens(false);

    @Test
    void aPageWithoutASessionKeepsItsTokenInACookieAndStartsNoSession() {
        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/sign-in");
        MockHttpServletResponse response = new MockHttpServletResponse();
        CsrfToken token = tokens.generateToken(page);
        tokens.saveToken(token, page, response);
        assertThat(page.getSession(false)).isNull();
        Cookie cookie = response.getCookie("exitwork-form");
        assertThat(cookie.getValue()).isEqualTo(token.getToken());
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSecure()).isFalse();
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getAttribute("SameSite")).isEqualTo("Strict");

        // The form posted back with the cookie: the token is found, still without a session.
        MockHttpServletRequest post = new MockHttpServletRequest("POST", "/sign-in");
        post.setCookies(cookie);
        assertThat(tokens.loadToken(post).getToken()).isEqualTo(token.getToken());
        assertThat(tokens.loadToken(post).getParameterName()).isEqualTo("_csrf");
        assertThat(post.getSession(false)).isNull();
    }

    @Test
    void underHttpsTheCookieIsHostBoundAndSecure() {
        FormTokens secure = new FormTokens(true);
        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/sign-in");
        MockHttpServletResponse response = new MockHttpServletResponse();
        secure.saveToken(secure.generateToken(page), page, response);
        Cookie cookie = response.getCookie("__Host-exitwork-form");
        assertThat(cookie.getSecure()).isTrue();
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getDomain()).isNull();
        assertThat(response.getCookie("exitwork-form")).isNull();
    }

    @Test
    void aPostWithoutASessionKeepsNoTokenAndStartsNoSession() {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            MockHttpServletRequest post = new MockHttpServletRequest(method, "/cases");
            MockHttpServletResponse response = new MockHttpServletResponse();
            tokens.saveToken(tokens.generateToken(post), post, response);
            assertThat(post.getSession(false)).as(method).isNull();
            assertThat(response.getCookies()).as(method).isEmpty();
            assertThat(tokens.loadToken(post)).as(method).isNull();
        }
    }

    @Test
    void aRequestWithASessionKeepsItsTokenThere() {
        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/cases");
        MockHttpSession session = new MockHttpSession();
        page.setSession(session);
        MockHttpServletResponse response = new MockHttpServletResponse();
        CsrfToken token = tokens.generateToken(page);
        tokens.saveToken(token, page, response);
        assertThat(response.getCookies()).isEmpty();
        MockHttpServletRequest post = new MockHttpServletRequest("POST", "/cases");
        post.setSession(session);
        assertThat(tokens.loadToken(post).getToken()).isEqualTo(token.getToken());
        // and a sign-out's removal of the token still reaches the session
        tokens.saveToken(null, post, new MockHttpServletResponse());
        assertThat(tokens.loadToken(post)).isNull();
    }

    @Test
    void signingInClearsTheCookiesToken() {
        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/sign-in");
        MockHttpServletResponse shown = new MockHttpServletResponse();
        tokens.saveToken(tokens.generateToken(page), page, shown);
        MockHttpServletRequest signIn = new MockHttpServletRequest("POST", "/sign-in");
        signIn.setCookies(shown.getCookie("exitwork-form"));
        signIn.setSession(new MockHttpSession());
        MockHttpServletResponse answer = new MockHttpServletResponse();
        tokens.saveToken(null, signIn, answer);
        assertThat(answer.getCookie("exitwork-form").getMaxAge()).isZero();
    }

    /**
     * A session someone is signed in to (half-way too) never takes the form cookie's token: one left from before the
     * sign-in, or planted with a token made to match, would pass for the session's own until it kept one. A session
     * that holds no sign-in (the passkey ceremony's) still takes it, for the sign-in form posted in it.
     */
    @Test
    void aSignedInSessionNeverTakesTheCookiesToken() {
        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/sign-in");
        MockHttpServletResponse response = new MockHttpServletResponse();
        tokens.saveToken(tokens.generateToken(page), page, response);
        Cookie cookie = response.getCookie("exitwork-form");

        MockHttpServletRequest anonymous = new MockHttpServletRequest("POST", "/sign-in");
        anonymous.setSession(new MockHttpSession());
        anonymous.setCookies(cookie);
        assertThat(tokens.loadToken(anonymous).getToken()).isEqualTo(cookie.getValue());

        MockHttpServletRequest signedIn = new MockHttpServletRequest("POST", "/sign-in/enrol");
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(org.springframework.security.web.context.HttpSessionSecurityContextRepository
                .SPRING_SECURITY_CONTEXT_KEY, new org.springframework.security.core.context.SecurityContextImpl());
        signedIn.setSession(session);
        signedIn.setCookies(cookie);
        assertThat(tokens.loadToken(signedIn)).isNull();
    }
}
