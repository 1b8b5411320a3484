package org.exitwork.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Issue 19, "one entry per page view": every page of a case that its tandem opens writes at most one
 * audit entry for the view, whatever number of service calls build it. Every GET page with the case's id
 * as its only variable is opened (straight from the handler mapping, so a new page is walked too).
 */
@DatabaseTest
class OneEntryPerPageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    private long entries(Fixtures.Organisation org) {
        return jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE org_id = ?").param(org.id()).query(Long.class).single();
    }

    @Test
    void everyPageOfACaseWritesAtMostOneEntryPerView() throws Exception {
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal practitioner = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal colleague = fixtures.staff(org, Role.PRACTITIONER);
        RegisteredClient client = fixtures.client(practitioner, colleague, Fixtures.unique("Lale Ostrowski"));
        fixtures.note(practitioner, client.id(), "Talked about the move.");

        Set<String> pages = new TreeSet<>();
        handlerMapping.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if ((methods.isEmpty() || methods.contains(RequestMethod.GET)) && info.getParamsCondition().isEmpty()) {
                for (String pattern : info.getPatternValues()) {
                    if (pattern.startsWith("/cases/{id}") && pattern.indexOf('{', 1) == pattern.lastIndexOf('{')) {
                        pages.add(pattern);
                    }
                }
            }
        });
        assertThat(pages).as("the case's pages found in the handler mapping")
                .contains("/cases/{id}", "/cases/{id}/sessions", "/cases/{id}/agreement");

        Map<String, Long> written = new LinkedHashMap<>();
        List<String> opened = new ArrayList<>();
        for (String page : pages) {
            String path = page.replace("{id}", client.id().toString());
            long before = entries(org);
            int status = mvc.perform(get(path).with(as(practitioner))).andReturn().getResponse().getStatus();
            long after = entries(org);
            if (status == 200) {
                opened.add(page);
            }
            written.put(page + " (" + status + ")", after - before);
        }
        assertThat(opened).as("pages that answered 200").hasSizeGreaterThanOrEqualTo(8);
        // The case page runs nine parts in one transaction and names what its overview showed in one entry.
        assertThat(written).containsEntry("/cases/{id} (200)", 1L);
        assertThat(written).as("entries written per view").allSatisfy((page, n) -> assertThat(n).as(page).isLessThanOrEqualTo(1));
    }
}
