package org.exitwork.programme.internal.reporting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.exitwork.programme.FunderReport;
import org.exitwork.programme.FunderReport.Row;
import org.exitwork.programme.FunderReport.Table;
import org.exitwork.programme.Measure;

/**
 * An attacker with a released funder report and everything its figures say about each other: each
 * table's rows add up to its total (people, and sessions), a measure's total is the same in each of
 * its tables, a shown percentage is that share of its total (to the rounding a page shows), a client
 * with sessions had at least one, nobody improved who was not rated, nothing is negative. For every
 * hidden figure it works out, by linear programming, the smallest and largest value consistent with
 * all of that: the tightest bounds totals, differences and percentages can give.
 */
public final class ReportAttacker {

    /** What the attacker can learn about one hidden figure; {@code max} is infinite when nothing bounds it. */
    public record Bounds(String where, double min, double max) {

        public boolean determined() {
            return max - min < 1 - 1e-6;
        }
    }

    private static final double FAR = 1e6;

    private final List<double[]> equalities = new ArrayList<>();
    private final List<double[]> atLeast = new ArrayList<>();
    private final List<Double> equalValues = new ArrayList<>();
    private final List<Double> atLeastValues = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<Boolean> hidden = new ArrayList<>();
    private final Map<Integer, Double> known = new HashMap<>();

    public static List<Bounds> attack(FunderReport report) {
        return new ReportAttacker().run(report);
    }

    private int variable(String name, boolean isHidden, Double value) {
        names.add(name);
        hidden.add(isHidden);
        int index = names.size() - 1;
        if (!isHidden) {
            known.put(index, value);
        }
        return index;
    }

    private List<Bounds> run(FunderReport report) {
        Map<Measure, List<Integer>> totals = new HashMap<>();
        List<int[]> percentLinks = new ArrayList<>();
        List<Double> percents = new ArrayList<>();
        for (int t = 0; t < report.tables().size(); t++) {
            Table table = report.tables().get(t);
            boolean outcome = table.measure() == Measure.OUTCOMES_IMPROVED;
            boolean sessions = table.measure() == Measure.SESSIONS_HELD;
            List<Integer> people = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            List<Integer> shownPercent = new ArrayList<>();
            List<Double> shownPercentValue = new ArrayList<>();
            for (Row row : table.rows()) {
                String where = table.measure() + "/" + table.breakdown() + "/" + row.category();
                int p = variable(where + "/people", row.suppressed(), row.people() == null ? null : row.people().doubleValue());
                people.add(p);
                if (sessions || outcome) {
                    int c = variable(where + "/count", row.suppressed(), row.count() == null ? null : row.count().doubleValue());
                    counts.add(c);
                    // Sessions: at least one per client. Outcomes: no more improved than rated.
                    relation(sessions ? new int[] { c, p } : new int[] { p, c }, new double[] { 1, -1 }, true, 0);
                }
                if (!row.suppressed() && row.percent() != null && !outcome) {
                    shownPercent.add(p);
                    shownPercentValue.add(row.percent());
                }
            }
            if (outcome) {
                continue;
            }
            int total = people.size() - 1;
            if (total > 0) {
                sumsTo(people.subList(0, total), people.get(total));
                if (sessions) {
                    sumsTo(counts.subList(0, total), counts.get(total));
                }
            }
            totals.computeIfAbsent(table.measure(), m -> new ArrayList<>()).add(people.get(total));
            for (int i = 0; i < shownPercent.size(); i++) {
                percentLinks.add(new int[] { shownPercent.get(i), people.get(total) });
                percents.add(shownPercentValue.get(i));
            }
        }
        for (List<Integer> same : totals.values()) {
            for (int i = 1; i < same.size(); i++) {
                relation(new int[] { same.get(0), same.get(i) }, new double[] { 1, -1 }, false, 0);
            }
        }
        // A percentage shown with one decimal: people = share x total, to within 0.05 % of the total.
        for (int i = 0; i < percentLinks.size(); i++) {
            int p = percentLinks.get(i)[0];
            int total = percentLinks.get(i)[1];
            double low = (percents.get(i) - 0.05) / 100;
            double high = (percents.get(i) + 0.05) / 100;
            relation(new int[] { p, total }, new double[] { 1, -low }, true, 0);
            relation(new int[] { total, p }, new double[] { high, -1 }, true, 0);
        }
        List<Bounds> bounds = new ArrayList<>();
        for (int v = 0; v < names.size(); v++) {
            if (hidden.get(v)) {
                bounds.add(new Bounds(names.get(v), optimise(v, GoalType.MINIMIZE), optimise(v, GoalType.MAXIMIZE)));
            }
        }
        return bounds;
    }

    private void sumsTo(List<Integer> parts, int total) {
        int[] vars = new int[parts.size() + 1];
        double[] coefficients = new double[parts.size() + 1];
        for (int i = 0; i < parts.size(); i++) {
            vars[i] = parts.get(i);
            coefficients[i] = 1;
        }
        vars[parts.size()] = total;
        coefficients[parts.size()] = -1;
        relation(vars, coefficients, false, 0);
    }

    /** sum(coefficients x vars) = value, or >= value. */
    private void relation(int[] vars, double[] coefficients, boolean greaterOrEqual, double value) {
        double[] row = new double[vars.length * 2];
        for (int i = 0; i < vars.length; i++) {
            row[2 * i] = vars[i];
            row[2 * i + 1] = coefficients[i];
        }
        (greaterOrEqual ? atLeast : equalities).add(row);
        (greaterOrEqual ? atLeastValues : equalValues).add(value);
    }

    private double optimise(int target, GoalType goal) {
        int n = names.size();
        List<LinearConstraint> constraints = new ArrayList<>();
        addAll(constraints, equalities, equalValues, Relationship.EQ, n);
        addAll(constraints, atLeast, atLeastValues, Relationship.GEQ, n);
        for (Map.Entry<Integer, Double> k : known.entrySet()) {
            double[] c = new double[n];
            c[k.getKey()] = 1;
            constraints.add(new LinearConstraint(c, Relationship.EQ, k.getValue()));
        }
        // Every figure below a bound far above any real one: without it the solver (commons-math 3.6.1) can
        // stop at a feasible point that is not the optimum when a problem has equalities only.
        for (int v = 0; v < n; v++) {
            double[] c = new double[n];
            c[v] = 1;
            constraints.add(new LinearConstraint(c, Relationship.LEQ, FAR));
        }
        double[] objective = new double[n];
        objective[target] = 1;
        try {
            PointValuePair best = new SimplexSolver().optimize(new MaxIter(10_000), org.apache.commons.math3.optim.linear.PivotSelectionRule.BLAND,
                    new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints), goal,
                    new NonNegativeConstraint(true));
            return best.getValue() >= FAR - 1 ? Double.POSITIVE_INFINITY : best.getValue();
        } catch (UnboundedSolutionException e) {
            return Double.POSITIVE_INFINITY;
        }
    }

    private static void addAll(List<LinearConstraint> out, List<double[]> rows, List<Double> values, Relationship rel,
            int n) {
        for (int r = 0; r < rows.size(); r++) {
            double[] c = new double[n];
            double[] row = rows.get(r);
            for (int i = 0; i < row.length; i += 2) {
                c[(int) row[i]] += row[i + 1];
            }
            out.add(new LinearConstraint(c, rel, values.get(r)));
        }
    }
}
