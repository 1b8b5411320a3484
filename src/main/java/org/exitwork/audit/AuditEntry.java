package org.exitwork.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored entry of the audit log.
 *
 * @param seq the entry's number in its organisation's own chain (for an entry of the earlier,
 *        installation-wide chain its global number, which must not be shown to an organisation)
 * @param legacy whether the entry belongs to the earlier installation-wide chain
 */
public record AuditEntry(long seq, Instant occurredAt, UUID organisationId, UUID actorId, String actorName,
        String action, String subject, String detail, boolean legacy) {

    public AuditEntry(long seq, Instant occurredAt, UUID organisationId, UUID actorId, String actorName,
            String action, String subject, String detail) {
        this(seq, occurredAt, organisationId, actorId, actorName, action, subject, detail, false);
    }
}
