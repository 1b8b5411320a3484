package org.exitwork.platform;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart worked out on the server, so that a page draws it as plain inline SVG (no
 * JavaScript, no inline style: the Content-Security-Policy forbids both) through the fragment
 * {@code charts :: bars(chart)}, which also writes the chart's data table. Each group (a row: a month, a
 * stage, an outcome) has one bar per series; every label sits on its own line above its bars, so the
 * chart stays readable when a phone shrinks it. The series differ in colour and in the shade of their
 * outline, and every bar carries its value as text, so nothing depends on colour alone.
 *
 * @param id        unique on the page; the SVG's title and description are named after it
 * @param heading   the label column's heading in the data table
 * @param series    the names of the series (one for a plain bar chart)
 * @param max       the value a full bar stands for
 */
public record BarChart(String id, String title, String description, String heading, List<String> series,
        List<Group> groups, double max, Locale locale) {

    static final int WIDTH = 640;
    static final int LABEL = 18;
    static final int BAR = 16;
    static final int GAP = 12;
    static final int VALUE_SPACE = 56;
    static final String[] COLOURS = { "#0072b2", "#b84a00", "#00785a", "#a0407a" };

    /**
     * One row of the chart: its label and a value per series (null: no value); {@code max}, when not
     * null, is what a full bar stands for in this row (an outcome's own scale), else the chart's.
     */
    public record Group(String label, List<Double> values, Double max) {

        public Group {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }

        public Group(String label, List<Double> values) {
            this(label, values, null);
        }
    }

    public record Bar(double y, double width, String colour, String text, double textX) {

        /** Where the value's text stands: inside the bar's height, level with it. */
        public double textY() {
            return y + 12;
        }
    }

    /** A cell of the data table: the value's text and the name of its series (its cards label on a phone). */
    public record Cell(String series, String text) {
    }

    public record Row(String label, double labelY, List<Bar> bars, List<String> texts, List<Cell> cells) {
    }

    public BarChart {
        series = List.copyOf(series);
        groups = List.copyOf(groups);
        max = max <= 0 ? 1 : max;
    }

    /** The rows as the fragment draws them (worked out anew on each call: a page asks once per chart). */
    public List<Row> rows() {
        NumberFormat whole = format(false);
        NumberFormat decimal = format(true);
        List<Row> rows = new ArrayList<>(groups.size());
        double y = 0;
        for (Group group : groups) {
            double labelY = y + 13;
            y += LABEL;
            List<Bar> bars = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            List<Cell> cells = new ArrayList<>();
            for (int s = 0; s < group.values().size(); s++) {
                Double value = group.values().get(s);
                String text = value == null ? "–" : (value == Math.rint(value) ? whole : decimal).format(value);
                texts.add(text);
                cells.add(new Cell(s < series.size() ? series.get(s) : "", text));
                double full = group.max() == null || group.max() <= 0 ? max : group.max();
                double width = value == null ? 0 : (WIDTH - VALUE_SPACE) * Math.min(value, full) / full;
                bars.add(new Bar(y, n(width), COLOURS[s % COLOURS.length], text, n(width + 4)));
                y += BAR + 2;
            }
            y += GAP;
            rows.add(new Row(group.label(), labelY, bars, texts, cells));
        }
        return rows;
    }

    public boolean legend() {
        return series.size() > 1;
    }

    public String colour(int series) {
        return COLOURS[series % COLOURS.length];
    }

    public int height() {
        return groups.stream().mapToInt(g -> LABEL + g.values().size() * (BAR + 2) + GAP).sum() + 4;
    }

    public String viewBox() {
        return "0 0 " + WIDTH + " " + height();
    }

    public int barHeight() {
        return BAR;
    }

    /** A value as the page's language writes it: whole numbers plain, others with one decimal; "–" for none. */
    public String text(Double value) {
        if (value == null) {
            return "–";
        }
        return format(value != Math.rint(value)).format(value);
    }

    private NumberFormat format(boolean oneDecimal) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(1);
        format.setMinimumFractionDigits(oneDecimal ? 1 : 0);
        return format;
    }

    private static double n(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
