package org.exitwork.programme;

import java.util.List;

/**
 * A funder report's figures after disclosure control: what may leave, and nothing else (R17). A row
 * that is {@code suppressed} carries no number at all, so no page, file or chart can show one.
 *
 * @param threshold the smallest number of people a shown figure may stand for
 */
public record FunderReport(int threshold, List<Table> tables) {

    public FunderReport {
        tables = List.copyOf(tables);
    }

    /** One measure, as a total or by area group; an additive table's last row is its total ({@link #TOTAL}). */
    public record Table(Measure measure, Breakdown breakdown, List<Row> rows) {

        public Table {
            rows = List.copyOf(rows);
        }

        /** The row of the total, if the table has one (outcome tables have a row per outcome instead). */
        public Row total() {
            Row last = rows.get(rows.size() - 1);
            return TOTAL.equals(last.category()) ? last : null;
        }
    }

    /**
     * One row. For people counts: {@code people} and {@code percent} of the total. For sessions:
     * {@code people} the clients, {@code count} the sessions, {@code mean} per client. For an outcome:
     * {@code people} rated at least twice, {@code count} improved, {@code percent} improved.
     *
     * @param category an area group ({@code PhenomenonArea} name, {@code SEVERAL}, {@code NONE}),
     *                 {@link #TOTAL}, or an outcome's id
     * @param label    the outcome's name; null for other rows (their label is the category's text)
     */
    public record Row(String category, String label, boolean suppressed, Long people, Long count, Double mean,
            Double percent) {

        public Row {
            if (suppressed && (people != null || count != null || mean != null || percent != null)) {
                throw new IllegalArgumentException("a suppressed row carries no number");
            }
        }

        public static Row hidden(String category, String label) {
            return new Row(category, label, true, null, null, null, null);
        }
    }

    public static final String TOTAL = "TOTAL";
}
