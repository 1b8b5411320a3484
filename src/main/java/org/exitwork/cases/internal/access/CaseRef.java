package org.exitwork.cases.internal.access;

import java.util.UUID;

/** A case as the access rules see it: never any content. */
public record CaseRef(UUID id, UUID organisationId, String pseudonym, Stage stage, String language) {

    /** The client's language, for what is printed or written for them. */
    public java.util.Locale locale() {
        return java.util.Locale.forLanguageTag(language);
    }

    public boolean is(Stage other) {
        return stage == other;
    }
}
