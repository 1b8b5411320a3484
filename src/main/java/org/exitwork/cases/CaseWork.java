package org.exitwork.cases;

import java.time.LocalDate;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;

/** The case work other parts of the application may start (demo data, later modules). */
public interface CaseWork {

    /** Registers a client carried by {@code practitioner} and {@code secondPractitioner} as tandem. */
    RegisteredClient registerClient(StaffPrincipal practitioner, ClientIdentity identity, UUID secondPractitioner);

    /** A session note by a member of the tandem. */
    void writeNote(StaffPrincipal author, UUID clientId, LocalDate sessionDate, String text);
}
