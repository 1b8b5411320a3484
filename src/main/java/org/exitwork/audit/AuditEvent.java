package org.exitwork.audit;

import java.util.UUID;

/**
 * What happened, to be appended to the audit log. Never carries case content: the subject is a
 * client's pseudonym or an account name, the detail a short plain fact.
 *
 * @param organisationId the organisation it happened in, {@code null} for installation-wide events
 * @param actorId the staff member who acted, {@code null} when unknown (e.g. a failed sign-in)
 * @param actorName the actor's user name as shown to people
 * @param action what was done, e.g. {@code CASE_READ}; each module names its own actions
 * @param subject whom or what it concerned (a pseudonym, a user name), may be {@code null}
 * @param detail a short non-confidential fact, may be {@code null}
 */
public record AuditEvent(UUID organisationId, UUID actorId, String actorName, String action, String subject,
        String detail) {

    public AuditEvent {
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("an audit event needs an action");
        }
    }
}
