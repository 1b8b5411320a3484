package org.exitwork.cases.internal;

import java.util.UUID;

/** A case as the access rules see it: never any content. */
record CaseRef(UUID id, UUID organisationId, String pseudonym, Stage stage) {

    boolean is(Stage other) {
        return stage == other;
    }
}
