package org.exitwork.cases.internal.agreement;

import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.AgreementDocuments;
import org.springframework.stereotype.Service;

/** The work agreement PDF for the disclosure gate; {@link WorkAgreements#pdf} checks access and audits. */
@Service
class AgreementDocumentService implements AgreementDocuments {

    private final WorkAgreements agreements;

    AgreementDocumentService(WorkAgreements agreements) {
        this.agreements = agreements;
    }

    @Override
    public Document pdf(StaffPrincipal who, UUID clientId, int version) {
        return new Document(agreements.pdf(who, clientId, version), "work-agreement-" + version + ".pdf");
    }
}
