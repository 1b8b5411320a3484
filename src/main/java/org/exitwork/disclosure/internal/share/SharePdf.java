package org.exitwork.disclosure.internal.share;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

import org.exitwork.accounts.OrganisationContact;
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

    /** {@code sender}: the organisation as the payload names it (or, for an earlier payload, as it is today). */
    byte[] render(SharePayload payload, OrganisationContact sender) {
        return pdf.render("shares/share-pdf", Locale.forLanguageTag(payload.language()), Map.of("share", payload,
                "sender", sender, "date", LocalDate.parse(payload.date())));
    }
}
