package org.exitwork.cases.internal.sessions;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseFigures;
import org.exitwork.cases.CaseProgrammes;
import org.exitwork.cases.CaseWorkForBenchmarks;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.UnreadableException;
import org.exitwork.programme.ProgrammeForBenchmarks;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The benchmarks' bulk loaders ({@code CaseWorkForBenchmarks.load}, {@code ProgrammeForBenchmarks.loadRatings})
 * write the rows the services write, with every text sealed with the client's key; and the programme's
 * figures open none of them: they answer the same with every client's key shredded, and their code
 * depends on nothing of the keys module.
 */
@DatabaseTest
@TestPropertySource(properties = CaseWorkForBenchmarks.ENABLED + "=true")
class LoadedRowsTest {

    /** The client's rows, table by table (the key's table is the keys module's, written by ClientKeys.createKey). */
    private static final List<String> BY_CLIENT = List.of("cas_client WHERE id = ?", "cas_identity WHERE client_id = ?",
            "cas_tandem_member WHERE client_id = ?", "cas_phenomenon WHERE client_id = ?",
            "cas_safety_discussion WHERE client_id = ?", "cas_participation_consent WHERE client_id = ?",
            "key_client WHERE client_id = ?");

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseWorkForBenchmarks bench;

    @Autowired
    ProgrammeForBenchmarks programmes;

    @Autowired
    SessionService sessions;

    @Autowired
    CaseProgrammes caseProgrammes;

    @Autowired
    CaseFigures figures;

    @Autowired
    ClientKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    Fixtures.Organisation org;
    StaffPrincipal manager;
    StaffPrincipal a;
    StaffPrincipal b;
    LocalDate today;
    UUID programme;

    @BeforeEach
    void organisation() {
        org = fixtures.organisation();
        manager = fixtures.manager(org.id());
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        today = LocalDate.now(clock);
        programme = programmes.design(manager, "Loaded", 2);
    }

