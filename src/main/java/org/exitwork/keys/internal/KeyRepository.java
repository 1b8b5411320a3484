package org.exitwork.keys.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the wrapped data keys: a client's ({@code key_client}) and the system's
 * ({@code key_system}), each with the master-key version that wrapped it ({@code wrapped_by}).
 * Wrapping and unwrapping stay in {@link TinkKeys}; the rotation's batches in {@link MasterKeyRotation}.
 */
@Repository
class KeyRepository {

    private final JdbcClient jdbc;

    KeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertClientKey(UUID clientId, UUID organisationId, byte[] wrapped, long wrappedBy, Instant createdAt) {
        jdbc.sql("INSERT INTO key_client (client_id, org_id, wrapped_keyset, wrapped_by, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(clientId, organisationId, wrapped, wrappedBy, Timestamp.from(createdAt))
                .update();
    }

    Optional<byte[]> clientKey(UUID clientId) {
        return jdbc.sql("SELECT wrapped_keyset FROM key_client WHERE client_id = ?")
                .param(clientId)
                .query(byte[].class)
                .optional();
    }

    void deleteClientKey(UUID clientId) {
        jdbc.sql("DELETE FROM key_client WHERE client_id = ?").param(clientId).update();
    }

    Optional<byte[]> systemKey(String name) {
        return jdbc.sql("SELECT wrapped_keyset FROM key_system WHERE name = ?")
                .param(name).query(byte[].class).optional();
    }

    void insertSystemKey(String name, byte[] wrapped, long wrappedBy) {
        jdbc.sql("INSERT INTO key_system (name, wrapped_keyset, wrapped_by) VALUES (?, ?, ?)")
                .params(name, wrapped, wrappedBy).update();
    }
}
