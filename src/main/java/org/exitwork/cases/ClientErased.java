package org.exitwork.cases;

import java.util.UUID;

/**
 * Published inside the erasure's transaction, before it commits (R20). Every module that keeps rows
 * about a client deletes them in a synchronous listener, so the erasure is all or nothing; the
 * client's key is shredded in the same transaction, so anything left over would be unreadable anyway.
 * The rows of other modules are few per client (consents, shares, alerts, requests, referrals, safety
 * plans, ratings); the cases module's rows that grow with the work (sessions) are queued in the same
 * transaction and deleted in batches by its purge job, so that the request takes constant time.
 */
@org.springframework.modulith.NamedInterface("erasure")
public record ClientErased(UUID clientId, UUID organisationId) {
}
