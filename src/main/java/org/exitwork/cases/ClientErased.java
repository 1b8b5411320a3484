package org.exitwork.cases;

import java.util.UUID;

/**
 * Published inside the erasure's transaction, before it commits (R20). Every module that keeps rows
 * about a client deletes them in a synchronous listener, so the erasure is all or nothing; the
 * client's key is shredded in the same transaction, so anything left over would be unreadable anyway.
 */
@org.springframework.modulith.NamedInterface("erasure")
public record ClientErased(UUID clientId, UUID organisationId) {
}
