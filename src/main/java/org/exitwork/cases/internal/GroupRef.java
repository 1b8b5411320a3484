package org.exitwork.cases.internal;

import java.util.UUID;

/** A group as the access rules see it: never any content. */
record GroupRef(UUID id, UUID organisationId) {

    /**
     * How the audit log names the group. The name may identify a school class or a prison wing, so
     * it is no pseudonym: a short id stands in for it.
     */
    String subject() {
        return "group:" + id.toString().substring(0, 8);
    }
}
