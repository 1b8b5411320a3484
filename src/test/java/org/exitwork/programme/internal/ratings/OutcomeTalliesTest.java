package org.exitwork.programme.internal.ratings;

import java.time.Clock;
import java.time.LocalDate;
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
import org.exitwork.cases.CaseProgrammes;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.retention.ClientErasure;
import org.exitwork.programme.internal.dashboard.CountedOutcomeChanges;
import org.exitwork.programme.internal.dashboard.OutcomeChanges;
import org.exitwork.programme.internal.dashboard.OutcomeTallies;
import org.exitwork.programme.internal.design.Design;
import org.exitwork.programme.internal.design.Direction;
import org.exitwork.programme.internal.design.Frequency;
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
 * The outcome change kept per outcome ({@code prg_outcome_tally}, by {@link OutcomeTallies}) stays what a
 * recount of the ratings gives after every step of random sequences of ratings on random days (older ones
 * too, which change whose first rating is whose) and erasures of clients (whom new figures no longer
 * count); and the dashboard's outcome change and that of funder periods, ended or not, equal what the query
 * over every rating answered before the tallies ({@link CountedOutcomeChanges}, the oracle). Two
 * practitioners rating at once lose nothing. H2 and PostgreSQL.
 */
@DatabaseTest
class OutcomeTalliesTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    OutcomeRatings ratings;

    @Autowired
    OutcomeChanges changes;

    @Autowired
    OutcomeTallies tallies;

    @Autowired
    Programmes programmes;

    @Autowired
    CaseProgrammes caseProgrammes;

    @Autowired
    CaseAccess access;

    @Autowired
    ClientErasure erasure;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    UUID programme;
    List<UUID> outcomes;
    LocalDate today;
    CountedOutcomeChanges oracle;

    @BeforeEach
    void programme() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal manager = fixtures.manager(org.id());
        programme = programmes.create(manager, new Design.Draft(Fixtures.unique("Rated"), "A goal", "Everyone",
                EnumSet.allOf(PhenomenonArea.class), EnumSet.allOf(Pathway.class), Set.of()));
        for (int i = 1; i <= 2; i++) {
            programmes.addOutcome(manager, programme, new Design.OutcomeDraft("Outcome " + i, i == 1 ? 5 : 10, "low",
                    "niedrig", "high", "hoch", List.of(new Design.Indicator(null, "Indicator " + i, Direction.INCREASE,
                            "none yet", Frequency.MONTHLY))));
        }
        outcomes = programmes.outcomes(programme).stream().map(Design.Outcome::id).toList();
        today = LocalDate.now(clock);
        oracle = new CountedOutcomeChanges(jdbc);
    }

    @Test
    void afterEveryStepOfRandomRatingsAndErasuresTheTalliesAreARecountAndTheChangesThoseOfEveryRating() {
        Random random = new Random(16);
        List<UUID> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(client("Rated " + i));
        }
        int erased = 0;
        for (int step = 0; step < 70; step++) {
            List<UUID> alive = clients.stream().filter(this::exists).toList();
            UUID client = alive.get(random.nextInt(alive.size()));
            if (step > 30 && random.nextInt(12) == 0) {
                tx.executeWithoutResult(s -> erasure.erase(access.forTandem(a, client, "erase"), a.id(), a.username()));
                erased++;
                clients.add(client("Rated later " + step));
            } else {
                LocalDate on = today.minusDays(random.nextInt(200));
                UUID outcome = outcomes.get(random.nextInt(outcomes.size()));
                boolean taken = jdbc.sql("SELECT COUNT(*) FROM prg_outcome_rating WHERE client_id = ? AND outcome_id = ?"
                        + " AND rated_on = ?").params(client, outcome, on).query(Long.class).single() > 0;
                if (!taken) {
                    ratings.rate(random.nextBoolean() ? a : b, client, on,
                            List.of(new OutcomeRatings.NewRating(outcome, 1 + random.nextInt(5), null)));
                }
            }
            assertTalliesAsRecounted("step " + step);
            assertChangesAsCounted("step " + step);
        }
        assertThat(erased).isPositive();
        assertThat(changes.of(org.id(), programme, LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31)).get(0).clients())
                .isPositive();
    }

    @Test
    void twoPractitionersRatingAtOnceLoseNothing() throws Exception {
        List<UUID> clients = List.of(client("Busy one"), client("Busy two"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                StaffPrincipal who = w == 0 ? a : b;
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 8; i++) {
                        // Both rate both clients, each on days of its own, both outcomes at once.
                        UUID client = clients.get((i + writer) % 2);
                        ratings.rate(who, client, today.minusDays(2L * i + writer), List.of(
                                new OutcomeRatings.NewRating(outcomes.get(0), 1 + (i + writer) % 5, null),
                                new OutcomeRatings.NewRating(outcomes.get(1), 1 + (3 * i + writer) % 10, null)));
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
        assertTalliesAsRecounted("two practitioners");
        assertChangesAsCounted("two practitioners");
        assertThat(changes.of(org.id(), programme, LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31)).get(0).clients())
                .isEqualTo(2);
    }

    // ---------------------------------------------------------------------------------------------

    private void assertTalliesAsRecounted(String when) {
        Map<String, String> kept = tallied();
        Map<String, String> recounted = tx.execute(s -> {
            tallies.recount(programme);
            Map<String, String> again = tallied();
            s.setRollbackOnly();
            return again;
        });
        assertThat(kept).as(when).isEqualTo(recounted);
    }

    private Map<String, String> tallied() {
        Map<String, String> rows = new TreeMap<>();
        jdbc.sql("SELECT t.outcome_id, t.rated_on, t.next_on, t.n, t.sum_first, t.sum_latest, t.better, t.worse"
                        + " FROM prg_outcome_tally t JOIN prg_outcome o ON o.id = t.outcome_id WHERE o.programme_id = ?"
                        + " AND (t.n <> 0 OR t.sum_first <> 0 OR t.sum_latest <> 0 OR t.better <> 0 OR t.worse <> 0)")
                .param(programme).query((rs, n) -> rows.put(rs.getString(1) + " " + rs.getObject(2, LocalDate.class) + " "
                        + rs.getObject(3, LocalDate.class), rs.getLong(4) + " " + rs.getLong(5) + " " + rs.getLong(6) + " "
                        + rs.getLong(7) + " " + rs.getLong(8)))
                .list();
        return rows;
    }

    private void assertChangesAsCounted(String when) {
        assertThat(changes.of(org.id(), programme, LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31))).as(when)
                .isEqualTo(oracle.of(org.id(), programme));
        for (int months : new int[] {1, 2, 3, 6}) {
            for (int back = 0; back < 7; back += months) {
                LocalDate from = today.withDayOfMonth(1).minusMonths(back + months - 1);
                LocalDate until = from.plusMonths(months).minusDays(1);
                assertThat(changes.of(org.id(), programme, from, until)).as(when + ", " + from + " to " + until)
                        .isEqualTo(oracle.of(org.id(), programme, from, until));
            }
        }
        LocalDate from = today.minusDays(45);
        assertThat(changes.of(org.id(), programme, from, today.minusDays(9))).as(when)
                .isEqualTo(oracle.of(org.id(), programme, from, today.minusDays(9)));
    }

    private UUID client(String name) {
        UUID id = fixtures.client(a, b, name).id();
        caseProgrammes.assign(a, id, programme);
        return id;
    }

    private boolean exists(UUID client) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE id = ?").param(client).query(Long.class).single() > 0;
    }
}
