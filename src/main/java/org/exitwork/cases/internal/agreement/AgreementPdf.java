package org.exitwork.cases.internal.agreement;

import java.util.Map;
import java.util.UUID;

import org.exitwork.accounts.Organisations;
import org.exitwork.platform.PdfDocuments;
import org.springframework.stereotype.Component;

/**
 * The work agreement as a PDF for the client to keep (R3, R19): a Thymeleaf template rendered by
 * the platform's {@link PdfDocuments}, with the labels in the version's language. It carries the
 * client's pseudonym and nothing that identifies them. The renderer loads nothing from outside and
 * takes its font from the class path. The organisation is named as the sender with its contact.
 */
@Component
class AgreementPdf {

    private final PdfDocuments pdf;
    private final Organisations organisations;

    AgreementPdf(PdfDocuments pdf, Organisations organisations) {
        this.pdf = pdf;
        this.organisations = organisations;
    }

    byte[] render(UUID organisationId, String pseudonym, WorkAgreements.Version version) {
        return pdf.render("cases/agreement-pdf", version.locale(), Map.of("pseudonym", pseudonym, "version", version,
                "sender", organisations.contact(organisationId)));
    }
}
