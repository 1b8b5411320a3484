package org.exitwork.keys;

import java.util.UUID;

/** Envelope encryption with one data key per client. */
public interface ClientKeys {

    /** Creates and stores the client's data key, wrapped by the master key. */
    void createKey(UUID clientId, UUID organisationId);

    /** @throws UnreadableException when the client has no key (never created, or shredded) */
    FieldCipher cipherFor(UUID clientId);

    /**
     * The ciphers of several clients (or groups) at once, their keys read in one query: for a page that lists
     * them. One without a key (never created, or shredded) is not in the map.
     */
    java.util.Map<UUID, FieldCipher> ciphersFor(java.util.Collection<UUID> clientIds);

    /**
     * Crypto-shredding: deletes the client's data key. Every ciphertext of the client in the live
     * database becomes unreadable at once; stale copies of the wrapped key (free pages, dead rows,
     * backups) once the master-key version that wrapped it is destroyed ({@link ErasureHorizon}).
     */
    void shred(UUID clientId);
}
