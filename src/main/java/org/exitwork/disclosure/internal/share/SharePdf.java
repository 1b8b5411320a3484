package org.exitwork.disclosure.internal.share;

import java.util.Locale;
import java.util.Map;

import org.exitwork.platform.PdfDocuments;
import org.springframework.stereotype.Component;

/**
 * A share as a PDF (R9), rendered from the very payload that was recorded as going out, so the
 * document says nothing the record does not. Like the work agreement's PDF, through the platform's
 * {@link PdfDocuments}: nothing loaded from outside, the font from the class path.
 */
@Component
class SharePdf {

    private final PdfDocuments pdf;

    SharePdf(PdfDocuments pdf) {
        this.pdf = pdf;
    }

    byte[] render(SharePayload payload) {
        return pdf.render("shares/share-pdf", Locale.forLanguageTag(payload.language()), Map.of("share", payload));
    }
}
