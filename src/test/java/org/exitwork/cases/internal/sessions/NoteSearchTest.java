package org.exitwork.cases.internal.sessions;

import java.time.LocalDate;
import java.util.List;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exitwork.testing.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * R6: the note search decrypts in memory and finds text only in the searcher's own tandem cases:
 * not in a colleague's case, not in another organisation. The audit records that a search happened,
 * never what was searched for.
 */
@DatabaseTest
@AutoConfigureMockMvc
class NoteSearchTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseWork cases;

    @Autowired
    NoteSearch search;

    @Autowired
    SessionService sessions;

    @Autowired
    AuditLog audit;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal colleague;
    RegisteredClient mine;
    RegisteredClient colleagues;
    String word;
    LocalDate today;

    @BeforeEach
    void twoCasesWithTheSameWord() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        mine = fixtures.client(a, b, Fixtures.unique("Mine "));
        colleagues = fixtures.client(colleague, b, Fixtures.unique("Colleague's "));
        word = "Zorbelhafen" + Fixtures.unique("").replaceAll("[^0-9]", "");
        today = LocalDate.now(SessionService.ZONE);
        cases.writeNote(a, mine.id(), today.minusDays(2), "We met at the " + word + " harbour, he was calm.");
        cases.writeNote(colleague, colleagues.id(), today.minusDays(1), "In " + word + " too, with the brother.");
    }

    @Test
    void findsTextOnlyInTheSearchersOwnCases() throws Exception {
        assertThat(search.search(a, word).hits()).extracting(NoteSearch.Hit::clientId).containsExactly(mine.id());
        assertThat(search.search(colleague, word).hits()).extracting(NoteSearch.Hit::clientId)
                .containsExactly(colleagues.id());
        // b is in both tandems: both, newest first.
        assertThat(search.search(b, word).hits()).extracting(NoteSearch.Hit::clientId)
                .containsExactly(colleagues.id(), mine.id());

        // Another organisation, with the same word in its own case, finds only its own.
        var other = fixtures.organisation();
        StaffPrincipal x = fixtures.staff(other, Role.PRACTITIONER);
        StaffPrincipal y = fixtures.staff(other, Role.PRACTITIONER);
        RegisteredClient foreign = fixtures.client(x, y, Fixtures.unique("Foreign "));
        cases.writeNote(x, foreign.id(), today, "Also " + word + " here.");
        assertThat(search.search(x, word).hits()).extracting(NoteSearch.Hit::clientId).containsExactly(foreign.id());
        assertThat(search.search(a, word).hits()).extracting(NoteSearch.Hit::clientId).containsExactly(mine.id());

        mvc.perform(get("/cases/search").param("q", word).with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(containsString("<mark>" + word + "</mark>")))
                .andExpect(content().string(containsString(mine.pseudonym())))
                .andExpect(content().string(containsString("harbour, he was calm.")))
                .andExpect(content().string(not(containsString(colleagues.pseudonym()))))
                .andExpect(content().string(not(containsString("with the brother"))))
                .andExpect(content().string(not(containsString("Also " + word))));
    }

    @Test
    void matchesWordsInAnyOrderRegardlessOfCaseAndAccentsAndSearchesNextSteps() throws Exception {
        cases.writeNote(a, mine.id(), today, "Frau Müller von der Beratungsstelle an der Hauptstraße.");
        sessions.record(a, mine.id(), new SessionService.SessionDraft(today, null, Setting.TANDEM, null, true,
                java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), "Nothing special.",
                "Ask Frau Öztürk about the apprenticeship", null, null));

        assertThat(search.search(a, "HAUPTSTRASSE muller").hits()).hasSize(1);
        assertThat(search.search(a, "beratungsstelle hauptstraße frau").hits()).hasSize(1);
        assertThat(search.search(a, "muller nowhere").hits()).isEmpty();
        List<NoteSearch.Hit> inSteps = search.search(a, "ozturk apprenticeship").hits();
        assertThat(inSteps).hasSize(1);
        assertThat(inSteps.get(0).inNextSteps()).isTrue();

        mvc.perform(get("/cases/search").param("q", "ozturk").with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(containsString("<mark>Öztürk</mark>")));
    }

    @Test
    void atMostAHundredHitsNewestFirst() {
        for (int i = 0; i < 102; i++) {
            cases.writeNote(a, mine.id(), today.minusDays(200 - i), "Routine note number " + i);
        }
        NoteSearch.Result result = search.search(a, "routine note");
        assertThat(result.hits()).hasSize(NoteSearch.LIMIT);
        assertThat(result.more()).isTrue();
        assertThat(result.hits().get(0).sessionDate()).isEqualTo(today.minusDays(200 - 101));
        assertThat(result.hits()).extracting(NoteSearch.Hit::sessionDate).isSortedAccordingTo((x, y) -> y.compareTo(x));
        assertThat(result.casesSearched()).isEqualTo(1);
    }

    @Test
    void theAuditRecordsOneEntryWithCountsButNeverTheQuery() throws Exception {
        long before = searches().size();
        mvc.perform(get("/cases/search").param("q", word + " calm").with(as(a))).andExpect(status().isOk());
        List<AuditEntry> entries = searches();
        assertThat(entries).hasSize((int) before + 1);
        AuditEntry entry = entries.get(0);
        assertThat(entry.actorId()).isEqualTo(a.id());
        assertThat(entry.detail()).isEqualTo("@notes.searched|1|1");
        assertThat(entry.subject()).isNull();
        assertThat(audit.recent(org.id(), 1000)).allSatisfy(e -> assertThat(String.valueOf(e.subject()) + " "
                + e.detail()).doesNotContainIgnoringCase(word).doesNotContainIgnoringCase("calm"));
    }

    @Test
    void aQueryOutsideTheLimitsIsRefusedClearlyAndNotRun() throws Exception {
        long before = searches().size();
        for (String q : new String[] {"", "x", " y ", "z".repeat(201)}) {
            mvc.perform(get("/cases/search").param("q", q).with(as(a))).andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("data-testid=\"search-problem\"")))
                    .andExpect(content().string(containsString("between 2 and 200 characters")));
        }
        mvc.perform(get("/cases/search").param("q", "z".repeat(200)).with(as(a))).andExpect(status().isOk());
        mvc.perform(get("/cases/search").with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("search-problem"))));
        assertThat(searches()).hasSize((int) before + 1);
        assertThatThrownBy(() -> search.search(a, "x")).isInstanceOf(NoteSearch.InvalidQueryException.class);
    }

    @Test
    void onlyPractitionersSearch() throws Exception {
        for (Role role : new Role[] {Role.MANAGER, Role.DATA_PROTECTION_OFFICER}) {
            StaffPrincipal other = fixtures.staff(org, role);
            mvc.perform(get("/cases/search").param("q", word).with(as(other))).andExpect(status().isForbidden())
                    .andExpect(content().string(not(containsString(word + " harbour"))));
            assertThatThrownBy(() -> search.search(other, word))
                    .isInstanceOf(org.exitwork.platform.ForbiddenException.class);
        }
        mvc.perform(get("/cases/search").param("q", word).with(as(org.admin()))).andExpect(status().isForbidden());
        assertThatThrownBy(() -> search.search(org.admin(), word))
                .isInstanceOf(org.exitwork.platform.ForbiddenException.class);
    }

    @Test
    void theSearchBoxIsOnTheCaseListAndTheSessionsPage() throws Exception {
        mvc.perform(get("/cases").with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(containsString("role=\"search\"")));
        mvc.perform(get("/cases/" + mine.id() + "/sessions").with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(containsString("role=\"search\"")));
        mvc.perform(get("/cases").with(as(fixtures.staff(org, Role.MANAGER)))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("role=\"search\""))));
    }

    private List<AuditEntry> searches() {
        return audit.recent(org.id(), 1000).stream().filter(e -> e.action().equals(SessionActions.NOTES_SEARCHED))
                .toList();
    }
}
