package org.exitwork.cases;

import java.util.List;
import java.util.UUID;

/** What other modules may know about a case: its pseudonym and who carries it, never its content. */
public record CaseReference(UUID id, UUID organisationId, String pseudonym, List<UUID> tandem) {

    public CaseReference {
        tandem = List.copyOf(tandem);
    }
}
