package org.exitwork.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;

/**
 * Which programme a case belongs to, and the programmes there are to choose from. The programmes
 * themselves are the programme module's, which depends on this one; so cases asks through
 * {@link Catalogue}, which the programme module answers, and keeps only the chosen id.
 */
public interface CaseProgrammes {

    /** The programme of a case of the organisation; empty when none was chosen (or no such case). */
    Optional<UUID> programmeOf(UUID organisationId, UUID clientId);

    /** Whether the case is a client's that is still open: only then is work rated with them (consent given, not closed). */
    boolean openClient(UUID organisationId, UUID clientId);

    /**
     * Moves the case to a programme ({@code null}: to none), as the tandem or a manager; anyone else is
     * refused ({@code ForbiddenException}), and so is a programme that is not the organisation's.
     */
    void assign(StaffPrincipal who, UUID clientId, UUID programmeId);

    /** A programme as a case's form offers it. */
    record Choice(UUID id, String name) {
    }

    /**
     * An outcome of the case's programme with the first and the latest rating made with the client
     * (null when not rated yet; both the same rating when rated once).
     */
    record OutcomeProgress(String outcome, int scaleMax, Integer first, LocalDate firstOn, Integer latest,
            LocalDate latestOn) {
    }

    /** Answered by the programme module. */
    interface Catalogue {

        List<Choice> choices(UUID organisationId);

        /** The outcomes of the programme with the ratings of this client, in the programme's order. */
        List<OutcomeProgress> progress(UUID organisationId, UUID programmeId, UUID clientId);
    }
}
