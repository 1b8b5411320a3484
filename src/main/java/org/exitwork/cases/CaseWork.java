package org.exitwork.cases;

import java.time.LocalDate;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;

/** The path through a case, for other modules (referrals, demo data) and tests. */
public interface CaseWork {

    /** A person comes in: a prospect, carried by {@code practitioner}, known by a fresh pseudonym. */
    RegisteredClient openProspect(StaffPrincipal practitioner, NewProspect prospect);

    /** The manager records the safety discussion; a prospect cannot be taken on before it. */
    void recordSafetyDiscussion(StaffPrincipal manager, UUID clientId, SafetyDiscussion discussion);

    /** The information text currently offered in {@code language} ("en", "de") by the organisation. */
    UUID currentInformationText(UUID organisationId, String language);

    /**
     * The prospect becomes a client (R1): their consent, their identity into the vault, the tandem.
     * Refused unless the safety discussion has been recorded.
     */
    void takeOn(StaffPrincipal practitioner, UUID clientId, ParticipationConsent consent, ClientIdentity identity,
            Tandem tandem);

    /** A session note by a member of the tandem. */
    void writeNote(StaffPrincipal author, UUID clientId, LocalDate sessionDate, String text);
}
