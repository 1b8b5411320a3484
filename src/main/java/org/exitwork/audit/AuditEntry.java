package org.exitwork.audit;

import java.time.Instant;
import java.util.UUID;

/** One stored entry of the audit log. */
public record AuditEntry(long seq, Instant occurredAt, UUID organisationId, UUID actorId, String actorName,
        String action, String subject, String detail) {
}
