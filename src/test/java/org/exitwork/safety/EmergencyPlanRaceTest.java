package org.exitwork.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Both members of the tandem save the same plan (the emergency plan, the shield plan) from forms opened on
 * the same version, at the same moment: exactly one save wins, every other one is told in its own language
 * that the plan changed meanwhile (409), never a server error, and the winner's plan is the one kept, whole.
 * Someone saving from a form opened before the other's save is refused the same way, sees the other's plan
 * and keeps their own text, and can then save on purpose.
 */
@DatabaseTest
class EmergencyPlanRaceTest {

    private static final int SAVES = 8;
    private static final String EMERGENCY_CHANGED_EN = "Someone else saved this emergency plan after you opened it.";
    private static final String EMERGENCY_CHANGED_DE = "Jemand anderes hat diesen Notfallplan gespeichert, nachdem Sie ihn geöffnet haben.";
    private static final String SHIELD_CHANGED_EN = "Someone else saved this shield plan after you opened it.";
    private static final String SHIELD_CHANGED_DE = "Jemand anderes hat diesen Schutzplan gespeichert, nachdem Sie ihn geöffnet haben.";

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    StaffRequests web;
    StaffPrincipal a;
    StaffPrincipal b;
    RegisteredClient client;

    @BeforeEach
    void setUp() {
        Fixtures.Organisation org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, Fixtures.unique("Race Client "));
        web = new StaffRequests(mvc);
    }

    /** Save i: practitioner A in English, B in German; a plan of its own with 1 to 3 contacts. */
    private MockHttpServletRequestBuilder emergencySave(int i, int version, String plan) {
        MockHttpServletRequestBuilder request = post("/cases/{id}/safety/emergency", client.id())
                .param("instructions", plan).param("version", Integer.toString(version));
        for (int c = 0; c < 1 + i % 3; c++) {
            request.param("contacts[" + c + "].who", "Person " + c).param("contacts[" + c + "].number", "110")
                    .param("contacts[" + c + "].when", "");
        }
        return i % 2 == 0 ? request : request.cookie(new Cookie("exitwork-lang", "de"));
    }

    private MockHttpServletRequestBuilder shieldSave(int i, int version, String plan) {
        MockHttpServletRequestBuilder request = post("/cases/{id}/safety/shield", client.id())
                .param("involved", plan).param("version", Integer.toString(version));
        for (int m = 0; m < 1 + i % 3; m++) {
            request.param("measures[" + m + "].kind", "SECURE_PHONE").param("measures[" + m + "].description", "Measure " + m)
                    .param("measures[" + m + "].owner", "client").param("measures[" + m + "].status", "PLANNED");
        }
        return i % 2 == 0 ? request : request.cookie(new Cookie("exitwork-lang", "de"));
    }

    private StaffPrincipal saver(int i) {
        return i % 2 == 0 ? a : b;
    }

    /** Sends the saves all at once; returns the index of the one winner, after checking every loser's answer. */
    private int race(List<MockHttpServletRequestBuilder> saves, String changedEn, String changedDe) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(saves.size());
        List<Future<MockHttpServletResponse>> answers = new ArrayList<>();
        for (int i = 0; i < saves.size(); i++) {
            MockHttpServletRequestBuilder save = saves.get(i);
            StaffPrincipal who = saver(i);
            Callable<MockHttpServletResponse> call = () -> {
                start.await();
                return web.perform(save, who);
            };
            answers.add(pool.submit(call));
        }
        start.countDown();
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            MockHttpServletResponse response = answers.get(i).get(2, TimeUnit.MINUTES);
            if (response.getStatus() == 302) {
                winners.add(i);
                continue;
            }
            assertThat(response.getStatus()).as("save " + i).isEqualTo(409);
            assertThat(response.getContentAsString()).as("save " + i + " in its language")
                    .contains(i % 2 == 0 ? changedEn : changedDe);
        }
        pool.shutdown();
        assertThat(winners).as("exactly one save wins").hasSize(1);
        return winners.get(0);
    }

    private int version(String table) {
        return jdbc.sql("SELECT version FROM " + table + " WHERE client_id = ?").param(client.id()).query(Integer.class)
                .single();
    }

    private List<Integer> positions(String table) {
        return jdbc.sql("SELECT position FROM " + table + " WHERE client_id = ? ORDER BY position").param(client.id())
                .query(Integer.class).list();
    }

    @Test
    void concurrentSavesOfOneEmergencyPlanEndInOneWinnerAndChangedMeanwhile() throws Exception {
        // The first save of a plan inserts its row (version 0), later ones update it: both kinds of race.
        for (int round = 0; round < 2; round++) {
            List<MockHttpServletRequestBuilder> saves = new ArrayList<>();
            for (int i = 0; i < SAVES; i++) {
                saves.add(emergencySave(i, round, "Plan " + round + "-" + i));
            }
            int winner = race(saves, EMERGENCY_CHANGED_EN, EMERGENCY_CHANGED_DE);
            assertThat(version("saf_emergency_plan")).isEqualTo(round + 1);
            assertThat(positions("saf_emergency_contact")).as("the winner's contacts, whole")
                    .hasSize(1 + winner % 3).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 1 + winner % 3)
                            .boxed().toList());
            assertThat(web.page("/cases/" + client.id() + "/safety/emergency", a))
                    .contains("Plan " + round + "-" + winner);
        }
    }

    @Test
    void concurrentSavesOfOneShieldPlanEndInOneWinnerAndChangedMeanwhile() throws Exception {
        for (int round = 0; round < 2; round++) {
            List<MockHttpServletRequestBuilder> saves = new ArrayList<>();
            for (int i = 0; i < SAVES; i++) {
                saves.add(shieldSave(i, round, "Involved " + round + "-" + i));
            }
            int winner = race(saves, SHIELD_CHANGED_EN, SHIELD_CHANGED_DE);
            assertThat(version("saf_shield_plan")).isEqualTo(round + 1);
            assertThat(positions("saf_shield_measure")).hasSize(1 + winner % 3);
            assertThat(web.page("/cases/" + client.id() + "/safety/shield", a)).contains("Involved " + round + "-" + winner);
        }
    }

    @Test
    void aSaveFromAFormOpenedBeforeTheOthersSaveShowsTheirPlanAndKeepsOnesOwnText() throws Exception {
        String page = web.page("/cases/" + client.id() + "/safety/emergency", a);
        assertThat(hiddenVersion(page)).as("a form for a plan not yet written").isEqualTo(0);
        assertThat(web.status(emergencySave(1, 0, "B's plan"), b)).isEqualTo(302);

        MockHttpServletResponse stale = web.perform(emergencySave(0, 0, "A's plan"), a);
        assertThat(stale.getStatus()).isEqualTo(409);
        String html = stale.getContentAsString();
        assertThat(html).contains(EMERGENCY_CHANGED_EN).contains("B&#39;s plan").contains("A&#39;s plan");
        assertThat(hiddenVersion(html)).as("the form is now based on B's version").isEqualTo(1);
        assertThat(web.page("/cases/" + client.id() + "/safety/emergency", a)).as("B's plan is kept")
                .contains("B&#39;s plan").doesNotContain("A&#39;s plan");

        assertThat(web.status(emergencySave(0, 1, "A's plan"), a)).as("saved again on purpose").isEqualTo(302);
        assertThat(version("saf_emergency_plan")).isEqualTo(2);
        assertThat(web.status(emergencySave(1, 1, "B's second plan"), b)).as("B's form is now the stale one")
                .isEqualTo(409);
        assertThat(web.status(emergencySave(1, 7, "B's plan from the future"), b)).isEqualTo(409);
        assertThat(version("saf_emergency_plan")).isEqualTo(2);
    }

    @Test
    void aFormWithoutItsVersionIsRefusedAtTheField() throws Exception {
        MockHttpServletResponse response = web.perform(post("/cases/{id}/safety/emergency", client.id())
                .param("instructions", "No version"), a);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("href=\"#version\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM saf_emergency_plan WHERE client_id = ?").param(client.id())
                .query(Long.class).single()).isZero();
        assertThat(web.status(get("/cases/{id}/safety/emergency", client.id()), a)).isEqualTo(200);
    }

    private static int hiddenVersion(String html) {
        Matcher m = Pattern.compile("<input type=\"hidden\" id=\"version\" name=\"version\" value=\"(\\d+)\"").matcher(html);
        assertThat(m.find()).as("the form carries its version").isTrue();
        return Integer.parseInt(m.group(1));
    }
}
