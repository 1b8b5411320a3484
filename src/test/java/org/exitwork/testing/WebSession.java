package org.exitwork.testing;

import jakarta.servlet.http.Cookie;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A browser-like conversation with MockMvc: keeps the session cookie (sessions live in the
 * database through Spring Session) across requests, so sign-in runs through the real filters.
 */
public class WebSession {

    private final MockMvc mvc;
    private Cookie session;
    private String clientAddress;

    public WebSession(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** Every request of this conversation comes from this client address (MockMvc's default: 127.0.0.1). */
    public WebSession from(String address) {
        this.clientAddress = address;
        return this;
    }

    public MvcResult get(String url) throws Exception {
        return perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(url));
    }

    public MvcResult post(String url, String... params) throws Exception {
        MockHttpServletRequestBuilder request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post(url).with(csrf());
        for (int i = 0; i + 1 < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return perform(request);
    }

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        if (session != null) {
            request.cookie(session);
        }
        if (clientAddress != null) {
            request.with(r -> {
                r.setRemoteAddr(clientAddress);
                return r;
            });
        }
        MvcResult result = mvc.perform(request).andReturn();
        Cookie fresh = result.getResponse().getCookie("SESSION");
        if (fresh != null) {
            session = fresh.getMaxAge() == 0 ? null : fresh;
        }
        return result;
    }
}
