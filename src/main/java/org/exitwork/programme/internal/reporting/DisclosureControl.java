package org.exitwork.programme.internal.reporting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.exitwork.programme.Breakdown;
import org.exitwork.programme.FunderReport;
import org.exitwork.programme.FunderReport.Row;
import org.exitwork.programme.FunderReport.Table;
import org.exitwork.programme.Measure;

/**
 * Statistical disclosure control of a funder report (R17, R7): which figures may be shown. Pure: the
 * counts in, the report out.
 *
 * <ul>
 * <li>Primary suppression: a row standing for fewer people than the threshold is not shown, zero
 * included. A zero would tell a partner who referred someone that this person was not counted.</li>
 * <li>Complementary suppression: in a table with a shown total, the hidden rows are either none or at
 * least two that together stand for at least the threshold, so the total minus the shown rows pins
 * down no hidden row, and never shows that any of them is small. Otherwise the smallest shown row is
 * hidden as well.</li>
 * <li>A total below the threshold hides its whole table. A measure's total is the same in each of its
 * tables, so it is shown in all or in none.</li>
 * <li>Percentages of the total, sessions and means are shown only on shown rows of a shown total.</li>
 * <li>An outcome row is shown only when both the people who improved and those who did not are at
 * least the threshold: its percentage would otherwise give either away.</li>
 * </ul>
 */
public final class DisclosureControl {

    /** The threshold unless the organisation sets its own; never below {@link #MINIMUM}. */
    public static final int DEFAULT_THRESHOLD = 10;
    public static final int MINIMUM = 5;
    public static final int MAXIMUM = 100;

    /** Counts before control: people and, for sessions and outcomes, the second count. */
    public record Count(String category, String label, long people, long count) {
    }

    /** A table before control; an additive one's categories add up to its total. */
    public record Counts(Measure measure, Breakdown breakdown, List<Count> categories, Count total) {

        public Counts {
            categories = List.copyOf(categories);
        }
    }

    private DisclosureControl() {
    }

    public static FunderReport protect(int threshold, List<Counts> tables) {
        if (threshold < MINIMUM) {
            throw new IllegalArgumentException("threshold below " + MINIMUM);
        }
        List<Table> out = new ArrayList<>();
        for (Counts table : tables) {
            out.add(table.measure() == Measure.OUTCOMES_IMPROVED ? outcomes(threshold, table)
                    : additive(threshold, table));
        }
        return new FunderReport(threshold, out);
    }

    private static Table additive(int t, Counts table) {
        List<Count> cats = table.categories();
        boolean[] hidden = new boolean[cats.size()];
        boolean totalHidden = table.total().people() < t;
        if (totalHidden) {
            java.util.Arrays.fill(hidden, true);
        } else {
            for (int i = 0; i < cats.size(); i++) {
                hidden[i] = cats.get(i).people() < t;
            }
            while (!safe(cats, hidden, t)) {
                int next = smallestShown(cats, hidden);
                if (next < 0) {
                    // Every category hidden and still not safe: only one category, equal to the total.
                    totalHidden = true;
                    break;
                }
                hidden[next] = true;
            }
        }
        List<Row> rows = new ArrayList<>();
        Count total = table.total();
        for (int i = 0; i < cats.size(); i++) {
            Count c = cats.get(i);
            rows.add(hidden[i] ? Row.hidden(c.category(), c.label()) : shown(table.measure(), c, totalHidden ? null : total));
        }
        rows.add(totalHidden ? Row.hidden(FunderReport.TOTAL, null) : shown(table.measure(), total, total));
        return new Table(table.measure(), table.breakdown(), rows);
    }

    /** No hidden row, or at least two that together stand for at least the threshold. */
    private static boolean safe(List<Count> cats, boolean[] hidden, int t) {
        int k = 0;
        long sum = 0;
        for (int i = 0; i < cats.size(); i++) {
            if (hidden[i]) {
                k++;
                sum += cats.get(i).people();
            }
        }
        return k == 0 || (k >= 2 && sum >= t);
    }

    private static int smallestShown(List<Count> cats, boolean[] hidden) {
        int best = -1;
        for (int i = 0; i < cats.size(); i++) {
            if (!hidden[i] && (best < 0 || BY_SIZE.compare(cats.get(i), cats.get(best)) < 0)) {
                best = i;
            }
        }
        return best;
    }

    private static final Comparator<Count> BY_SIZE = Comparator.comparingLong(Count::people)
            .thenComparingLong(Count::count);

    private static Row shown(Measure measure, Count c, Count total) {
        if (measure == Measure.SESSIONS_HELD) {
            return new Row(c.category(), c.label(), false, c.people(), c.count(),
                    c.people() == 0 ? null : (double) c.count() / c.people(), null);
        }
        Double percent = total == null || total.people() == 0 ? null : 100.0 * c.people() / total.people();
        return new Row(c.category(), c.label(), false, c.people(), null, null, percent);
    }

    private static Table outcomes(int t, Counts table) {
        List<Row> rows = new ArrayList<>();
        for (Count c : table.categories()) {
            long improved = c.count();
            long notImproved = c.people() - improved;
            rows.add(improved < t || notImproved < t ? Row.hidden(c.category(), c.label())
                    : new Row(c.category(), c.label(), false, c.people(), improved, null,
                            100.0 * improved / c.people()));
        }
        return new Table(table.measure(), table.breakdown(), rows);
    }
}