    @Test
    void aLoadedClientHasTheRowsTheServicesWriteWithItsTextsSealedWithItsKey() {
        // Through the services: taken on, in the programme, one session with next steps, one cancelled.
        UUID served = fixtures.client(a, b, "Served Person").id();
        caseProgrammes.assign(a, served, programme);
        UUID withSteps = sessions.record(a, served, new SessionService.SessionDraft(today.minusDays(3), 60,
                Setting.ONE_ON_ONE, PlaceKind.OFFICE, true, Set.of(a.id()), Set.of(), Set.of(Theme.BIOGRAPHY),
                "A note", "Next steps", today.plusDays(10), null));
        UUID cancelled = sessions.record(a, served, new SessionService.SessionDraft(today.minusDays(2), 60,
                Setting.ONE_ON_ONE, PlaceKind.OFFICE, true, Set.of(a.id()), Set.of(), Set.of(Theme.ANGER),
                "Another note", null, null, null));
        int version = jdbc.queryForObject("SELECT row_version FROM cas_session_note WHERE id = ?", Integer.class, cancelled);
        sessions.cancel(a, served, cancelled, version, "Wrong day");

        // Through the loader: next steps in every session, every second one cancelled.
        CaseWorkForBenchmarks.Load load = CaseWorkForBenchmarks.Load.of(a, b, manager, 1, 4, today).inProgramme(programme);
        CaseWorkForBenchmarks.Loaded loaded = bench.load(new CaseWorkForBenchmarks.Load(a, b, manager, 1, 4, today,
                programme, 30, 60, 1, 2, 5));
        UUID client = loaded.clientIds().get(0);
        assertThat(loaded.sessions()).isEqualTo(4);
        assertThat(loaded.cancelled()).isEqualTo(2);
        assertThat(load.programmeId()).isEqualTo(programme);

        // The same tables with the same columns filled, and the same plain values where the services set them.
        for (String table : BY_CLIENT) {
            List<Map<String, Object>> mine = rows(table, client);
            List<Map<String, Object>> theirs = rows(table, served);
            assertThat(mine).as(table).hasSameSizeAs(theirs);
            assertThat(filled(mine.get(0))).as(table).isEqualTo(filled(theirs.get(0)));
        }
        Map<String, Object> row = rows(BY_CLIENT.get(0), client).get(0);
        assertThat(row).containsEntry("stage", "CLIENT").containsEntry("language", "en")
                .containsEntry("programme_id", programme).containsEntry("org_id", org.id())
                .containsEntry("created_by", a.id()).containsEntry("context_case", false)
                .containsEntry("high_risk", false);
        assertThat(jdbc.queryForList("SELECT staff_id FROM cas_tandem_member WHERE client_id = ? ORDER BY position",
                UUID.class, client)).containsExactly(a.id(), b.id());
        assertThat(jdbc.queryForList("SELECT staff_id FROM cas_safety_discussion_participant p JOIN cas_safety_discussion d"
                + " ON d.id = p.discussion_id WHERE d.client_id = ?", UUID.class, client))
                .containsExactlyInAnyOrder(manager.id(), a.id());

        Map<String, Object> theirSteps = session(withSteps);
        Map<String, Object> theirCancelled = session(cancelled);
        List<Map<String, Object>> mine = jdbc.queryForList("SELECT * FROM cas_session_note WHERE client_id = ?"
                + " ORDER BY session_date", client);
        assertThat(mine).hasSize(4);
        for (Map<String, Object> s : mine) {
            boolean isCancelled = s.get("cancelled_at") != null;
            Set<String> expected = filled(isCancelled ? theirCancelled : theirSteps);
            if (isCancelled) {
                // The loader's cancelled sessions carry next steps too; the served one has none.
                expected.addAll(Set.of("next_steps", "next_steps_due"));
            }
            Set<String> actual = filled(s);
            actual.remove("next_steps_done_on"); // set later, when the steps were marked done
            assertThat(actual).as("session columns").isEqualTo(expected);
            assertThat(s).containsEntry("row_version", 1);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cas_session_theme t JOIN cas_session_note s"
                + " ON s.id = t.session_id WHERE s.client_id = ?", Long.class, client)).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cas_session_staff t JOIN cas_session_note s"
                + " ON s.id = t.session_id WHERE s.client_id = ?", Long.class, client)).isGreaterThanOrEqualTo(4);

        // The counts kept per case and month and the first session's day, as SessionCounts leaves them for the
        // served client: for both, what a recount of their sessions gives.
        for (UUID someone : List.of(served, client)) {
            assertThat(jdbc.queryForList("SELECT month_start, held, cancelled FROM cas_month_count WHERE client_id = ?"
                    + " AND (held > 0 OR cancelled > 0) ORDER BY month_start", someone))
                    .as("counts per month").isEqualTo(recount(someone)).isNotEmpty();
            assertThat(jdbc.queryForObject("SELECT first_session_on FROM cas_client WHERE id = ?", LocalDate.class, someone))
                    .isEqualTo(jdbc.queryForObject("SELECT MIN(session_date) FROM cas_session_note WHERE client_id = ?"
                            + " AND cancelled_at IS NULL", LocalDate.class, someone)).isNotNull();
        }
        assertThat(jdbc.queryForObject("SELECT SUM(cancelled) FROM cas_month_count WHERE client_id = ?", Long.class,
                served)).isEqualTo(1);

        // Every text is sealed with the client's own key, bound to its row and column, as the services seal it.
        FieldCipher cipher = keys.cipherFor(client);
        Map<String, Object> first = mine.get(0);
        UUID sessionId = (UUID) first.get("id");
        assertThat(cipher.row("cas_session_note", sessionId).open("body", (byte[]) first.get("body")))
                .startsWith("We met as agreed.");
        assertThat(cipher.row("cas_session_note", sessionId).open("next_steps", (byte[]) first.get("next_steps")))
                .isEqualTo("Find out the dates of the evening course.");
        assertThat(cipher.row("cas_identity", client).open("full_name",
                (byte[]) rows(BY_CLIENT.get(1), client).get(0).get("full_name"))).isEqualTo("Bench Person 0");
        assertThatThrownBy(() -> keys.cipherFor(served).row("cas_session_note", sessionId)
                .open("body", (byte[]) first.get("body"))).isInstanceOf(UnreadableException.class);

        // The ratings' rows as OutcomeRatings.rate writes them, the comment sealed with the client's key.
        assertThat(programmes.loadRatings(a, programme, List.of(client), 3, today, 1)).isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM prg_outcome_rating WHERE client_id = ? AND org_id = ?"
                + " AND recorded_by = ? AND score BETWEEN 1 AND 5", Long.class, client, org.id(), a.id())).isEqualTo(6);
    }

    @Test
    void theFiguresAndTheDashboardAnswerTheSameWithEveryClientsKeyShredded() {
        CaseWorkForBenchmarks.Loaded loaded = bench.load(CaseWorkForBenchmarks.Load.of(a, b, manager, 20, 30, today)
                .inProgramme(programme).seed(11));
        programmes.loadRatings(a, programme, loaded.clientIds(), 3, today, 2);
        YearMonth now = YearMonth.from(today);
        CaseFigures.Scope scope = CaseFigures.Scope.programme(org.id(), programme, now.minusMonths(11), now);
        CaseFigures.Figures before = figures.figures(scope, today);
        String dashboardBefore = programmes.openDashboard(manager, programme).toString();

        assertThat(before.byStage()).containsEntry("CLIENT", 20L).containsEntry("PROSPECT", 0L);
        assertThat(before.overdueNextSteps()).isEqualTo(loaded.overdueNextSteps()).isPositive();
        assertThat(before.singlePractitioner()).isZero();
        assertThat(before.caseload()).containsExactlyInAnyOrderEntriesOf(Map.of(a.id(), 20L, b.id(), 20L));
        assertThat(before.toConsent().cases()).isEqualTo(20);
        assertThat(before.toFirstSession().cases()).isEqualTo(20);
        long inWindow = jdbc.queryForObject("SELECT COUNT(*) FROM cas_session_note WHERE cancelled_at IS NULL"
                + " AND session_date >= ? AND client_id IN (SELECT id FROM cas_client WHERE programme_id = ?)", Long.class,
                java.sql.Date.valueOf(now.minusMonths(11).atDay(1)), programme);
        assertThat(before.sessions().stream().mapToLong(CaseFigures.Sessions::sessions).sum()).isEqualTo(inWindow)
                .isPositive();

        // Shredded keys make every note unreadable: anything that opened one would now fail.
        loaded.clientIds().forEach(keys::shred);
        assertThatThrownBy(() -> keys.cipherFor(loaded.clientIds().get(0))).isInstanceOf(UnreadableException.class);
        assertThat(figures.figures(scope, today)).isEqualTo(before);
        assertThat(programmes.openDashboard(manager, programme).toString()).isEqualTo(dashboardBefore);
    }

    @Test
    void theFiguresCodeReachesNoKeyAndNoCipher() {
        JavaClasses figuresCode = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.exitwork.cases.internal.figures", "org.exitwork.programme.internal.dashboard");
        assertThat(figuresCode).isNotEmpty();
        noClasses().should().dependOnClassesThat().resideInAPackage("org.exitwork.keys..").check(figuresCode);
    }

    private List<Map<String, Object>> rows(String tableWhere, UUID client) {
        return jdbc.queryForList("SELECT * FROM " + tableWhere, client);
    }

    /** Per month of the client's sessions: how many held and how many cancelled, counted from the sessions. */
    private List<Map<String, Object>> recount(UUID client) {
        Map<LocalDate, int[]> months = new TreeMap<>();
        jdbc.query("SELECT session_date, cancelled_at FROM cas_session_note WHERE client_id = ?", rs -> {
            months.computeIfAbsent(SessionCounts.monthOf(rs.getObject(1, LocalDate.class)), m -> new int[2])
                    [rs.getObject(2) == null ? 0 : 1]++;
        }, client);
        return months.entrySet().stream().map(e -> jdbc.queryForMap("SELECT CAST(? AS DATE) AS month_start,"
                + " CAST(? AS INTEGER) AS held, CAST(? AS INTEGER) AS cancelled", java.sql.Date.valueOf(e.getKey()),
                e.getValue()[0], e.getValue()[1])).toList();
    }

    private Map<String, Object> session(UUID id) {
        return jdbc.queryForMap("SELECT * FROM cas_session_note WHERE id = ?", id);
    }

    /** The columns of a row that hold a value. */
    private static Set<String> filled(Map<String, Object> row) {
        Set<String> names = new TreeSet<>();
        row.forEach((column, value) -> {
            if (value != null) {
                names.add(column.toLowerCase(java.util.Locale.ROOT));
            }
        });
        return names;
    }
}
