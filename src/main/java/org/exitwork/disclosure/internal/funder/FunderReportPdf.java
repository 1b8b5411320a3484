package org.exitwork.disclosure.internal.funder;

import java.util.Map;

import org.exitwork.platform.PdfDocuments;
import org.springframework.stereotype.Component;

/** A funder report as a PDF, rendered from the payload that went out, with a bar under each figure. */
@Component
class FunderReportPdf {

    private final PdfDocuments pdf;

    FunderReportPdf(PdfDocuments pdf) {
        this.pdf = pdf;
    }

    byte[] render(FunderReportView.View view) {
        return pdf.render("disclosure/funder/report-pdf", view.language(), Map.of("report", view,
                "sender", view.payload().from()));
    }
}
