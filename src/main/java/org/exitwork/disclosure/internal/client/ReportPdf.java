package org.exitwork.disclosure.internal.client;

import java.util.Locale;
import java.util.Map;

import org.exitwork.platform.PdfDocuments;
import org.springframework.stereotype.Component;

/**
 * The client's report as a PDF in their language (R19), rendered like the work agreement: a
 * Thymeleaf template through the platform's {@link PdfDocuments}, nothing loaded from outside.
 */
@Component
class ReportPdf {

    private final PdfDocuments pdf;

    ReportPdf(PdfDocuments pdf) {
        this.pdf = pdf;
    }

    byte[] render(ClientReports.Report report) {
        return pdf.render("disclosure/client-report-pdf", Locale.forLanguageTag(report.language()), Map.of("report", report));
    }
}
