package org.exitwork.cases.internal.groups;

import java.util.UUID;

/** A group as the access rules see it: never any content. */
public record GroupRef(UUID id, UUID organisationId) {

    /**
     * How the audit log names the group. The name may identify a school class or a prison wing, so
     * it is no pseudonym: a short id stands in for it.
     */
    public String subject() {
        return "group:" + id.toString().substring(0, 8);
    }
}
