package org.exitwork.programme.internal.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.exitwork.cases.PhenomenonArea;
import org.exitwork.programme.Breakdown;
import org.exitwork.programme.FunderReport;
import org.exitwork.programme.FunderReport.Row;
import org.exitwork.programme.FunderReport.Table;
import org.exitwork.programme.Measure;
import org.exitwork.programme.internal.reporting.DisclosureControl.Count;
import org.exitwork.programme.internal.reporting.DisclosureControl.Counts;
import org.junit.jupiter.api.Test;

/**
 * Statistical disclosure control of funder reports (R17, R7), tried the way someone with a released
 * report would: every hidden figure is attacked with {@link ReportAttacker} (totals, differences,
 * percentages, by linear programming), and must neither be pinned down nor be shown to be small.
 */
class DisclosureControlTest {

    private static final List<String> GROUPS = groups();

    @Test
    void cellsOfOneThreeAndNinePeopleAreNeverShownAndCannotBeWorkedOut() {
        FunderReport report = DisclosureControl.protect(10, List.of(
                areaTable(Measure.CLIENTS_TAKEN_ON, new long[] { 40, 9, 3, 1, 0, 0, 0, 0, 0, 0 })));
        Table table = report.tables().get(0);

        assertThat(row(table, "RIGHT_WING")).isEqualTo(new Row("RIGHT_WING", null, false, 40L, null, null, 100.0 * 40 / 53));
        assertThat(row(table, "ISLAMIST").suppressed()).isTrue();
        assertThat(row(table, "LEFT_WING").suppressed()).isTrue();
        assertThat(row(table, "CONSPIRACY_IDEOLOGY").suppressed()).isTrue();
        assertThat(table.total()).isEqualTo(new Row(FunderReport.TOTAL, null, false, 53L, null, null, 100.0));
        assertSafe(report);
    }

    @Test
    void aSingleSmallCellTakesTheSmallestOtherWithItSoThatTheTotalGivesNothingAway() {
        FunderReport report = DisclosureControl.protect(10, List.of(
                areaTable(Measure.CLIENTS_WORKED_WITH, new long[] { 40, 25, 3, 0, 0, 0, 0, 0, 0, 0 })));
        Table table = report.tables().get(0);

        // The 3 and the zeros add up to 3: the smallest shown row (25) is hidden as well.
        assertThat(row(table, "LEFT_WING").suppressed()).isTrue();
        assertThat(row(table, "ISLAMIST").suppressed()).isTrue();
        assertThat(row(table, "RIGHT_WING").people()).isEqualTo(40L);
        assertThat(table.total().people()).isEqualTo(68L);
        assertSafe(report);
    }

    @Test
    void zerosAreHiddenTooSoThatNoPartnerLearnsItsReferralWasNotCounted() {
        FunderReport report = DisclosureControl.protect(10, List.of(
                areaTable(Measure.CLIENTS_TAKEN_ON, new long[] { 30, 20, 0, 0, 0, 0, 0, 0, 0, 0 })));
        Table table = report.tables().get(0);

        assertThat(table.rows().stream().filter(r -> !r.suppressed() && r.people() != null && r.people() == 0)).isEmpty();
        assertThat(row(table, "ISLAMIST").suppressed()).isTrue();
        assertThat(row(table, "RIGHT_WING").people()).isEqualTo(30L);
        assertSafe(report);
    }

    @Test
    void aTotalBelowTheThresholdHidesItsTablesEverywhereItAppears() {
        FunderReport report = DisclosureControl.protect(10, List.of(
                totalTable(Measure.CLIENTS_ENDED, 9),
                areaTable(Measure.CLIENTS_ENDED, new long[] { 9, 0, 0, 0, 0, 0, 0, 0, 0, 0 })));

        for (Table table : report.tables()) {
            assertThat(table.rows()).allMatch(Row::suppressed);
        }
        assertSafe(report);
    }

    @Test
    void sessionsAndTheirMeansGoWithTheirRowAndAreHiddenWithIt() {
        long[] clients = { 30, 12, 4, 0, 0, 0, 0, 0, 0, 0 };
        long[] sessions = { 300, 60, 9, 0, 0, 0, 0, 0, 0, 0 };
        FunderReport report = DisclosureControl.protect(10, List.of(sessionTable(clients, sessions)));
        Table table = report.tables().get(0);

        assertThat(row(table, "RIGHT_WING")).isEqualTo(new Row("RIGHT_WING", null, false, 30L, 300L, 10.0, null));
        assertThat(row(table, "LEFT_WING").suppressed()).isTrue();
        assertThat(row(table, "ISLAMIST").suppressed()).isTrue();
        assertThat(table.total()).isEqualTo(new Row(FunderReport.TOTAL, null, false, 46L, 369L, 369.0 / 46, null));
        assertSafe(report);
    }

    @Test
    void anOutcomeIsShownOnlyWhenThoseWhoImprovedAndThoseWhoDidNotAreBothEnough() {
        FunderReport report = DisclosureControl.protect(10, List.of(new Counts(Measure.OUTCOMES_IMPROVED,
                Breakdown.TOTAL, List.of(new Count("a", "Housing", 25, 12), new Count("b", "Work", 20, 3),
                        new Count("c", "Distance", 20, 15), new Count("d", "Family", 4, 4)), null)));
        List<Row> rows = report.tables().get(0).rows();

        assertThat(rows.get(0)).isEqualTo(new Row("a", "Housing", false, 25L, 12L, null, 48.0));
        assertThat(rows.get(1).suppressed()).as("3 improved").isTrue();
        assertThat(rows.get(2).suppressed()).as("5 did not improve").isTrue();
        assertThat(rows.get(3).suppressed()).as("4 rated").isTrue();
        assertSafe(report);
    }

