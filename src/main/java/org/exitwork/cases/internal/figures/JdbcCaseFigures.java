package org.exitwork.cases.internal.figures;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.exitwork.cases.CaseFigures;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of {@link CaseFigures}, added up from the figures kept per programme ({@code cas_tally}, kept by
 * {@link CaseTallies}): a few rows per programme and stage, area, pathway, day, month, number of days or
 * practitioner, so that the answer takes the same few queries, reading about as many rows, for a hundred
 * cases or ten thousand. Medians from the histograms of days, as the SQL standard's {@code PERCENTILE_CONT}
 * takes them. Only a funder period that does not begin on a first or end on a last day counts its sessions
 * per client, from the counts per case and month and the sessions' days.
 */
@Repository
class JdbcCaseFigures implements CaseFigures {

    private static final String DAYS = "(EXTRACT(EPOCH FROM CAST(CAST(%s AS DATE) AS TIMESTAMP))"
            + " - EXTRACT(EPOCH FROM CAST(CAST(%s AS DATE) AS TIMESTAMP))) / 86400";

    private final JdbcClient jdbc;

    JdbcCaseFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The cases of the scope, as a condition on {@code c} (cas_client) and its parameters. */
    private record Filter(String sql, List<Object> params) {

        static Filter of(Scope scope) {
            List<Object> params = new ArrayList<>();
            params.add(scope.organisationId());
            String sql = "c.org_id = ?";
            if (scope.programmeId() != null) {
                sql += " AND c.programme_id = ?";
                params.add(scope.programmeId());
            } else if (scope.withoutProgramme()) {
                sql += " AND c.programme_id IS NULL";
            }
            return new Filter(sql, params);
        }
    }

    /** The tallies of the scope (cas_tally, kept by {@link CaseTallies}), as a condition on {@code t}. */
    private record Tallies(String sql, List<Object> params) {

        static Tallies of(Scope scope) {
            List<Object> params = new ArrayList<>();
            params.add(scope.organisationId());
            String sql = "t.org_id = ?";
            if (scope.programmeId() != null) {
                sql += " AND t.programme_id = ?";
                params.add(scope.programmeId());
            } else if (scope.withoutProgramme()) {
                sql += " AND t.programme_id = ?";
                params.add(CaseTallies.NO_PROGRAMME);
            }
            return new Tallies(sql, params);
        }

        List<Object> with(Object... more) {
            List<Object> all = new ArrayList<>(params);
            all.addAll(List.of(more));
            return all;
        }
    }

