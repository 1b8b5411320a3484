package org.exitwork.platform;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Hand-made requests to forms with lists (row numbers far out of range, negative or not numbers):
 * a clear 400 and nothing stored, never a server error.
 */
@DatabaseTest
@AutoConfigureMockMvc
class MalformedFormsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void listRowsOutOfRangeAndUnknownNestedPathsAreAClientError() throws Exception {
        var org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        RegisteredClient client = fixtures.client(a, b, "Malformed Forms");
        String base = "/cases/" + client.id();
        String[][] requests = {
                {base + "/safety/emergency", "contacts[9999].who", "x"},
                {base + "/safety/emergency", "contacts[-1].who", "x"},
                {base + "/agreement", "changes[9999].wording", "x"},
                {base + "/sessions", "themes[9999]", "ANGER"},
                {"/cases", "areas[9999]", "GANGS"},
                {base + "/agreement", "changes[x].wording", "x"},
        };
        for (String[] r : requests) {
            int status = mvc.perform(post(r[0]).with(as(a)).with(csrf()).param(r[1], r[2])).andReturn().getResponse()
                    .getStatus();
            assertThat(status).as(r[0] + " " + r[1]).isBetween(400, 499);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM saf_emergency_plan WHERE client_id = ?").param(client.id())
                .query(Long.class).single()).isZero();
    }
}