    @Test
    void theThresholdIsNeverBelowFive() {
        assertThatThrownBy(() -> DisclosureControl.protect(4, List.of(totalTable(Measure.CLIENTS_TAKEN_ON, 50))))
                .isInstanceOf(IllegalArgumentException.class);
        FunderReport atFive = DisclosureControl.protect(5, List.of(
                areaTable(Measure.CLIENTS_TAKEN_ON, new long[] { 5, 4, 6, 0, 0, 0, 0, 0, 0, 0 })));
        // 4 and the zeros stand for 4 people: the smallest shown row (5) goes with them; 6 and the total stay.
        assertThat(row(atFive.tables().get(0), "LEFT_WING").people()).isEqualTo(6L);
        assertThat(row(atFive.tables().get(0), "ISLAMIST").suppressed()).isTrue();
        assertThat(row(atFive.tables().get(0), "RIGHT_WING").suppressed()).isTrue();
        assertThat(atFive.tables().get(0).total().people()).isEqualTo(15L);
        assertSafe(atFive);
    }

    /** Many random reports of every measure: no hidden figure can be pinned down or shown to be small. */
    @Test
    void noHiddenFigureOfAnyRandomReportCanBeWorkedOut() {
        Random random = new Random(20261202);
        for (int run = 0; run < 60; run++) {
            int threshold = 5 + random.nextInt(8);
            List<Counts> tables = new ArrayList<>();
            for (Measure measure : List.of(Measure.CLIENTS_WORKED_WITH, Measure.CLIENTS_TAKEN_ON, Measure.CLIENTS_ENDED)) {
                long[] people = randomCounts(random);
                tables.add(totalTable(measure, sum(people)));
                tables.add(areaTable(measure, people));
            }
            long[] clients = randomCounts(random);
            long[] sessions = new long[clients.length];
            for (int i = 0; i < clients.length; i++) {
                sessions[i] = clients[i] * (1 + random.nextInt(12));
            }
            tables.add(sessionTable(clients, sessions));
            List<Count> outcomes = new ArrayList<>();
            for (int o = 0; o < 3; o++) {
                long rated = random.nextInt(40);
                outcomes.add(new Count("o" + o, "Outcome " + o, rated, rated == 0 ? 0 : random.nextInt((int) rated + 1)));
            }
            tables.add(new Counts(Measure.OUTCOMES_IMPROVED, Breakdown.TOTAL, outcomes, null));

            FunderReport report = DisclosureControl.protect(threshold, tables);
            for (Table table : report.tables()) {
                for (Row row : table.rows()) {
                    if (!row.suppressed()) {
                        assertThat(row.people()).as("run %d, %s %s", run, table.measure(), row.category())
                                .isGreaterThanOrEqualTo(threshold);
                    }
                }
            }
            assertSafe(report);
        }
    }

    private static void assertSafe(FunderReport report) {
        List<ReportAttacker.Bounds> bounds = ReportAttacker.attack(report);
        assertThat(bounds).as("hidden figures the attacker pins down").noneMatch(ReportAttacker.Bounds::determined);
        assertThat(bounds.stream().filter(b -> b.where().endsWith("/people") && b.max() < report.threshold() - 1e-6)
                .collect(Collectors.toList())).as("hidden figures the attacker can show to be small").isEmpty();
        for (Table table : report.tables()) {
            Row total = table.total();
            if (total != null && total.suppressed()) {
                assertThat(table.rows()).as("no percentage of a hidden total").allMatch(r -> r.percent() == null);
            }
        }
    }

    private static long[] randomCounts(Random random) {
        long[] counts = new long[GROUPS.size()];
        for (int i = 0; i < counts.length; i++) {
            int kind = random.nextInt(4);
            counts[i] = kind == 0 ? 0 : kind == 1 ? 1 + random.nextInt(9) : random.nextInt(60);
        }
        return counts;
    }

    private static Counts areaTable(Measure measure, long[] people) {
        List<Count> categories = new ArrayList<>();
        for (int i = 0; i < GROUPS.size(); i++) {
            categories.add(new Count(GROUPS.get(i), null, people[i], 0));
        }
        return new Counts(measure, Breakdown.PHENOMENON_AREA, categories,
                new Count(FunderReport.TOTAL, null, sum(people), 0));
    }

    private static Counts totalTable(Measure measure, long total) {
        return new Counts(measure, Breakdown.TOTAL, List.of(), new Count(FunderReport.TOTAL, null, total, 0));
    }

    private static Counts sessionTable(long[] clients, long[] sessions) {
        List<Count> categories = new ArrayList<>();
        for (int i = 0; i < GROUPS.size(); i++) {
            categories.add(new Count(GROUPS.get(i), null, clients[i], sessions[i]));
        }
        return new Counts(Measure.SESSIONS_HELD, Breakdown.PHENOMENON_AREA, categories,
                new Count(FunderReport.TOTAL, null, sum(clients), sum(sessions)));
    }

    private static Row row(Table table, String category) {
        return table.rows().stream().filter(r -> r.category().equals(category)).findFirst().orElseThrow();
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    private static List<String> groups() {
        List<String> groups = new ArrayList<>();
        for (PhenomenonArea area : PhenomenonArea.values()) {
            groups.add(area.name());
        }
        groups.add("SEVERAL");
        groups.add("NONE");
        return groups;
    }
}
