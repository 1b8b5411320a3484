package org.exitwork.testing;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.exitwork.testing.Fixtures.formTokenWaived;
import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** Requests made as a signed-in staff member, for tests that try many roles on the same pages. */
public final class StaffRequests {

    private final MockMvc mvc;

    public StaffRequests(MockMvc mvc) {
        this.mvc = mvc;
    }

    public MockHttpServletResponse perform(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return mvc.perform(request.with(as(who)).with(formTokenWaived())).andReturn().getResponse();
    }

    public int status(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return perform(request, who).getStatus();
    }

    /** A page that must open (200) with every message found; its HTML. */
    public String page(String path, StaffPrincipal who) throws Exception {
        MockHttpServletResponse response = perform(get(path), who);
        assertThat(response.getStatus()).as("GET " + path).isEqualTo(200);
        assertThat(response.getContentAsString()).as("every message found").doesNotContain("??");
        return response.getContentAsString();
    }
}