    /**
     * Every figure added up from the tallies kept per programme (cas_tally, V1_56_0): a row per stage, area,
     * pathway, day, month, number of days or practitioner, however many cases there are.
     */
    @Override
    @Transactional(readOnly = true)
    public Figures figures(Scope scope, LocalDate today) {
        Tallies t = Tallies.of(scope);
        LocalDate from = scope.from().atDay(1);
        LocalDate to = scope.to().atEndOfMonth();

        Map<String, Long> byStage = new LinkedHashMap<>();
        for (String stage : List.of("PROSPECT", "CLIENT", "CLOSED")) {
            byStage.put(stage, 0L);
        }
        byTag(t, "STAGE").forEach((stage, n) -> byStage.put(stage, n));
        Map<PhenomenonArea, Long> byArea = new EnumMap<>(PhenomenonArea.class);
        for (PhenomenonArea area : PhenomenonArea.values()) {
            byArea.put(area, 0L);
        }
        byTag(t, "AREA").forEach((area, n) -> byArea.put(PhenomenonArea.valueOf(area), n));
        Map<Pathway, Long> byPathway = new EnumMap<>(Pathway.class);
        for (Pathway pathway : Pathway.values()) {
            byPathway.put(pathway, 0L);
        }
        byTag(t, "PATHWAY").forEach((pathway, n) -> byPathway.put(Pathway.valueOf(pathway), n));

        Map<YearMonth, Long> takenOn = zeros(scope);
        Map<YearMonth, Long> ended = zeros(scope);
        Map<YearMonth, long[]> sessions = new LinkedHashMap<>();
        zeros(scope).keySet().forEach(m -> sessions.put(m, new long[2]));
        // The days (and months) of the scope written into the statement: see sessions per month below.
        jdbc.sql("SELECT t.kind, t.on_day, SUM(t.n) FROM cas_tally t WHERE " + t.sql()
                + " AND t.kind IN ('TAKEN_ON', 'ENDED', 'ENDED_EARLY', 'HELD', 'ACTIVE') AND t.on_day BETWEEN "
                + literal(from) + " AND " + literal(to) + " GROUP BY t.kind, t.on_day")
                .params(t.params()).query((rs, n) -> {
                    YearMonth m = YearMonth.from(rs.getObject(2, LocalDate.class));
                    long count = rs.getLong(3);
                    switch (rs.getString(1)) {
                        case "TAKEN_ON" -> takenOn.merge(m, count, Long::sum);
                        case "HELD" -> sessions.get(m)[0] += count;
                        case "ACTIVE" -> sessions.get(m)[1] += count;
                        default -> ended.merge(m, count, Long::sum);
                    }
                    return null;
                }).list();

        // First contact: the day the person was first recorded, as a prospect. The first session of each case:
        // the day kept on the case's row as sessions are written (cases.internal.sessions.SessionCounts).
        Median toConsent = median(byTag(t, "CONSENT"));
        Median toFirstSession = median(byTag(t, "FIRST_SESSION"));

        long single = byTag(t, "SINGLE").values().stream().mapToLong(Long::longValue).sum();
        // The open next steps due before today (written into the statement, as the months are).
        long overdue = jdbc.sql("SELECT COALESCE(SUM(t.n), 0) FROM cas_tally t WHERE " + t.sql()
                + " AND t.kind = 'OVERDUE' AND t.on_day < " + literal(today)).params(t.params()).query(Long.class).single();

        Map<UUID, Long> caseload = new LinkedHashMap<>();
        jdbc.sql("SELECT t.tag, SUM(t.n) FROM cas_tally t WHERE " + t.sql() + " AND t.kind = 'CASELOAD' GROUP BY t.tag"
                + " HAVING SUM(t.n) > 0 ORDER BY SUM(t.n) DESC")
                .params(t.params()).query((rs, n) -> caseload.put(UUID.fromString(rs.getString(1)), rs.getLong(2))).list();

        List<Sessions> sessionsByMonth = sessions.entrySet().stream()
                .map(e -> new Sessions(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        return new Figures(byStage, byArea, byPathway, months(takenOn), months(ended), toConsent, toFirstSession,
                sessionsByMonth, single, overdue, caseload);
    }

    /** The tallies of one kind per tag, those above zero. */
    private Map<String, Long> byTag(Tallies t, String kind) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT t.tag, SUM(t.n) FROM cas_tally t WHERE " + t.sql() + " AND t.kind = ? GROUP BY t.tag"
                + " HAVING SUM(t.n) > 0").params(t.with(kind))
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    private static Map<YearMonth, Long> zeros(Scope scope) {
        Map<YearMonth, Long> counts = new LinkedHashMap<>();
        for (YearMonth m = scope.from(); !m.isAfter(scope.to()); m = m.plusMonths(1)) {
            counts.put(m, 0L);
        }
        return counts;
    }

    private static List<Month> months(Map<YearMonth, Long> counts) {
        return counts.entrySet().stream().map(e -> new Month(e.getKey(), e.getValue())).toList();
    }

    /**
     * The median of a histogram (days to how many cases), as the SQL standard's {@code PERCENTILE_CONT(0.5)}
     * takes it: the middle value, or between the two middle ones.
     */
    static Median median(Map<String, Long> histogram) {
        TreeMap<Long, Long> byDays = new TreeMap<>();
        histogram.forEach((days, n) -> byDays.merge(Long.parseLong(days), n, Long::sum));
        long cases = byDays.values().stream().mapToLong(Long::longValue).sum();
        if (cases == 0) {
            return new Median(null, 0);
        }
        long lower = (cases - 1) / 2;
        long upper = cases / 2;
        Long low = null;
        Long high = null;
        long seen = 0;
        for (Map.Entry<Long, Long> e : byDays.entrySet()) {
            long next = seen + e.getValue();
            if (low == null && lower < next) {
                low = e.getKey();
            }
            if (upper < next) {
                high = e.getKey();
                break;
            }
            seen = next;
        }
        double a = low;
        double b = high;
        return new Median(a + 0.5 * (b - a) * (upper - lower), cases);
    }

    /** A date as an SQL literal (ISO, from a LocalDate: nothing else can be in it). */
    private static String literal(LocalDate day) {
        return "DATE '" + day + "'";
    }

    /** A client's area group (see {@link CaseFigures#SEVERAL_AREAS}), as a column {@code grp} of {@code c}. */
    private static final String AREA_GROUP = "CASE WHEN a.n IS NULL THEN '" + NO_AREA + "' WHEN a.n > 1 THEN '"
            + SEVERAL_AREAS + "' ELSE a.first_area END";
    private static final String WITH_AREAS = " FROM cas_client c LEFT JOIN (SELECT p.client_id, COUNT(*) AS n,"
            + " MIN(p.area) AS first_area FROM cas_phenomenon p JOIN cas_client pc ON pc.id = p.client_id"
            + " WHERE pc.org_id = ? GROUP BY p.client_id) a ON a.client_id = c.id";

    @Override
    @Transactional(readOnly = true)
    public PeriodFigures periodFigures(Scope scope, LocalDate from, LocalDate to) {
        Tallies t = Tallies.of(scope);
        // Taken on and ended per area group: the tallies of the period's days.
        Counts takenOn = new Counts(byGroup(t, "TAKEN_ON", from, to, ""), Map.of());
        Counts ended = new Counts(byGroup(t, "ENDED", from, to, ""), Map.of());
        if (from.getDayOfMonth() == 1 && to.getDayOfMonth() == to.lengthOfMonth()) {
            // A period of whole months: the sessions held in its months, and the people among whom they were
            // held, each counted once: in the first month of the period in which the person had a session,
            // the month whose case's month with a session before it (since_month) lies before the period.
            LocalDate lastMonth = to.withDayOfMonth(1);
            Map<String, Long> people = byGroup(t, "ACTIVE", from, lastMonth, " AND t.since_month < " + literal(from));
            Map<String, Long> sessions = new LinkedHashMap<>();
            byGroup(t, "HELD", from, lastMonth, "").forEach((group, n) -> {
                if (people.containsKey(group)) {
                    sessions.put(group, n);
                }
            });
            return new PeriodFigures(new Counts(people, Map.of()), takenOn, ended, new Counts(people, sessions));
        }
        Filter f = Filter.of(scope);
        // Sessions per client of the scope first, then per area group: the whole months of the period added up
        // from the counts kept per case and month (cas_month_count), the days of a month only partly in it
        // (a period that does not begin on a first or end on a last day) counted from cas_session_note_day.
        // The period's days are LocalDates written into the statement, for the reason given in figures().
        List<Object> params = new ArrayList<>();
        params.add(scope.organisationId());
        List<String> parts = new ArrayList<>();
        LocalDate fullFrom = from.getDayOfMonth() == 1 ? from : from.plusMonths(1).withDayOfMonth(1);
        LocalDate fullTo = to.getDayOfMonth() == to.lengthOfMonth() ? to : to.withDayOfMonth(1).minusDays(1);
        String sessionsOn = "SELECT s.client_id, 1 AS n FROM cas_session_note s JOIN cas_client c ON c.id = s.client_id"
                + " WHERE " + f.sql() + " AND s.cancelled_at IS NULL AND s.session_date BETWEEN ";
        if (fullFrom.isAfter(fullTo)) {
            parts.add(sessionsOn + literal(from) + " AND " + literal(to));
            params.addAll(f.params());
        } else {
            parts.add("SELECT m.client_id, m.held AS n FROM cas_month_count m JOIN cas_client c ON c.id = m.client_id"
                    + " WHERE " + f.sql() + " AND m.held > 0 AND m.month_start BETWEEN " + literal(fullFrom) + " AND "
                    + literal(fullTo.withDayOfMonth(1)));
            params.addAll(f.params());
            if (from.isBefore(fullFrom)) {
                parts.add(sessionsOn + literal(from) + " AND " + literal(fullFrom.minusDays(1)));
                params.addAll(f.params());
            }
            if (fullTo.isBefore(to)) {
                parts.add(sessionsOn + literal(fullTo.plusDays(1)) + " AND " + literal(to));
                params.addAll(f.params());
            }
        }
        Map<String, Long> people = new LinkedHashMap<>();
        Map<String, Long> sessions = new LinkedHashMap<>();
        jdbc.sql("SELECT " + AREA_GROUP + ", SUM(x.n), COUNT(*)" + WITH_AREAS
                + " JOIN (SELECT y.client_id, SUM(y.n) AS n FROM (" + String.join(" UNION ALL ", parts)
                + ") y GROUP BY y.client_id) x ON x.client_id = c.id GROUP BY " + AREA_GROUP)
                .params(params).query((rs, n) -> {
                    sessions.put(rs.getString(1), rs.getLong(2));
                    return people.put(rs.getString(1), rs.getLong(3));
                }).list();
        // Clients worked with: the clients of those sessions, not everyone taken on and not ended. Such a
        // stock would be the last period's less those ended plus those taken on, and two reports side by
        // side would show every client erased in between and any small count hidden in one of them. The
        // very same counts as the sessions' clients, so the two tables never differ.
        Counts workedWith = new Counts(people, Map.of());
        return new PeriodFigures(workedWith, takenOn, ended, new Counts(people, sessions));
    }

    /** The tallies of one kind per area group over the days {@code from} to {@code to}, those above zero. */
    private Map<String, Long> byGroup(Tallies t, String kind, LocalDate from, LocalDate to, String condition) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT t.tag, SUM(t.n) FROM cas_tally t WHERE " + t.sql() + " AND t.kind = ? AND t.on_day BETWEEN "
                + literal(from) + " AND " + literal(to) + condition + " GROUP BY t.tag HAVING SUM(t.n) > 0")
                .params(t.with(kind)).query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }
}
