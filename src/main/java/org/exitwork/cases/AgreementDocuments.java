package org.exitwork.cases;

import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;

/**
 * The work agreement as a document for the client to keep (R3, R19). The reading check (tandem or
 * broken glass) and the audit entry stay here; the disclosure gate lets only the tandem hand the
 * document out, and records it.
 */
public interface AgreementDocuments {

    /** The version as a PDF in its language; {@code NotFoundException} for a version that does not exist. */
    Document pdf(StaffPrincipal who, UUID clientId, int version);

    record Document(byte[] bytes, String fileName) {
    }
}
