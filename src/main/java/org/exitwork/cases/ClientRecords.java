package org.exitwork.cases;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The cover of the client's own report (R19): the pseudonym, the client's name from the vault and
 * the language recorded at the consent to participate. No access check and no audit: only the
 * disclosure gate calls it, after checking that the tandem asks, and it audits the download.
 */
@org.springframework.modulith.NamedInterface("client-record")
public interface ClientRecords {

    Cover cover(CaseReference client);

    /**
     * @param fullName      null when no identity is recorded (a prospect)
     * @param firstRecorded the day the organisation first recorded the person
     * @param clientSince   the day they were taken on as a client; null while they are a prospect
     */
    record Cover(String pseudonym, String fullName, Locale language, LocalDate firstRecorded, LocalDate clientSince) {
    }
}
