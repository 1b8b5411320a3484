package org.exitwork.cases.internal.sessions;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseFigures;
import org.exitwork.cases.CaseProgrammes;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.ending.EndingService;
import org.exitwork.cases.internal.figures.CaseTallies;
import org.exitwork.cases.internal.figures.CountedCaseFigures;
import org.exitwork.cases.internal.handover.HandoverReason;
import org.exitwork.cases.internal.handover.Handovers;
import org.exitwork.cases.internal.intake.IntakeService;
import org.exitwork.cases.internal.retention.ClientErasure;
import org.exitwork.programme.internal.design.Design;
import org.exitwork.programme.internal.design.Programmes;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures kept per programme ({@code cas_tally}, kept by {@link CaseTallies}) stay what a recount of the
 * cases' rows gives, after every step of random sequences of everything that changes them: prospects opened
 * and taken on, sessions recorded, older notes, corrections, cancellations, next steps with due days and
 * marked done, a case moved to another programme or to none, its phenomenon areas changed, its first
 * contact's day moved, its tandem changed (one practitioner left alone, another joining), cases completed
 * or ended by the client's choice, and clients erased (whom new figures no longer count). After every step,
 * too, the dashboard's figures of every scope and the funder report's figures of whole-month and other
 * periods equal what the queries over the cases' rows answered before the tallies ({@link CountedCaseFigures},
 * the oracle). Writers working on cases of one programme at once lose nothing. H2 and PostgreSQL.
 */
