package org.exitwork.testing;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.exitwork.testing.Fixtures.formTokenWaived;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Groups and participants for tests, made the way a leader makes them: through the web pages. */
public final class GroupFixtures {

    /** A participant: the id the pages use and the pseudonym they show. */
    public record Participant(UUID id, String pseudonym) {
    }

    private GroupFixtures() {
    }

    /** A school group led by {@code leader} and the co-leaders. */
    public static UUID group(MockMvc mvc, StaffPrincipal leader, String name, String institution,
            StaffPrincipal... coLeaders) throws Exception {
        MockHttpServletRequestBuilder request = post("/groups").with(as(leader)).with(formTokenWaived())
                .param("name", name).param("setting", "SCHOOL").param("institution", institution);
        for (StaffPrincipal co : coLeaders) {
            request.param("leaders", co.id().toString());
        }
        MvcResult result = mvc.perform(request).andReturn();
        String location = result.getResponse().getRedirectedUrl();
        if (location == null || !location.startsWith("/groups/")) {
            throw new IllegalStateException("group not created: " + result.getResponse().getStatus());
        }
        return UUID.fromString(location.substring("/groups/".length()));
    }

    public static Participant participant(MockMvc mvc, StaffPrincipal leader, UUID group) throws Exception {
        MvcResult added = mvc.perform(post("/groups/{id}/participants", group).with(as(leader)).with(formTokenWaived()))
                .andReturn();
        String pseudonym = (String) added.getFlashMap().get("added");
        if (pseudonym == null) {
            throw new IllegalStateException("participant not added: " + added.getResponse().getStatus());
        }
        String page = mvc.perform(get("/groups/{id}", group).with(as(leader))).andReturn().getResponse()
                .getContentAsString();
        Matcher row = Pattern.compile("data-participant=\"([0-9a-f-]{36})\">\\s*<th scope=\"row\"[^>]*>"
                + Pattern.quote(pseudonym) + "</th>").matcher(page);
        if (!row.find()) {
            throw new IllegalStateException("participant " + pseudonym + " not on the group page");
        }
        return new Participant(UUID.fromString(row.group(1)), pseudonym);
    }
}
