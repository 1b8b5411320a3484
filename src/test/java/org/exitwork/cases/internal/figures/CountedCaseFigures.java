package org.exitwork.cases.internal.figures;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.exitwork.cases.CaseFigures;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The oracle of the figures kept per programme ({@link CaseTallies}): {@link JdbcCaseFigures} as it was
 * before them, counting over the cases' rows (stages, areas, pathways, dates, consents, tandems, open next
 * steps) and the counts per case and month. Not a bean: tests make it with their JdbcClient.
 */
public class CountedCaseFigures implements CaseFigures {

    private static final String DAYS = "(EXTRACT(EPOCH FROM CAST(CAST(%s AS DATE) AS TIMESTAMP))"
            + " - EXTRACT(EPOCH FROM CAST(CAST(%s AS DATE) AS TIMESTAMP))) / 86400";

    private final JdbcClient jdbc;

    public CountedCaseFigures(JdbcClient jdbc) {
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

        List<Object> with(Object... more) {
            List<Object> all = new ArrayList<>(params);
            all.addAll(List.of(more));
            return all;
        }
    }

    @Override
    public Figures figures(Scope scope, LocalDate today) {
        Filter f = Filter.of(scope);
        Date from = Date.valueOf(scope.from().atDay(1));
        Date to = Date.valueOf(scope.to().atEndOfMonth());

        Map<String, Long> byStage = new LinkedHashMap<>();
        for (String stage : List.of("PROSPECT", "CLIENT", "CLOSED")) {
            byStage.put(stage, 0L);
        }
        jdbc.sql("SELECT c.stage, COUNT(*) FROM cas_client c WHERE " + f.sql() + " GROUP BY c.stage")
                .params(f.params()).query((rs, n) -> byStage.put(rs.getString(1), rs.getLong(2))).list();

        Map<PhenomenonArea, Long> byArea = new EnumMap<>(PhenomenonArea.class);
        for (PhenomenonArea area : PhenomenonArea.values()) {
            byArea.put(area, 0L);
        }
        jdbc.sql("SELECT p.area, COUNT(*) FROM cas_phenomenon p JOIN cas_client c ON c.id = p.client_id WHERE "
                + f.sql() + " GROUP BY p.area")
                .params(f.params()).query((rs, n) -> byArea.put(PhenomenonArea.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();

        Map<Pathway, Long> byPathway = new EnumMap<>(Pathway.class);
        for (Pathway pathway : Pathway.values()) {
            byPathway.put(pathway, 0L);
        }
        jdbc.sql("SELECT c.pathway, COUNT(*) FROM cas_client c WHERE " + f.sql() + " GROUP BY c.pathway")
                .params(f.params()).query((rs, n) -> byPathway.put(Pathway.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();

        List<Month> takenOn = months(scope, "SELECT EXTRACT(YEAR FROM c.became_client_on), EXTRACT(MONTH FROM c.became_client_on), COUNT(*)"
                + " FROM cas_client c WHERE " + f.sql() + " AND c.became_client_on BETWEEN ? AND ?"
                + " GROUP BY EXTRACT(YEAR FROM c.became_client_on), EXTRACT(MONTH FROM c.became_client_on)",
                f.with(from, to));
        List<Month> ended = months(scope, "SELECT EXTRACT(YEAR FROM c.closed_on), EXTRACT(MONTH FROM c.closed_on), COUNT(*)"
                + " FROM cas_client c WHERE " + f.sql() + " AND c.closed_on BETWEEN ? AND ?"
                + " GROUP BY EXTRACT(YEAR FROM c.closed_on), EXTRACT(MONTH FROM c.closed_on)",
                f.with(from, to));

        // First contact: the day the person was first recorded, as a prospect.
        Median toConsent = median("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY "
                + DAYS.formatted("p.given_on", "c.created_at") + "), COUNT(*)"
                + " FROM cas_client c JOIN cas_participation_consent p ON p.client_id = c.id WHERE " + f.sql(),
                f.params());
        // The first session of each case: the day kept on the case's row as sessions are written
        // (cases.internal.sessions.SessionCounts), never looked up in the sessions.
        Median toFirstSession = median("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY "
                + DAYS.formatted("c.first_session_on", "c.created_at") + "), COUNT(*) FROM cas_client c WHERE "
                + f.sql() + " AND c.first_session_on IS NOT NULL", f.params());

        Map<YearMonth, Sessions> sessionsByMonth = new LinkedHashMap<>();
        for (YearMonth m = scope.from(); !m.isAfter(scope.to()); m = m.plusMonths(1)) {
            sessionsByMonth.put(m, new Sessions(m, 0, 0));
        }
        // Sessions and cases seen per month: added up from the counts kept per case and month as sessions are
        // written (cas_month_count, by cases.internal.sessions.SessionCounts), a row per case and month
        // instead of one per session; a case was seen in a month when it held a session in it. The months'
        // first days (never anyone's input) are written into the statement: as parameters, PostgreSQL's
        // generic plan would not know how many rows fall between them.
        jdbc.sql("SELECT m.month_start, SUM(m.held), COUNT(*) FROM cas_month_count m JOIN cas_client c"
                + " ON c.id = m.client_id WHERE " + f.sql() + " AND m.held > 0 AND m.month_start BETWEEN "
                + literal(scope.from().atDay(1)) + " AND " + literal(scope.to().atDay(1)) + " GROUP BY m.month_start")
                .params(f.params())
                .query((rs, n) -> {
                    YearMonth m = YearMonth.from(rs.getObject(1, LocalDate.class));
                    return sessionsByMonth.put(m, new Sessions(m, rs.getLong(2), rs.getLong(3)));
                }).list();

        long single = jdbc.sql("SELECT COUNT(*) FROM (SELECT c.id FROM cas_client c"
                + " JOIN cas_tandem_member t ON t.client_id = c.id WHERE " + f.sql()
                + " AND c.stage IN ('PROSPECT', 'CLIENT') GROUP BY c.id HAVING COUNT(*) = 1) single_cases")
                .params(f.params()).query(Long.class).single();
        // The open next steps due before today from cas_session_note_overdue (V1_53_2), then their cases; today
        // written into the statement, as the months are.
        long overdue = jdbc.sql("SELECT COUNT(*) FROM cas_session_note s JOIN cas_client c ON c.id = s.client_id"
                + " WHERE " + f.sql() + " AND c.stage = 'CLIENT' AND s.cancelled_at IS NULL"
                + " AND s.next_steps_due < " + literal(today) + " AND s.next_steps_done_on IS NULL"
                + " AND s.next_steps_due IS NOT NULL")
                .params(f.params()).query(Long.class).single();

        Map<UUID, Long> caseload = new LinkedHashMap<>();
        jdbc.sql("SELECT t.staff_id, COUNT(*) FROM cas_tandem_member t JOIN cas_client c ON c.id = t.client_id"
                + " WHERE " + f.sql() + " AND c.stage IN ('PROSPECT', 'CLIENT') GROUP BY t.staff_id"
                + " ORDER BY COUNT(*) DESC")
                .params(f.params()).query((rs, n) -> caseload.put(rs.getObject(1, UUID.class), rs.getLong(2))).list();

        return new Figures(byStage, byArea, byPathway, takenOn, ended, toConsent, toFirstSession,
                List.copyOf(sessionsByMonth.values()), single, overdue, caseload);
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
    public PeriodFigures periodFigures(Scope scope, LocalDate from, LocalDate to) {
        Filter f = Filter.of(scope);
        Date start = Date.valueOf(from);
        Date end = Date.valueOf(to);
        Counts takenOn = people(f, "c.became_client_on BETWEEN ? AND ?", start, end);
        Counts ended = people(f, "c.became_client_on IS NOT NULL AND c.closed_on BETWEEN ? AND ?", start, end);
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

    private Counts people(Filter f, String condition, Object... values) {
        Map<String, Long> people = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>();
        params.add(f.params().get(0));
        params.addAll(f.with(values));
        jdbc.sql("SELECT " + AREA_GROUP + ", COUNT(*)" + WITH_AREAS + " WHERE " + f.sql() + " AND " + condition
                + " GROUP BY " + AREA_GROUP)
                .params(params).query((rs, n) -> people.put(rs.getString(1), rs.getLong(2))).list();
        return new Counts(people, Map.of());
    }

    private List<Month> months(Scope scope, String sql, List<Object> params) {
        Map<YearMonth, Long> counts = new LinkedHashMap<>();
        for (YearMonth m = scope.from(); !m.isAfter(scope.to()); m = m.plusMonths(1)) {
            counts.put(m, 0L);
        }
        jdbc.sql(sql).params(params)
                .query((rs, n) -> counts.put(YearMonth.of(rs.getInt(1), rs.getInt(2)), rs.getLong(3))).list();
        return counts.entrySet().stream().map(e -> new Month(e.getKey(), e.getValue())).toList();
    }

    private Median median(String sql, List<Object> params) {
        return jdbc.sql(sql).params(params).query((rs, n) -> {
            double days = rs.getDouble(1);
            return new Median(rs.wasNull() ? null : days, rs.getLong(2));
        }).single();
    }
}
