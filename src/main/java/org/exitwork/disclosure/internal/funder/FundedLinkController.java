package org.exitwork.disclosure.internal.funder;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.exitwork.disclosure.internal.Download;
import org.exitwork.disclosure.internal.LinkToken;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The funder's link (R17), public: while valid it opens the one report it was made for, as a page, a
 * PDF and a CSV, and nothing else. Opening the link shows a page with one button, the same for every
 * well-formed token and looked up nowhere: mail scanners open links by themselves, and each of their
 * visits would spend a use of the link and be audited as the funder's. The button (a POST, without a
 * form token like every form behind a partner's link) opens the report. Unknown, malformed and expired
 * links all get the same 404 page.
 */
@Controller
@PreAuthorize("permitAll()")
class FundedLinkController {

    private final FunderReportGate gate;
    private final FunderReportView views;
    private final FunderReportPdf pdf;

    FundedLinkController(FunderReportGate gate, FunderReportView views, FunderReportPdf pdf) {
        this.gate = gate;
        this.views = views;
        this.pdf = pdf;
    }

    @GetMapping("/funded/{token}")
    String landing(@PathVariable String token, Model model, HttpServletResponse response) {
        if (!LinkToken.wellFormed(token)) {
            return closed(response);
        }
        model.addAttribute("token", token);
        return "disclosure/funder/link-button";
    }

    @PostMapping("/funded/{token}/open")
    String page(@PathVariable String token, Model model, HttpServletResponse response) {
        return gate.fetch(token, "PAGE").map(payload -> {
            model.addAttribute("report", views.of(payload));
            model.addAttribute("token", token);
            // The language links lead back to the link's page (this address answers only the button's POST).
            model.addAttribute("currentPath", "/funded/" + token);
            return "disclosure/funder/link";
        }).orElseGet(() -> closed(response));
    }

    private static String closed(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "disclosure/funder/link-closed";
    }

    @GetMapping("/funded/{token}/report.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String token) {
        return gate.fetch(token, "PDF").map(p -> new Download(FunderReportController.filename(p, "pdf"),
                "application/pdf", pdf.render(views.of(p))).answer())
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/funded/{token}/report.csv")
    ResponseEntity<byte[]> csv(@PathVariable String token) {
        return gate.fetch(token, "CSV").map(p -> new Download(FunderReportController.filename(p, "csv"),
                "text/csv;charset=UTF-8", views.csv(views.of(p)).getBytes(StandardCharsets.UTF_8)).answer())
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
