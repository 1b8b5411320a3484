package org.exitwork;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.Cookie;

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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Records two people keep (the organisation's contact: the administrator and every manager; the work
 * agreement: the tandem), saved from forms opened on the same version at the same moment: exactly one
 * save wins, every other one is told in its language that someone saved meanwhile, never a server error,
 * and the winner's record is the one kept. (The emergency and shield plans: EmergencyPlanRaceTest.)
 */
@DatabaseTest
class ChangedMeanwhileTest {

    private static final int SAVES = 6;

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    /** Save i is made by {@code who(i)}, in German when i is odd; returns the answers in order. */
    private List<MockHttpServletResponse> atOnce(List<MockHttpServletRequestBuilder> saves,
            java.util.function.IntFunction<StaffPrincipal> who) throws Exception {
        StaffRequests web = new StaffRequests(mvc);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(saves.size());
        List<Future<MockHttpServletResponse>> answers = new ArrayList<>();
        for (int i = 0; i < saves.size(); i++) {
            MockHttpServletRequestBuilder save = i % 2 == 0 ? saves.get(i)
                    : saves.get(i).cookie(new Cookie("exitwork-lang", "de"));
            StaffPrincipal by = who.apply(i);
            Callable<MockHttpServletResponse> call = () -> {
                start.await();
                return web.perform(save, by);
            };
            answers.add(pool.submit(call));
        }
        start.countDown();
        List<MockHttpServletResponse> responses = new ArrayList<>();
        for (Future<MockHttpServletResponse> answer : answers) {
            responses.add(answer.get(2, TimeUnit.MINUTES));
        }
        pool.shutdown();
        return responses;
    }

    @Test
    void theOrganisationsContactSavedByTheAdministratorAndManagersAtOnceHasOneWinner() throws Exception {
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal manager = fixtures.staff(org, Role.MANAGER);
        List<MockHttpServletRequestBuilder> saves = new ArrayList<>();
        for (int i = 0; i < SAVES; i++) {
            saves.add(post("/organisation").param("name", "Exit " + i).param("address", "Street " + i)
                    .param("email", "post" + i + "@exit.example").param("telephone", "040 " + i)
                    .param("dataProtection", "dpo" + i + "@exit.example").param("version", "0"));
        }
        List<MockHttpServletResponse> answers = atOnce(saves, i -> i % 3 == 0 ? org.admin() : manager);
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < SAVES; i++) {
            MockHttpServletResponse answer = answers.get(i);
            if (answer.getStatus() == 302) {
                winners.add(i);
                continue;
            }
            assertThat(answer.getStatus()).as("save " + i).isEqualTo(409);
            String html = answer.getContentAsString();
            assertThat(html).as("save " + i).contains(i % 2 == 0
                    ? "Someone else saved the organisation&#39;s contact after you opened this form."
                    : "Jemand anderes hat die Kontaktdaten der Organisation gespeichert, nachdem Sie dieses Formular geöffnet haben.")
                    .contains("value=\"Exit " + i + "\"").contains("<input type=\"hidden\" id=\"version\" name=\"version\" value=\"1\"");
        }
        assertThat(winners).as("exactly one save wins").hasSize(1);
        int winner = winners.get(0);
        assertThat(jdbc.sql("SELECT name FROM acc_organisation WHERE id = ?").param(org.id()).query(String.class).single())
                .isEqualTo("Exit " + winner);
        assertThat(jdbc.sql("SELECT contact_version FROM acc_organisation WHERE id = ?").param(org.id())
                .query(Integer.class).single()).isEqualTo(1);
        for (int i = 0; i < SAVES; i++) {
            if (i != winner) {
                assertThat(answers.get(i).getContentAsString()).as("the winner's contact is shown to save " + i)
                        .contains("data-testid=\"organisation-now\"").contains("post" + winner + "@exit.example");
            }
        }
    }

    @Test
    void theWorkAgreementWrittenByTheTandemAtOnceHasOneNewVersion() throws Exception {
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        RegisteredClient client = fixtures.client(a, b, Fixtures.unique("Agreement Race "));
        List<MockHttpServletRequestBuilder> saves = new ArrayList<>();
        for (int i = 0; i < SAVES; i++) {
            saves.add(post("/cases/{id}/agreement", client.id()).param("objective", "Objective " + i)
                    .param("changes[0].wording", "Change " + i).param("nextSteps", "Next " + i).param("language", "en")
                    .param("basedOn", "0"));
        }
        List<MockHttpServletResponse> answers = atOnce(saves, i -> i % 2 == 0 ? a : b);
        int won = 0;
        for (int i = 0; i < SAVES; i++) {
            MockHttpServletResponse answer = answers.get(i);
            if (answer.getStatus() == 302) {
                won++;
                continue;
            }
            assertThat(answer.getStatus()).as("save " + i).isEqualTo(400);
            assertThat(answer.getContentAsString()).as("save " + i).contains(i % 2 == 0
                    ? "Someone saved a newer version in the meantime."
                    : "Inzwischen hat jemand eine neuere Fassung gespeichert.");
        }
        assertThat(won).as("exactly one save wins").isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_agreement_version WHERE client_id = ?").param(client.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aContextPersonChangedByTheTandemAtOnceHasOneWinner() throws Exception {
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        RegisteredClient client = fixtures.client(a, b, Fixtures.unique("Context Race "));
        assertThat(new StaffRequests(mvc).status(post("/cases/{id}/context/persons", client.id())
                .param("relation", "PARENT").param("name", "Mother").param("note", ""), a)).isEqualTo(302);
        java.util.UUID person = jdbc.sql("SELECT id FROM cas_context_person WHERE client_id = ?").param(client.id())
                .query(java.util.UUID.class).single();
        List<MockHttpServletRequestBuilder> saves = new ArrayList<>();
        for (int i = 0; i < SAVES; i++) {
            saves.add(post("/cases/{id}/context/persons/{p}", client.id(), person).param("relation", "PARENT")
                    .param("name", "Mother " + i).param("note", "").param("version", "0"));
        }
        List<MockHttpServletResponse> answers = atOnce(saves, i -> i % 2 == 0 ? a : b);
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < SAVES; i++) {
            MockHttpServletResponse answer = answers.get(i);
            if (answer.getStatus() == 302) {
                winners.add(i);
                continue;
            }
            assertThat(answer.getStatus()).as("save " + i).isEqualTo(409);
            assertThat(answer.getContentAsString()).as("save " + i).contains(i % 2 == 0
                    ? "Someone else changed this entry after you opened it."
                    : "Jemand anderes hat diesen Eintrag geändert, nachdem Sie ihn geöffnet haben.")
                    .contains("data-testid=\"context-person-now\"").contains("value=\"Mother " + i + "\"")
                    .contains("<input type=\"hidden\" id=\"version\" name=\"version\" value=\"1\"");
        }
        assertThat(winners).as("exactly one save wins").hasSize(1);
        assertThat(jdbc.sql("SELECT version FROM cas_context_person WHERE id = ?").param(person).query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(new StaffRequests(mvc).page("/cases/" + client.id() + "/context", a))
                .contains("Mother " + winners.get(0) + "<");
    }
}
