package org.exitwork.programme.internal.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.BarChart;
import org.exitwork.platform.CsvText;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The programme's figures for its managers: charts with their tables, each also as a CSV file. */
@Controller
@PreAuthorize("hasRole('MANAGER')")
class DashboardController {

    private final Dashboard dashboard;

    DashboardController(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping("/programmes/{id}/dashboard")
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Locale locale, Model model) {
        Dashboard.View view = dashboard.open(who, id, locale);
        model.addAttribute("programme", view.programme());
        model.addAttribute("charts", view.charts());
        return "programme/dashboard";
    }

    @GetMapping("/programmes/{id}/dashboard/{figure}.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable String figure, Locale locale) {
        BarChart chart = dashboard.figure(who, id, figure, locale);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(figure + ".csv").build().toString())
                .body(csv(chart).getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 4180: the table's heading row, then one row per group; the chart's texts as the page shows them. */
    static String csv(BarChart chart) {
        StringBuilder out = new StringBuilder();
        List<String> heading = new ArrayList<>();
        heading.add(chart.heading());
        heading.addAll(chart.series());
        CsvText.line(out, heading);
        for (BarChart.Row row : chart.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(row.label());
            cells.addAll(row.texts());
            CsvText.line(out, cells);
        }
        return out.toString();
    }
}
