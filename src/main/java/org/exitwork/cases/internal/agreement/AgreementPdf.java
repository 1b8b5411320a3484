package org.exitwork.cases.internal.agreement;

import java.util.Map;

import org.exitwork.platform.PdfDocuments;
import org.springframework.stereotype.Component;

/**
 * The work agreement as a PDF for the client to keep (R3, R19): a Thymeleaf template rendered by
 * the platform's {@link PdfDocuments}, with the labels in the version's language. It carries the
 * client's pseudonym and nothing that identifies them. The renderer loads nothing from outside and
 * takes its font from the class path.
 */
@Component
class AgreementPdf {

    private final PdfDocuments pdf;

    AgreementPdf(PdfDocuments pdf) {
        this.pdf = pdf;
    }

    byte[] render(String pseudonym, WorkAgreements.Version version) {
        return pdf.render("cases/agreement-pdf", version.locale(), Map.of("pseudonym", pseudonym, "version", version));
    }
}
