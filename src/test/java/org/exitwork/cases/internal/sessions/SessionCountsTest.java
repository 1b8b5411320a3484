package org.exitwork.cases.internal.sessions;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.retention.ClientErasure;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counts the programme figures add up (cas_month_count per case and month, the first session's day
 * on cas_client, kept by {@link SessionCounts}) stay equal to a recount of {@code cas_session_note} after
 * random sequences of recording, writing an older note, correcting a session's date, cancelling and
 * erasing a client, over several cases and months; and the dashboard's and the funder report's figures
 * equal what the queries that counted the sessions themselves answered (kept here as the oracle). Two
 * sessions recorded at once for one case both count.
 */
@DatabaseTest
class SessionCountsTest {

    /** SessionService's zone: its "today" decides which dates it takes. */
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
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    LocalDate today;

    @BeforeEach
    void organisation() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        today = LocalDate.ofInstant(clock.instant(), ZONE);
    }

    @Test
    void randomRecordsCorrectionsCancellationsAndErasuresLeaveTheCountsOfARecount() {
        for (long seed : new long[] {7, 42, 2026}) {
            Random random = new Random(seed);
            List<UUID> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clients.add(fixtures.client(a, b, "Counted " + seed + " " + i).id());
            }
            UUID erased = null;
            for (int step = 0; step < 70; step++) {
                List<UUID> alive = clients.stream().filter(c -> exists(c)).toList();
                UUID client = alive.get(random.nextInt(alive.size()));
                List<UUID> held = jdbc.sql("SELECT id FROM cas_session_note WHERE client_id = ? AND cancelled_at IS NULL"
                        + " ORDER BY id").param(client).query(UUID.class).list();
                int what = random.nextInt(10);
                if (what < 4 || held.isEmpty()) {
                    sessions.record(a, client, draft(day(random)));
                } else if (what == 4) {
                    caseWork.writeNote(a, client, day(random), "An older note");
                } else if (what < 7) {
                    UUID session = held.get(random.nextInt(held.size()));
                    sessions.correct(a, client, session, version(session), draft(day(random)), "Wrong day");
                } else if (what < 9) {
                    UUID session = held.get(random.nextInt(held.size()));
                    sessions.cancel(a, client, session, version(session), "Recorded in error");
                } else if (erased == null && step > 35) {
                    erased = client;
                    tx.executeWithoutResult(s -> erasure.erase(access.forTandem(a, client, "erase"), a.id(), a.username()));
                }
                assertCountsAsRecounted();
            }
            assertThat(erased).as("a client was erased in sequence " + seed).isNotNull();
            erasure.purgeErased();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_month_count WHERE client_id = ?").param(erased)
                    .query(Long.class).single()).isZero();
            assertFiguresAsCountedFromTheSessions();
        }
    }

    @Test
    void twoSessionsRecordedAtOnceForOneCaseBothCount() throws Exception {
        UUID client = fixtures.client(a, b, "Busy Person").id();
        LocalDate day = today.minusDays(1);
        int each = 12;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (StaffPrincipal who : List.of(a, b)) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        sessions.record(who, client, draft(day));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }

            // One transaction holds its session uncommitted while the other records one for the same month.
            CountDownLatch written = new CountDownLatch(1);
            Future<?> first = pool.submit(() -> tx.executeWithoutResult(s -> {
                sessions.record(a, client, draft(day));
                written.countDown();
                sleep(400);
            }));
            assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
            sessions.record(b, client, draft(day.minusDays(1)));
            first.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT held FROM cas_month_count WHERE client_id = ? AND month_start = ?")
                .params(client, Date.valueOf(day.withDayOfMonth(1))).query(Integer.class).single())
                .isEqualTo(2 * each + 1 + (day.minusDays(1).getMonth() == day.getMonth() ? 1 : 0));
        assertCountsAsRecounted();
    }

    // ---------------------------------------------------------------------------------------------

    private void assertCountsAsRecounted() {
        Map<String, String> kept = new TreeMap<>();
        jdbc.sql("SELECT m.client_id, m.month_start, m.held, m.cancelled FROM cas_month_count m JOIN cas_client c"
                        + " ON c.id = m.client_id WHERE c.org_id = ?").param(org.id())
                .query((rs, n) -> {
                    assertThat(rs.getInt(3)).as("held").isNotNegative();
                    assertThat(rs.getInt(4)).as("cancelled").isNotNegative();
                    if (rs.getInt(3) > 0 || rs.getInt(4) > 0) {
                        kept.put(rs.getString(1) + " " + rs.getObject(2, LocalDate.class), rs.getInt(3) + "/" + rs.getInt(4));
                    }
                    return null;
                }).list();
        Map<String, int[]> recount = new TreeMap<>();
        jdbc.sql("SELECT s.client_id, s.session_date, s.cancelled_at FROM cas_session_note s JOIN cas_client c"
                        + " ON c.id = s.client_id WHERE c.org_id = ?").param(org.id())
                .query((rs, n) -> recount.computeIfAbsent(rs.getString(1) + " "
                        + rs.getObject(2, LocalDate.class).withDayOfMonth(1), k -> new int[2])[rs.getObject(3) == null ? 0 : 1]++)
                .list();
        Map<String, String> expected = new TreeMap<>();
        recount.forEach((k, v) -> expected.put(k, v[0] + "/" + v[1]));
        assertThat(kept).isEqualTo(expected);

        List<String> mismatched = jdbc.sql("SELECT c.pseudonym FROM cas_client c WHERE c.org_id = ? AND"
                        + " COALESCE(c.first_session_on, DATE '1900-01-01') <> COALESCE((SELECT MIN(s.session_date)"
                        + " FROM cas_session_note s WHERE s.client_id = c.id AND s.cancelled_at IS NULL), DATE '1900-01-01')")
                .param(org.id()).query(String.class).list();
        assertThat(mismatched).as("first session kept on the case").isEmpty();
    }

    private void assertFiguresAsCountedFromTheSessions() {
        YearMonth now = YearMonth.from(today);
        for (CaseFigures.Scope scope : List.of(new CaseFigures.Scope(org.id(), null, false, now.minusMonths(11), now),
                new CaseFigures.Scope(org.id(), null, true, now.minusMonths(3), now.minusMonths(1)))) {
            CaseFigures.Figures counted = figures.figures(scope, today);
            assertThat(counted.sessions()).isEqualTo(oldSessionsPerMonth(scope));
            assertThat(counted.sessions().stream().mapToLong(CaseFigures.Sessions::sessions).sum()).isPositive();
            assertThat(counted.toFirstSession()).isEqualTo(oldFirstSession(scope));
        }
        CaseFigures.Scope scope = new CaseFigures.Scope(org.id(), null, false, now, now);
        List<LocalDate[]> periods = List.of(
                new LocalDate[] {now.minusMonths(5).atDay(1), now.minusMonths(1).atEndOfMonth()},
                new LocalDate[] {now.minusMonths(5).atDay(1), today},
                new LocalDate[] {now.minusMonths(4).atDay(17), now.minusMonths(1).atDay(9)},
                new LocalDate[] {now.minusMonths(2).atDay(3), now.minusMonths(2).atDay(20)},
                new LocalDate[] {now.minusMonths(3).atDay(20), now.minusMonths(2).atDay(10)});
        for (LocalDate[] period : periods) {
            CaseFigures.PeriodFigures counted = figures.periodFigures(scope, period[0], period[1]);
            CaseFigures.Counts old = oldPeriodSessions(scope, period[0], period[1]);
            assertThat(counted.sessions()).as(period[0] + " to " + period[1]).isEqualTo(old);
            assertThat(counted.workedWith().people()).isEqualTo(old.people());
        }
        assertThat(figures.periodFigures(scope, periods.get(0)[0], periods.get(0)[1]).sessions().sessions()).isNotEmpty();
    }

    // The oracle: the queries that counted the sessions themselves, before the counts were kept.

    private String filter(CaseFigures.Scope scope) {
        return "c.org_id = ?" + (scope.programmeId() != null ? " AND c.programme_id = ?"
                : scope.withoutProgramme() ? " AND c.programme_id IS NULL" : "");
    }

    private List<Object> params(CaseFigures.Scope scope) {
        List<Object> params = new ArrayList<>();
        params.add(scope.organisationId());
        if (scope.programmeId() != null) {
            params.add(scope.programmeId());
        }
        return params;
    }

    private List<CaseFigures.Sessions> oldSessionsPerMonth(CaseFigures.Scope scope) {
        Map<YearMonth, CaseFigures.Sessions> byMonth = new LinkedHashMap<>();
        for (YearMonth m = scope.from(); !m.isAfter(scope.to()); m = m.plusMonths(1)) {
            byMonth.put(m, new CaseFigures.Sessions(m, 0, 0));
        }
        List<Object> params = params(scope);
        params.add(Date.valueOf(scope.from().atDay(1)));
        params.add(Date.valueOf(scope.to().atEndOfMonth()));
        jdbc.sql("SELECT EXTRACT(YEAR FROM s.session_date), EXTRACT(MONTH FROM s.session_date), COUNT(*),"
                        + " COUNT(DISTINCT s.client_id) FROM cas_session_note s JOIN cas_client c ON c.id = s.client_id"
                        + " WHERE " + filter(scope) + " AND s.cancelled_at IS NULL AND s.session_date BETWEEN ? AND ?"
                        + " GROUP BY EXTRACT(YEAR FROM s.session_date), EXTRACT(MONTH FROM s.session_date)")
                .params(params).query((rs, n) -> {
                    YearMonth m = YearMonth.of(rs.getInt(1), rs.getInt(2));
                    return byMonth.put(m, new CaseFigures.Sessions(m, rs.getLong(3), rs.getLong(4)));
                }).list();
        return List.copyOf(byMonth.values());
    }

    private static final String DAYS = "(EXTRACT(EPOCH FROM CAST(CAST(%s AS DATE) AS TIMESTAMP))"
            + " - EXTRACT(EPOCH FROM CAST(CAST(%s AS DATE) AS TIMESTAMP))) / 86400";

    private CaseFigures.Median oldFirstSession(CaseFigures.Scope scope) {
        return jdbc.sql("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY " + DAYS.formatted("f.first_on", "f.created_at")
                        + "), COUNT(*) FROM (SELECT c.created_at, (SELECT MIN(s.session_date) FROM cas_session_note s"
                        + " WHERE s.client_id = c.id AND s.cancelled_at IS NULL) AS first_on FROM cas_client c WHERE "
                        + filter(scope) + ") f WHERE f.first_on IS NOT NULL")
                .params(params(scope)).query((rs, n) -> {
                    double days = rs.getDouble(1);
                    return new CaseFigures.Median(rs.wasNull() ? null : days, rs.getLong(2));
                }).single();
    }

    private static final String AREA_GROUP = "CASE WHEN a.n IS NULL THEN 'NONE' WHEN a.n > 1 THEN 'SEVERAL'"
            + " ELSE a.first_area END";

    private CaseFigures.Counts oldPeriodSessions(CaseFigures.Scope scope, LocalDate from, LocalDate to) {
        List<Object> params = new ArrayList<>();
        params.add(scope.organisationId());
        params.addAll(params(scope));
        params.add(Date.valueOf(from));
        params.add(Date.valueOf(to));
        Map<String, Long> people = new LinkedHashMap<>();
        Map<String, Long> sessions = new LinkedHashMap<>();
        jdbc.sql("SELECT " + AREA_GROUP + ", COUNT(*), COUNT(DISTINCT s.client_id) FROM cas_session_note s"
                        + " JOIN cas_client c ON c.id = s.client_id LEFT JOIN (SELECT p.client_id, COUNT(*) AS n,"
                        + " MIN(p.area) AS first_area FROM cas_phenomenon p JOIN cas_client pc ON pc.id = p.client_id"
                        + " WHERE pc.org_id = ? GROUP BY p.client_id) a ON a.client_id = c.id WHERE " + filter(scope)
                        + " AND s.cancelled_at IS NULL AND s.session_date BETWEEN ? AND ? GROUP BY " + AREA_GROUP)
                .params(params).query((rs, n) -> {
                    sessions.put(rs.getString(1), rs.getLong(2));
                    return people.put(rs.getString(1), rs.getLong(3));
                }).list();
        return new CaseFigures.Counts(people, sessions);
    }

    // ---------------------------------------------------------------------------------------------

    private LocalDate day(Random random) {
        return today.minusDays(1 + random.nextInt(150));
    }

    private SessionService.SessionDraft draft(LocalDate day) {
        return new SessionService.SessionDraft(day, 60, Setting.ONE_ON_ONE, PlaceKind.OFFICE, true, Set.of(),
                Set.of(), Set.of(Theme.BIOGRAPHY), "We talked.", null, null, null);
    }

    private int version(UUID session) {
        return jdbc.sql("SELECT row_version FROM cas_session_note WHERE id = ?").param(session).query(Integer.class)
                .single();
    }

    private boolean exists(UUID client) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE id = ?").param(client).query(Long.class).single() > 0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
