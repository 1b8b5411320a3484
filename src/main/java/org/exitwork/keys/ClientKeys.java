package org.exitwork.keys;

import java.util.UUID;

/** Envelope encryption with one data key per client. */
public interface ClientKeys {

    /** Creates and stores the client's data key, wrapped by the master key. */
    void createKey(UUID clientId, UUID organisationId);

    /** @throws UnreadableException when the client has no key (never created, or shredded) */
    FieldCipher cipherFor(UUID clientId);

    /**
     * Crypto-shredding: destroys the client's data key. Every ciphertext of the client, in this
     * database and in every backup of it, becomes unreadable.
     */
    void shred(UUID clientId);
}
