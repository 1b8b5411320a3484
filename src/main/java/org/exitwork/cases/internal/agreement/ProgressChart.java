package org.exitwork.cases.internal.agreement;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The geometry of the progress line chart, worked out here so that the page can draw it as plain
 * inline SVG: no JavaScript, no inline style (the Content-Security-Policy forbids both). One line per
 * aimed-for change; ratings 1-5 up the side, dates along the bottom, spaced by the time between
 * them. Each line has its own colour, marker shape and dash, so the lines stay apart for people who
 * do not tell the colours apart and in black-and-white print.
 */
record ProgressChart(List<Line> lines, List<Tick> dateTicks, List<Tick> scoreTicks, LocalDate from, LocalDate to) {

    static final int WIDTH = 640;
    static final int HEIGHT = 280;
    static final int LEFT = 44;
    static final int RIGHT = 40;
    static final int TOP = 16;
    static final int BOTTOM = 44;
    static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
    /**
     * Date labels closer than this would overlap (a date of the page's language, "12 Dec 2026" or
     * "12.12.2026", at 12 px); the ones in between are left out (the table has them all).
     */
    static final int MIN_LABEL_DISTANCE = 84;

    /** What goes in: one series of ratings per aimed-for change, in the order the changes are listed. */
    record Series(String label, List<Rating> ratings) {
    }

    record Rating(LocalDate on, int score) {
    }

    record Point(double x, double y, LocalDate on, int score, String marker) {
    }

    record Line(String label, Style style, String points, List<Point> markers) {
    }

    /**
     * A label on an axis, at {@code position} along it (x for dates, y for scores): a score's text, or a
     * date the page writes in its language's format ({@code format.date}); {@code on} is null for a score.
     */
    record Tick(double position, String text, LocalDate on) {
    }

    enum Marker {
        CIRCLE, SQUARE, TRIANGLE, DIAMOND, TRIANGLE_DOWN, CROSS, PLUS, OPEN_SQUARE;

        static final double R = 5;

        /** An SVG path centred on (x, y). */
        String at(double x, double y) {
            return switch (this) {
                case CIRCLE -> "M%s %sa%s %s 0 1 0 %s 0a%s %s 0 1 0 %s 0Z".formatted(n(x - R), n(y), n(R), n(R),
                        n(2 * R), n(R), n(R), n(-2 * R));
                case SQUARE, OPEN_SQUARE -> "M%s %sh%sv%sh%sZ".formatted(n(x - R), n(y - R), n(2 * R), n(2 * R),
                        n(-2 * R));
                case TRIANGLE -> "M%s %sL%s %sL%s %sZ".formatted(n(x), n(y - R - 1), n(x + R + 1), n(y + R),
                        n(x - R - 1), n(y + R));
                case TRIANGLE_DOWN -> "M%s %sL%s %sL%s %sZ".formatted(n(x), n(y + R + 1), n(x + R + 1), n(y - R),
                        n(x - R - 1), n(y - R));
                case DIAMOND -> "M%s %sL%s %sL%s %sL%s %sZ".formatted(n(x), n(y - R - 1), n(x + R + 1), n(y),
                        n(x), n(y + R + 1), n(x - R - 1), n(y));
                case CROSS -> "M%s %sL%s %sM%s %sL%s %s".formatted(n(x - R), n(y - R), n(x + R), n(y + R),
                        n(x + R), n(y - R), n(x - R), n(y + R));
                case PLUS -> "M%s %sL%s %sM%s %sL%s %s".formatted(n(x - R - 1), n(y), n(x + R + 1), n(y),
                        n(x), n(y - R - 1), n(x), n(y + R + 1));
            };
        }

        /** Crosses and open shapes are drawn by their outline only. */
        boolean filled() {
            return this != CROSS && this != PLUS && this != OPEN_SQUARE;
        }
    }

