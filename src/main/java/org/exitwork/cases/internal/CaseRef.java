package org.exitwork.cases.internal;

import java.util.UUID;

/** A case as the access rules see it: never any content. */
record CaseRef(UUID id, UUID organisationId, String pseudonym, Stage stage, String language) {

    /** The client's language, for what is printed or written for them. */
    java.util.Locale locale() {
        return java.util.Locale.forLanguageTag(language);
    }

    boolean is(Stage other) {
        return stage == other;
    }
}
