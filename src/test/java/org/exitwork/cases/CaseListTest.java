package org.exitwork.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.ListPages;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.ListPages.NEXT;
import static org.exitwork.testing.ListPages.PREVIOUS;
import static org.exitwork.testing.ListPages.link;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The case list pages and filters in the database: fifty cases a page in pseudonym order, the pages
 * beside it reached by keyset cursors that carry the filters along, and a cursor from elsewhere
 * showing nothing.
 */
@DatabaseTest
@AutoConfigureMockMvc
class CaseListTest {

    private static final Pattern ROW = Pattern.compile("<a href=\"/cases/([0-9a-f-]{36})\">([^<]+)</a>");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseWork cases;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal c;
    RegisteredClient gangs;
    List<RegisteredClient> clientsOfC = new ArrayList<>();

    @BeforeEach
    void anOrganisationWithMoreCasesThanAPage() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        c = fixtures.staff(org, Role.PRACTITIONER);
        for (int i = 0; i < 54; i++) {
            fixtures.prospect(a);
        }
        gangs = cases.openProspect(a, new NewProspect(Pathway.SELF_REFERRAL, Set.of(PhenomenonArea.GANGS), false));
        for (int i = 0; i < 3; i++) {
            clientsOfC.add(fixtures.client(c, b, Fixtures.unique("Listed Person ")));
        }
    }

    @Test
    void theListShowsFiftyCasesAPageAndTheNextAndPreviousPagesInOrder() throws Exception {
        List<String> everyCase = jdbc.sql("SELECT pseudonym FROM cas_client WHERE org_id = ? ORDER BY pseudonym")
                .param(org.id()).query(String.class).list();
        assertThat(everyCase).hasSize(58);

        String first = page("/cases", a);
        assertThat(pseudonyms(first)).containsExactlyElementsOf(everyCase.subList(0, 50));
        assertThat(PREVIOUS.matcher(first).find()).as("no page before the first").isFalse();
        String next = link(NEXT, first);
        assertThat(next).isEqualTo("/cases?after=" + idOf(everyCase.get(49)));

        String second = page(next, a);
        assertThat(pseudonyms(second)).containsExactlyElementsOf(everyCase.subList(50, 58));
        assertThat(NEXT.matcher(second).find()).as("no page after the last").isFalse();
        String previous = link(PREVIOUS, second);
        assertThat(previous).isEqualTo("/cases?before=" + idOf(everyCase.get(50)));

        assertThat(pseudonyms(page(previous, a))).containsExactlyElementsOf(everyCase.subList(0, 50));
    }

    @Test
    void filtersNarrowTheListInTheDatabaseAndTravelWithThePageLinks() throws Exception {
        assertThat(pseudonyms(page("/cases?stage=CLIENT", a)))
                .containsExactlyInAnyOrderElementsOf(clientsOfC.stream().map(RegisteredClient::pseudonym).toList());
        assertThat(pseudonyms(page("/cases?mine=true", c)))
                .containsExactlyInAnyOrderElementsOf(clientsOfC.stream().map(RegisteredClient::pseudonym).toList());
        assertThat(pseudonyms(page("/cases?mine=true", b))).hasSize(3);
        assertThat(pseudonyms(page("/cases?area=GANGS", a))).containsExactly(gangs.pseudonym());
        assertThat(pseudonyms(page("/cases?stage=PROSPECT&area=GANGS", a))).containsExactly(gangs.pseudonym());
        assertThat(pseudonyms(page("/cases?stage=CLOSED", a))).isEmpty();
        assertThat(page("/cases?stage=CLOSED", a)).contains("No case matches what you chose.");

        String prospects = page("/cases?stage=PROSPECT&mine=true", a);
        assertThat(pseudonyms(prospects)).hasSize(50);
        String next = link(NEXT, prospects);
        assertThat(next).startsWith("/cases?stage=PROSPECT&mine=true&after=");
        assertThat(pseudonyms(page(next, a))).hasSize(5);
    }

    @Test
    void overdueNextStepsAreTheOnesTheStartPageCallsOverdue() throws Exception {
        LocalDate today = LocalDate.now(clock);
        RegisteredClient late = clientsOfC.get(0);
        RegisteredClient onTime = clientsOfC.get(1);
        session(late, today.minusDays(10), today.minusDays(3));
        session(onTime, today.minusDays(10), today.plusDays(3));
        assertThat(pseudonyms(page("/cases?overdue=true", c))).containsExactly(late.pseudonym());
        assertThat(pseudonyms(page("/cases?overdue=true&mine=true", a))).isEmpty();
    }

    @Test
    void aCursorFromAnotherOrganisationShowsNothingOfEither() throws Exception {
        Fixtures.Organisation other = fixtures.organisation();
        StaffPrincipal stranger = fixtures.staff(other, Role.PRACTITIONER);
        RegisteredClient theirs = fixtures.prospect(stranger);
        String page = page("/cases?after=" + gangs.id(), stranger);
        assertThat(pseudonyms(page)).isEmpty();
        assertThat(page).doesNotContain(gangs.pseudonym());
        assertThat(pseudonyms(page("/cases?before=" + theirs.id(), a))).isEmpty();
    }

    @Test
    void aValueTheFormDoesNotOfferIsRefused() throws Exception {
        for (String query : List.of("stage=OPEN", "area=FOOTBALL", "after=not-an-id", "before=12", "mine=perhaps")) {
            assertThat(mvc.perform(get("/cases?" + query).with(as(a))).andReturn().getResponse().getStatus())
                    .as(query).isEqualTo(400);
        }
    }

    private void session(RegisteredClient client, LocalDate on, LocalDate due) throws Exception {
        assertThat(mvc.perform(post("/cases/{id}/sessions", client.id()).with(as(c)).with(csrf())
                .param("sessionDate", on.toString()).param("setting", "ONE_ON_ONE").param("text", "A session")
                .param("nextSteps", "Call the club").param("nextStepsDue", due.toString()))
                .andReturn().getResponse().getStatus()).isEqualTo(302);
    }

    private String page(String url, StaffPrincipal who) throws Exception {
        return ListPages.page(mvc, url, who);
    }

    private static List<String> pseudonyms(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            found.add(HtmlUtils.htmlUnescape(m.group(2)));
        }
        return found;
    }

    private String idOf(String pseudonym) {
        return jdbc.sql("SELECT id FROM cas_client WHERE org_id = ? AND pseudonym = ?").params(org.id(), pseudonym)
                .query(String.class).single();
    }
}
