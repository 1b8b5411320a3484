package org.exitwork.cases.internal.agreement;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart's geometry and legibility, and the texts the work agreement's refusals need; no database. */
class ProgressChartTest {

    static final LocalDate START = LocalDate.of(2026, 3, 2);

    static ProgressChart.Series series(String label, Object... dateScorePairs) {
        List<ProgressChart.Rating> ratings = new ArrayList<>();
        for (int i = 0; i < dateScorePairs.length; i += 2) {
            ratings.add(new ProgressChart.Rating((LocalDate) dateScorePairs[i], (Integer) dateScorePairs[i + 1]));
        }
        return new ProgressChart.Series(label, ratings);
    }

    @Test
    void everyLineColourStandsOutFromThePanelAndNoTwoLinesLookAlike() {
        for (ProgressChart.Style style : ProgressChart.Style.values()) {
            assertThat(contrast(style.colour(), "#ffffff")).as(style + " against white (WCAG 1.4.11)")
                    .isGreaterThanOrEqualTo(3.0);
        }
        List<ProgressChart.Style> styles = Arrays.asList(ProgressChart.Style.values());
        assertThat(styles.stream().map(ProgressChart.Style::colour).collect(Collectors.toSet())).hasSize(styles.size());
        // Without colour, the marker alone tells the lines apart.
        assertThat(styles.stream().map(s -> s.marker).collect(Collectors.toSet())).hasSize(styles.size());
        // And neighbours in the legend differ in dash as well.
        for (int i = 1; i < styles.size(); i++) {
            assertThat(styles.get(i).dash()).isNotEqualTo(styles.get(i - 1).dash());
        }
    }

    @Test
    void ratingsGoUpTheSideAndDatesAlongTheBottomSpacedByTime() {
        ProgressChart chart = ProgressChart.of(List.of(
                series("first", START.plusDays(10), 3, START, 1, START.plusDays(40), 5),
                series("unrated"),
                series("second", START.plusDays(10), 2)));
        assertThat(chart.lines()).extracting(ProgressChart.Line::label).containsExactly("first", "second");
        assertThat(chart.lines()).extracting(ProgressChart.Line::style)
                .containsExactly(ProgressChart.Style.BLUE, ProgressChart.Style.VERMILION);
        List<ProgressChart.Point> first = chart.lines().get(0).markers();
        assertThat(first).extracting(ProgressChart.Point::on)
                .containsExactly(START, START.plusDays(10), START.plusDays(40));
        assertThat(first.get(0).x()).isEqualTo(chart.left());
        assertThat(first.get(2).x()).isEqualTo(chart.right());
        assertThat(first.get(1).x()).isEqualTo(chart.left() + (chart.right() - chart.left()) / 4.0);
        assertThat(first.get(0).y()).as("1 at the bottom").isEqualTo(chart.bottom());
        assertThat(first.get(2).y()).as("5 at the top").isEqualTo(chart.top());
        assertThat(chart.lines().get(0).points()).startsWith(ProgressChart.n(chart.left()) + "," + chart.bottom());
        assertThat(chart.scoreTicks()).extracting(ProgressChart.Tick::text).containsExactly("1", "2", "3", "4", "5");
        assertThat(chart.from()).isEqualTo(START);
        assertThat(chart.to()).isEqualTo(START.plusDays(40));
    }

    @Test
    void dateLabelsNeverCrowdAndTheNewestIsAlwaysShown() {
        List<Object> pairs = new ArrayList<>();
        for (int day = 0; day <= 60; day += 3) {
            pairs.add(START.plusDays(day));
            pairs.add(3);
        }
        ProgressChart chart = ProgressChart.of(List.of(series("often", pairs.toArray())));
        List<ProgressChart.Tick> ticks = chart.dateTicks();
        assertThat(ticks.size()).isBetween(2, 21);
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i).position() - ticks.get(i - 1).position())
                    .isGreaterThanOrEqualTo(ProgressChart.MIN_LABEL_DISTANCE);
        }
        // The page writes them in its language's date format; the chart only says which dates.
        assertThat(ticks.get(0).on()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(ticks.get(ticks.size() - 1).on()).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThat(ticks).extracting(ProgressChart.Tick::text).containsOnlyNulls();
    }

    @Test
    void oneDateSitsInTheMiddleAndNoRatingsMakeNoLines() {
        ProgressChart single = ProgressChart.of(List.of(series("once", START, 4)));
        assertThat(single.lines().get(0).markers().get(0).x()).isEqualTo((single.left() + single.right()) / 2.0);
        assertThat(single.dateTicks()).hasSize(1);
        assertThat(ProgressChart.of(List.of(series("never"))).isEmpty()).isTrue();
        assertThat(ProgressChart.of(List.of()).dateTicks()).isEmpty();
    }

    @Test
    void numbersForSvgIgnoreTheLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(ProgressChart.n(12.345)).isEqualTo("12.3");
            assertThat(ProgressChart.n(40)).isEqualTo("40");
            assertThat(ProgressChart.Marker.SQUARE.at(10.25, 20)).isEqualTo("M5.3 15h10v10h-10Z");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void everyRefusalAndEveryWayOfAgreeingHasItsTextInBothLanguages() throws IOException {
        StringBuilder room = new StringBuilder();
        try (var files = Files.list(Path.of("src/main/java/org/exitwork/cases/internal/agreement"))) {
            for (Path file : files.sorted().toList()) {
                room.append(Files.readString(file));
            }
        }
        String source = room.toString();
        Matcher refusal = Pattern.compile("new Refused\\([^,]+,\\s*\"([^\"]+)\"\\)").matcher(source);
        List<String> keys = new ArrayList<>();
        while (refusal.find()) {
            keys.add(refusal.group(1));
        }
        assertThat(keys).as("the scan finds the refusals").hasSizeGreaterThan(10);
        for (AgreedHow how : AgreedHow.values()) {
            keys.add("agreement.way." + how.name());
        }
        for (String bundle : List.of("agreement.properties", "agreement_de.properties")) {
            Set<String> defined = load(Path.of("src/main/resources/i18n", bundle)).stringPropertyNames();
            assertThat(defined).as(bundle).containsAll(keys);
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /** WCAG 2 contrast ratio of two #rrggbb colours. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