    /**
     * Colours with at least 3:1 contrast against the white panel (WCAG 1.4.11), taken from the
     * colour-blind-safe Okabe-Ito palette and darkened where needed; each with its own marker and
     * dash, so no line depends on colour alone.
     */
    enum Style {
        BLUE("#0072b2", Marker.CIRCLE, "none"),
        VERMILION("#b84a00", Marker.SQUARE, "8 4"),
        GREEN("#00785a", Marker.TRIANGLE, "2 3"),
        PURPLE("#a0407a", Marker.DIAMOND, "10 3 2 3"),
        INK("#1d2327", Marker.TRIANGLE_DOWN, "none"),
        OCHRE("#8a5a00", Marker.CROSS, "8 4"),
        INDIGO("#4b4ba8", Marker.PLUS, "2 3"),
        TEAL("#00697a", Marker.OPEN_SQUARE, "10 3 2 3");

        final String colour;
        final Marker marker;
        final String dash;

        Style(String colour, Marker marker, String dash) {
            this.colour = colour;
            this.marker = marker;
            this.dash = dash;
        }

        public String colour() {
            return colour;
        }

        public String dash() {
            return dash;
        }

        public String markerFill() {
            return marker.filled() ? colour : "#ffffff";
        }

        /** The marker for the legend's small sample of the line (40 x 16). */
        public String legendMarker() {
            return marker.at(20, 8);
        }
    }

    static ProgressChart of(List<Series> series) {
        List<Series> rated = series.stream().filter(s -> !s.ratings().isEmpty()).toList();
        TreeSet<LocalDate> dates = new TreeSet<>();
        rated.forEach(s -> s.ratings().forEach(r -> dates.add(r.on())));
        List<Tick> scores = new ArrayList<>();
        for (int score = 1; score <= 5; score++) {
            scores.add(new Tick(y(score), Integer.toString(score), null));
        }
        if (dates.isEmpty()) {
            return new ProgressChart(List.of(), List.of(), scores, null, null);
        }
        LocalDate from = dates.first();
        LocalDate to = dates.last();
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < rated.size(); i++) {
            Series s = rated.get(i);
            Style style = Style.values()[i % Style.values().length];
            List<Point> points = s.ratings().stream().sorted(Comparator.comparing(Rating::on))
                    .map(r -> {
                        double x = x(r.on(), from, to);
                        double y = y(r.score());
                        return new Point(x, y, r.on(), r.score(), style.marker.at(x, y));
                    })
                    .toList();
            String polyline = String.join(" ", points.stream().map(p -> n(p.x()) + "," + n(p.y())).toList());
            lines.add(new Line(s.label(), style, polyline, points));
        }
        List<Tick> ticks = new ArrayList<>();
        for (LocalDate date : dates) {
            double x = x(date, from, to);
            if (ticks.isEmpty() || x - ticks.get(ticks.size() - 1).position() >= MIN_LABEL_DISTANCE) {
                ticks.add(new Tick(x, null, date));
            }
        }
        if (!ticks.get(ticks.size() - 1).on().equals(to)) {
            // The newest date matters most: it takes the place of a label too close to it.
            double x = x(to, from, to);
            if (ticks.size() > 1 && x - ticks.get(ticks.size() - 1).position() < MIN_LABEL_DISTANCE) {
                ticks.remove(ticks.size() - 1);
            }
            ticks.add(new Tick(x, null, to));
        }
        return new ProgressChart(List.copyOf(lines), List.copyOf(ticks), scores, from, to);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public String viewBox() {
        return "0 0 " + WIDTH + " " + HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return WIDTH - RIGHT;
    }

    public int top() {
        return TOP;
    }

    public int bottom() {
        return HEIGHT - BOTTOM;
    }

    /** Where the date labels sit. */
    public int dateLabelY() {
        return HEIGHT - BOTTOM + 20;
    }

    static double x(LocalDate date, LocalDate from, LocalDate to) {
        long span = ChronoUnit.DAYS.between(from, to);
        if (span == 0) {
            return LEFT + PLOT_WIDTH / 2.0;
        }
        return LEFT + PLOT_WIDTH * (double) ChronoUnit.DAYS.between(from, date) / span;
    }

    static double y(int score) {
        return TOP + PLOT_HEIGHT * (5 - score) / 4.0;
    }

    /** Numbers for SVG: at most one decimal, no locale. */
    static String n(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }
}