@DatabaseTest
class CaseTalliesTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @Autowired
    Fixtures fixtures;

    @Autowired
    SessionService sessions;

    @Autowired
    CaseWork caseWork;

    @Autowired
    CaseFigures figures;

    @Autowired
    CaseAccess access;

    @Autowired
    ClientErasure erasure;

    @Autowired
    EndingService endings;

    @Autowired
    IntakeService intake;

    @Autowired
    Handovers handovers;

    @Autowired
    CaseProgrammes caseProgrammes;

    @Autowired
    Programmes programmes;

    @Autowired
    CaseTallies tallies;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal c;
    StaffPrincipal manager;
    LocalDate today;
    CountedCaseFigures oracle;

    @BeforeEach
    void organisation() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        c = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.manager(org.id());
        today = LocalDate.ofInstant(clock.instant(), ZONE);
        oracle = new CountedCaseFigures(jdbc);
    }

    @Test
    void afterEveryStepOfRandomSequencesTheTalliesAreARecountAndTheFiguresThoseOfTheCasesRows() {
        UUID one = programme("Tallied one");
        UUID two = programme("Tallied two");
        List<UUID> programmeChoices = new ArrayList<>(List.of(one, two));
        programmeChoices.add(null);
        for (long seed : new long[] {5, 23}) {
            Random random = new Random(seed);
            List<UUID> cases = new ArrayList<>();
            int erased = 0;
            int moved = 0;
            for (int step = 0; step < 60; step++) {
                List<UUID> open = cases.stream().filter(id -> "CLIENT".equals(stage(id))).toList();
                int what = random.nextInt(20);
                if (open.size() < 3 || what == 0) {
                    UUID id = fixtures.client(a, b, "Tallied " + seed + " " + step).id();
                    caseProgrammes.assign(a, id, programmeChoices.get(random.nextInt(3)));
                    cases.add(id);
                } else if (what == 1) {
                    cases.add(fixtures.prospect(a).id());
                } else {
                    UUID client = open.get(random.nextInt(open.size()));
                    List<UUID> held = jdbc.sql("SELECT id FROM cas_session_note WHERE client_id = ? AND cancelled_at IS NULL"
                            + " ORDER BY id").param(client).query(UUID.class).list();
                    if (what < 7 || held.isEmpty()) {
                        LocalDate day = day(random);
                        boolean steps = random.nextBoolean();
                        sessions.record(a, client, draft(day, steps ? day.plusDays(random.nextInt(160)) : null));
                    } else if (what == 7) {
                        caseWork.writeNote(a, client, day(random), "An older note");
                    } else if (what == 8) {
                        UUID session = held.get(random.nextInt(held.size()));
                        LocalDate day = day(random);
                        sessions.correct(a, client, session, version(session), draft(day, day.plusDays(random.nextInt(60))),
                                "Wrong day");
                    } else if (what == 9) {
                        UUID session = held.get(random.nextInt(held.size()));
                        sessions.cancel(a, client, session, version(session), "Recorded in error");
                    } else if (what == 10) {
                        List<UUID> withSteps = jdbc.sql("SELECT id FROM cas_session_note WHERE client_id = ? AND next_steps"
                                + " IS NOT NULL AND next_steps_done_on IS NULL AND cancelled_at IS NULL ORDER BY id")
                                .param(client).query(UUID.class).list();
                        if (!withSteps.isEmpty()) {
                            sessions.markNextStepsDone(a, client, withSteps.get(random.nextInt(withSteps.size())));
                        }
                    } else if (what == 11) {
                        caseProgrammes.assign(a, client, programmeChoices.get(random.nextInt(3)));
                        moved++;
                    } else if (what == 12) {
                        List<PhenomenonArea> all = List.of(PhenomenonArea.values());
                        Set<PhenomenonArea> areas = EnumSet.of(all.get(random.nextInt(all.size())));
                        if (random.nextBoolean()) {
                            areas.add(all.get(random.nextInt(all.size())));
                        }
                        intake.describe(a, client, areas, false, null);
                    } else if (what == 13) {
                        // The first contact's day moved back, through the tallies as every write of a case goes.
                        int days = 1 + random.nextInt(40);
                        tx.executeWithoutResult(s -> {
                            tallies.touch(client);
                            java.time.OffsetDateTime created = jdbc.sql("SELECT created_at FROM cas_client WHERE id = ?")
                                    .param(client).query(java.time.OffsetDateTime.class).single();
                            jdbc.sql("UPDATE cas_client SET created_at = ? WHERE id = ?")
                                    .params(java.sql.Timestamp.from(created.minusDays(days).toInstant()), client).update();
                        });
                    } else if (what == 14) {
                        boolean withB = tandem(client).contains(b.id());
                        if (withB && random.nextBoolean()) {
                            handovers.change(manager, client, b.id(), null, HandoverReason.ABSENCE, "Alone for a while");
                        } else if (withB) {
                            handovers.change(manager, client, b.id(), c.id(), HandoverReason.LEAVING, null);
                        } else if (!tandem(client).contains(c.id())) {
                            handovers.change(manager, client, null, c.id(), HandoverReason.OTHER, null);
                        }
                    } else if (what == 15 && random.nextInt(3) == 0) {
                        endings.complete(a, client, today.minusDays(random.nextInt(5)), "Aftercare as agreed", List.of());
                    } else if (what == 16 && random.nextInt(3) == 0) {
                        endings.endByClientsChoice(a, client, today.minusDays(random.nextInt(5)), random.nextBoolean());
                    } else if (what == 17 && step > 10 && random.nextInt(2) == 0) {
                        tx.executeWithoutResult(s -> erasure.erase(access.forTandem(a, client, "erase"), a.id(), a.username()));
                        erased++;
                    } else {
                        // The tandem's other practitioner, whoever it is now.
                        StaffPrincipal other = tandem(client).contains(b.id()) ? b : tandem(client).contains(c.id()) ? c : a;
                        sessions.record(other, client, draft(day(random), null));
                    }
                }
                assertTalliesAsRecounted("seed " + seed + ", step " + step);
                assertFiguresAsCounted(one, "seed " + seed + ", step " + step);
                assertOverviewAsCounted("seed " + seed + ", step " + step);
            }
            assertThat(erased + moved).as("sequence " + seed + " erased and moved cases").isPositive();
        }
        CaseFigures.Figures all = figures.figures(new CaseFigures.Scope(org.id(), null, false,
                YearMonth.from(today).minusMonths(11), YearMonth.from(today)), today);
        assertThat(all.sessions().stream().mapToLong(CaseFigures.Sessions::sessions).sum()).isPositive();
        assertThat(all.toFirstSession().cases()).isPositive();
        assertThat(all.byStage().get("CLIENT")).isPositive();
    }

    @Test
    void writersOnCasesOfOneProgrammeAtOnceLoseNothing() throws Exception {
        UUID programme = programme("Busy programme");
        List<UUID> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID id = fixtures.client(a, b, "Busy " + i).id();
            caseProgrammes.assign(a, id, programme);
            clients.add(id);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                StaffPrincipal who = w == 0 ? a : b;
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    Random random = new Random(writer);
                    for (int i = 0; i < 10; i++) {
                        // Both write to every case, the same months and due days, in an order of their own.
                        UUID client = clients.get(writer == 0 ? i % 4 : 3 - i % 4);
                        LocalDate day = today.minusDays(1 + random.nextInt(3));
                        sessions.record(who, client, draft(day, day));
                        if (i % 5 == 4) {
                            intake.describe(who, client, EnumSet.of(writer == 0 ? PhenomenonArea.values()[0]
                                    : PhenomenonArea.values()[1]), false, null);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTalliesAsRecounted("two writers");
        assertFiguresAsCounted(programme, "two writers");
        YearMonth now = YearMonth.from(today);
        long held = figures.figures(CaseFigures.Scope.programme(org.id(), programme, now.minusMonths(1), now), today)
                .sessions().stream().mapToLong(CaseFigures.Sessions::sessions).sum();
        assertThat(held).isEqualTo(20);
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * What the managers' overview reads from the kept figures and cas_client.tandem_size (issue 19) equals
     * what the queries over every case's rows that it ran before count.
     */
    private void assertOverviewAsCounted(String when) {
        UUID o = org.id();
        CaseTallies.OpenCases kept = tallies.openCases(o);
        assertThat(kept.clients()).as(when).isEqualTo(count(
                "SELECT COUNT(*) FROM cas_client WHERE org_id = ? AND stage = 'CLIENT'", o));
        assertThat(kept.prospects()).as(when).isEqualTo(count(
                "SELECT COUNT(*) FROM cas_client WHERE org_id = ? AND stage = 'PROSPECT'", o));
        assertThat(kept.clientsWithoutAgreement()).as(when).isEqualTo(count("""
                SELECT COUNT(*) FROM cas_client c WHERE c.org_id = ? AND c.stage = 'CLIENT'
                AND NOT EXISTS (SELECT 1 FROM cas_client_agreement a WHERE a.client_id = c.id)""", o));
        Map<UUID, Long> clientLoads = new TreeMap<>();
        Map<UUID, Long> prospectLoads = new TreeMap<>();
        jdbc.sql("""
                SELECT t.staff_id, c.stage, COUNT(*) FROM cas_tandem_member t JOIN cas_client c ON c.id = t.client_id
                WHERE c.org_id = ? AND c.stage IN ('CLIENT', 'PROSPECT') GROUP BY t.staff_id, c.stage""")
                .param(o)
                .query((rs, n) -> ("CLIENT".equals(rs.getString(2)) ? clientLoads : prospectLoads)
                        .put(rs.getObject(1, UUID.class), rs.getLong(3)))
                .list();
        assertThat(new TreeMap<>(kept.clientLoads())).as(when).isEqualTo(clientLoads);
        assertThat(new TreeMap<>(kept.prospectLoads())).as(when).isEqualTo(prospectLoads);
        assertThat(count("""
                SELECT COUNT(*) FROM cas_client c WHERE c.org_id = ?
                AND c.tandem_size <> (SELECT COUNT(*) FROM cas_tandem_member t WHERE t.client_id = c.id)""", o))
                .as(when + ": cases whose kept tandem size is not their tandem's").isZero();
    }

    private long count(String sql, UUID org) {
        return jdbc.sql(sql).param(org).query(Long.class).single();
    }

    /** The organisation's tallies (those not zero) equal those of a recount, made and rolled back. */
    private void assertTalliesAsRecounted(String when) {
        Map<String, Long> kept = tallied();
        Map<String, Long> recounted = tx.execute(s -> {
            tallies.recount(org.id());
            Map<String, Long> again = tallied();
            s.setRollbackOnly();
            return again;
        });
        assertThat(kept).as(when).isEqualTo(recounted);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_tally WHERE org_id = ? AND n < 0").param(org.id())
                .query(Long.class).single()).as(when).isZero();
    }

    private Map<String, Long> tallied() {
        Map<String, Long> rows = new TreeMap<>();
        jdbc.sql("SELECT programme_id, kind, tag, on_day, since_month, n FROM cas_tally WHERE org_id = ? AND n <> 0")
                .param(org.id()).query((rs, n) -> rows.put(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)
                        + " " + rs.getObject(4, LocalDate.class) + " " + rs.getObject(5, LocalDate.class), rs.getLong(6)))
                .list();
        return rows;
    }

    private void assertFiguresAsCounted(UUID programme, String when) {
        YearMonth now = YearMonth.from(today);
        for (CaseFigures.Scope scope : List.of(new CaseFigures.Scope(org.id(), null, false, now.minusMonths(11), now),
                new CaseFigures.Scope(org.id(), null, true, now.minusMonths(3), now.minusMonths(1)),
                CaseFigures.Scope.programme(org.id(), programme, now.minusMonths(5), now))) {
            CaseFigures.Figures kept = figures.figures(scope, today);
            CaseFigures.Figures counted = oracle.figures(scope, today);
            assertThat(kept.byStage()).as(when).isEqualTo(counted.byStage());
            assertThat(kept.byArea()).as(when).isEqualTo(counted.byArea());
            assertThat(kept.byPathway()).as(when).isEqualTo(counted.byPathway());
            assertThat(kept.takenOn()).as(when).isEqualTo(counted.takenOn());
            assertThat(kept.ended()).as(when).isEqualTo(counted.ended());
            assertThat(kept.toConsent()).as(when).isEqualTo(counted.toConsent());
            assertThat(kept.toFirstSession()).as(when).isEqualTo(counted.toFirstSession());
            assertThat(kept.sessions()).as(when).isEqualTo(counted.sessions());
            assertThat(kept.singlePractitioner()).as(when).isEqualTo(counted.singlePractitioner());
            assertThat(kept.overdueNextSteps()).as(when).isEqualTo(counted.overdueNextSteps());
            assertThat(kept.caseload()).as(when).isEqualTo(counted.caseload());
            assertThat(kept).as(when).isEqualTo(counted);
        }
        for (CaseFigures.Scope scope : List.of(new CaseFigures.Scope(org.id(), null, false, now, now),
                CaseFigures.Scope.programme(org.id(), programme, now, now))) {
            for (LocalDate[] period : List.of(
                    new LocalDate[] {now.minusMonths(5).atDay(1), now.minusMonths(1).atEndOfMonth()},
                    new LocalDate[] {now.minusMonths(2).atDay(1), now.atEndOfMonth()},
                    new LocalDate[] {now.atDay(1), now.atEndOfMonth()},
                    new LocalDate[] {now.minusMonths(4).atDay(17), now.minusMonths(1).atDay(9)},
                    new LocalDate[] {now.minusMonths(5).atDay(1), today})) {
                assertThat(figures.periodFigures(scope, period[0], period[1])).as(when + ", " + period[0] + " to " + period[1])
                        .isEqualTo(oracle.periodFigures(scope, period[0], period[1]));
            }
        }
    }

    private UUID programme(String name) {
        return programmes.create(manager, new Design.Draft(Fixtures.unique(name), "A goal", "Everyone",
                EnumSet.allOf(PhenomenonArea.class), EnumSet.allOf(Pathway.class), Set.of()));
    }

    private List<UUID> tandem(UUID client) {
        return jdbc.sql("SELECT staff_id FROM cas_tandem_member WHERE client_id = ?").param(client).query(UUID.class).list();
    }

    private String stage(UUID client) {
        return jdbc.sql("SELECT stage FROM cas_client WHERE id = ?").param(client).query(String.class).optional()
                .orElse("ERASED");
    }

    private LocalDate day(Random random) {
        return today.minusDays(1 + random.nextInt(150));
    }

    private SessionService.SessionDraft draft(LocalDate day, LocalDate stepsDue) {
        return new SessionService.SessionDraft(day, 60, Setting.ONE_ON_ONE, PlaceKind.OFFICE, true, Set.of(),
                Set.of(), Set.of(Theme.BIOGRAPHY), "We talked.", stepsDue == null ? null : "Call the job centre",
                stepsDue, null, null, null, false);
    }

    private int version(UUID session) {
        return jdbc.sql("SELECT row_version FROM cas_session_note WHERE id = ?").param(session).query(Integer.class)
                .single();
    }
}
