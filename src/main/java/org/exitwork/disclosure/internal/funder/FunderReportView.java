package org.exitwork.disclosure.internal.funder;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.exitwork.cases.CaseFigures;
import org.exitwork.platform.BarChart;
import org.exitwork.platform.CsvText;
import org.exitwork.programme.Breakdown;
import org.exitwork.programme.FunderReport;
import org.exitwork.programme.FunderReport.Row;
import org.exitwork.programme.FunderReport.Table;
import org.exitwork.programme.Measure;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A released funder report in words, in the funder's language, for its page, its PDF and its CSV, all
 * from the one payload that went out. A hidden row shows the mark of a hidden figure in every cell: no
 * number of it exists anywhere to be shown.
 */
@Component
class FunderReportView {

    /** One table: its title, the heading of its label column, its columns, rows, and a chart where one helps. */
    record TableView(String id, String title, String heading, List<String> columns, List<RowView> rows,
            BarChart chart) {
    }

    record RowView(String label, boolean hidden, boolean total, List<String> cells, double bar) {
    }

    /** The whole report in words. */
    record View(Locale language, String title, String organisation, String funder, String programme,
            String agreement, String period, String releasedOn, String rule, String hiddenMark,
            FunderReportPayload payload, List<TableView> tables) {
    }

    private final MessageSource messages;

    FunderReportView(MessageSource messages) {
        this.messages = messages;
    }

    View of(FunderReportPayload p) {
        Locale locale = Locale.forLanguageTag(p.language());
        String dateFormat = text(locale, "format.date");
        DateTimeFormatter dates = DateTimeFormatter.ofPattern(dateFormat, locale);
        String period = text(locale, "funder.report.period", LocalDate.parse(p.periodStart()).format(dates),
                LocalDate.parse(p.periodEnd()).format(dates));
        String agreement = text(locale, "funder.report.agreement", p.agreementVersion(),
                LocalDate.parse(p.agreedOn()).format(dates), p.reference().isEmpty() ? "–" : p.reference());
        List<TableView> tables = new ArrayList<>();
        int n = 0;
        for (Table table : p.tables()) {
            tables.add(table(locale, table, ++n));
        }
        return new View(locale, text(locale, "funder.report.title"), p.from().name(), p.funder(), p.programme(),
                agreement, period, LocalDate.parse(p.releasedOn()).format(dates),
                text(locale, "funder.report.rule", p.threshold()), text(locale, "funder.report.hidden"), p, tables);
    }

    /** The report as CSV: each table as a block (title, heading, rows), then the rule applied. */
    String csv(View view) {
        StringBuilder out = new StringBuilder();
        CsvText.line(out, List.of(view.title(), view.organisation()));
        CsvText.line(out, List.of(text(view.language(), "funder.funder"), view.funder()));
        CsvText.line(out, List.of(text(view.language(), "funder.programme"), view.programme()));
        CsvText.line(out, List.of(text(view.language(), "funder.report.agreement.label"), view.agreement()));
        CsvText.line(out, List.of(text(view.language(), "funder.report.period.label"), view.period()));
        CsvText.line(out, List.of(text(view.language(), "funder.report.rule.label"), view.rule()));
        for (TableView table : view.tables()) {
            out.append("\r\n");
            CsvText.line(out, List.of(table.title()));
            List<String> heading = new ArrayList<>();
            heading.add(table.heading());
            heading.addAll(table.columns());
            CsvText.line(out, heading);
            for (RowView row : table.rows()) {
                List<String> cells = new ArrayList<>();
                cells.add(row.label());
                cells.addAll(row.cells());
                CsvText.line(out, cells);
            }
        }
        return out.toString();
    }

    private TableView table(Locale locale, Table table, int n) {
        Measure m = table.measure();
        String title = table.breakdown() == Breakdown.TOTAL || m == Measure.OUTCOMES_IMPROVED
                ? text(locale, "funder.measure." + m)
                : text(locale, "funder.report.by-area", text(locale, "funder.measure." + m));
        String heading = m == Measure.OUTCOMES_IMPROVED ? text(locale, "funder.report.outcome")
                : table.breakdown() == Breakdown.TOTAL ? "" : text(locale, "funder.breakdown.PHENOMENON_AREA");
        List<String> columns = switch (m) {
            case SESSIONS_HELD -> List.of(text(locale, "funder.column.sessions"), text(locale, "funder.column.clients"),
                    text(locale, "funder.column.mean"));
            case OUTCOMES_IMPROVED -> List.of(text(locale, "funder.column.rated"), text(locale, "funder.column.improved"),
                    text(locale, "funder.column.improved-share"));
            default -> List.of(text(locale, "funder.column.people"), text(locale, "funder.column.share"));
        };
        String hidden = text(locale, "funder.report.hidden");
        NumberFormat whole = NumberFormat.getIntegerInstance(locale);
        NumberFormat decimal = NumberFormat.getNumberInstance(locale);
        decimal.setMinimumFractionDigits(1);
        decimal.setMaximumFractionDigits(1);
        List<RowView> rows = new ArrayList<>();
        List<BarChart.Group> groups = new ArrayList<>();
        for (Row row : table.rows()) {
            String label = label(locale, row);
            boolean total = FunderReport.TOTAL.equals(row.category());
            List<String> cells = new ArrayList<>();
            double bar = 0;
            if (row.suppressed()) {
                columns.forEach(c -> cells.add(hidden));
            } else {
                switch (m) {
                    case SESSIONS_HELD -> {
                        cells.add(whole.format(row.count()));
                        cells.add(whole.format(row.people()));
                        cells.add(row.mean() == null ? "–" : decimal.format(row.mean()));
                        bar = row.count();
                    }
                    case OUTCOMES_IMPROVED -> {
                        cells.add(whole.format(row.people()));
                        cells.add(whole.format(row.count()));
                        cells.add(decimal.format(row.percent()) + " %");
                        bar = row.percent();
                    }
                    default -> {
                        cells.add(whole.format(row.people()));
                        cells.add(row.percent() == null ? "–" : decimal.format(row.percent()) + " %");
                        bar = row.people();
                    }
                }
                if (!total) {
                    groups.add(new BarChart.Group(label, List.of(bar)));
                }
            }
            rows.add(new RowView(label, row.suppressed(), total, cells, bar));
        }
        BarChart chart = null;
        if (!groups.isEmpty()) {
            double max = m == Measure.OUTCOMES_IMPROVED ? 100
                    : groups.stream().mapToDouble(g -> g.values().get(0)).max().orElse(1);
            chart = new BarChart("table-" + n, title, text(locale, "funder.report.chart", title), heading,
                    List.of(columns.get(m == Measure.OUTCOMES_IMPROVED ? 2 : 0)), groups, max, locale);
        }
        double max = rows.stream().filter(r -> !r.total()).mapToDouble(RowView::bar).max().orElse(0);
        List<RowView> scaled = rows.stream().map(r -> new RowView(r.label(), r.hidden(), r.total(), r.cells(),
                max <= 0 || r.total() ? 0 : Math.round(100 * r.bar() / max))).toList();
        return new TableView("table-" + n, title, heading, columns, scaled, chart);
    }

    private String label(Locale locale, Row row) {
        if (row.label() != null) {
            return row.label();
        }
        return switch (row.category()) {
            case FunderReport.TOTAL -> text(locale, "funder.report.total");
            case CaseFigures.SEVERAL_AREAS -> text(locale, "funder.report.several-areas");
            case CaseFigures.NO_AREA -> text(locale, "funder.report.no-area");
            default -> text(locale, "phenomenon." + row.category());
        };
    }

    private String text(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
