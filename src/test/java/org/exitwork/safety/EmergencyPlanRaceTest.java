package org.exitwork.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Both members of the tandem save the same emergency plan at the same moment, many times: every save
 * ends saved or with "changed meanwhile", never a server error, and the plan is one of the saved plans
 * whole, never a mix of two.
 */
@DatabaseTest
class EmergencyPlanRaceTest {

    private static final int SAVES = 20;

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentSavesOfOnePlanEndInOneWinnerOrChangedMeanwhile() throws Exception {
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        RegisteredClient client = fixtures.client(a, b, Fixtures.unique("Race Client "));
        StaffRequests web = new StaffRequests(mvc);
        // The first save of a plan inserts its row; later ones update it: both kinds of race.
        for (int round = 0; round < 2; round++) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(SAVES);
            List<Future<MockHttpServletResponse>> answers = new ArrayList<>();
            for (int i = 0; i < SAVES; i++) {
                StaffPrincipal who = i % 2 == 0 ? a : b;
                int contacts = 1 + i % 3;
                String plan = "Plan " + round + "-" + i;
                Callable<MockHttpServletResponse> save = () -> {
                    var request = post("/cases/{id}/safety/emergency", client.id()).param("instructions", plan);
                    for (int c = 0; c < contacts; c++) {
                        request.param("contacts[" + c + "].who", "Person " + c).param("contacts[" + c + "].number", "110")
                                .param("contacts[" + c + "].when", "");
                    }
                    start.await();
                    return web.perform(request, who);
                };
                answers.add(pool.submit(save));
            }
            start.countDown();
            int saved = 0;
            for (Future<MockHttpServletResponse> answer : answers) {
                MockHttpServletResponse response = answer.get(2, TimeUnit.MINUTES);
                assertThat(response.getStatus()).as("round " + round).isIn(302, 409);
                if (response.getStatus() == 409) {
                    assertThat(response.getContentAsString()).contains("saved this emergency plan at the same moment");
                } else {
                    saved++;
                }
            }
            pool.shutdown();
            assertThat(saved).as("at least one save wins").isPositive();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM saf_emergency_plan WHERE client_id = ?").param(client.id())
                    .query(Long.class).single()).isEqualTo(1);
            // Saves 0, 3, 6... carry one contact, 1, 4, 7... two, 2, 5, 8... three: one whole plan is left,
            // so positions are 0..n-1 without gaps or repeats.
            List<Integer> positions = jdbc.sql("SELECT position FROM saf_emergency_contact WHERE client_id = ? ORDER BY position")
                    .param(client.id()).query(Integer.class).list();
            assertThat(positions).isIn(List.of(0), List.of(0, 1), List.of(0, 1, 2));
        }
    }
}
