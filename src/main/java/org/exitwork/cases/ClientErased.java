package org.exitwork.cases;

import java.util.UUID;

/**
 * Published inside the erasure's transaction, before it commits (R20). Every module that keeps rows
 * about a client deletes them in a synchronous listener, so the erasure is all or nothing; the
 * client's key is shredded in the same transaction, so anything left over would be unreadable anyway.
 * The rows of other modules are few per client (consents, shares, alerts, requests, referrals, safety
 * plans, ratings); the rows that grow with the work (the cases module's sessions, and what a module hands
 * over as {@link ErasedClientRows}) are queued in the same transaction and deleted in batches by the purge
 * job of the cases module, so that the request takes the same time for a short record and a long one.
 */
@org.springframework.modulith.NamedInterface("erasure")
public record ClientErased(UUID clientId, UUID organisationId) {
}
