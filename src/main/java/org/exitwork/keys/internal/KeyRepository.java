package org.exitwork.keys.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the wrapped data keys: a client's ({@code key_client}) and the system's
 * ({@code key_system}), each with the master-key version that wrapped it ({@code wrapped_by}).
 * Wrapping and unwrapping stay in {@link TinkKeys} and {@link MasterKeyRotation}; the rotation's batch
 * statements are here too. Built from the data source alone, as the rotation is (it also runs
 * outside the application, on a data directory).
 */
@Repository
class KeyRepository {

    /** A wrapped key of a table of wrapped keys, by its key column's value. */
    record Wrapped(Object key, byte[] wrapped, Long wrappedBy) {
    }

    private static final RowMapper<Wrapped> WRAPPED = (rs, n) -> {
        long by = rs.getLong(3);
        return new Wrapped(rs.getObject(1), rs.getBytes(2), rs.wasNull() ? null : by);
    };
    private static final String NOT_PRIMARY = "(wrapped_by IS NULL OR wrapped_by <> ?)";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    KeyRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.batches = new JdbcTemplate(dataSource);
    }

    void insertClientKey(UUID clientId, UUID organisationId, byte[] wrapped, long wrappedBy, Instant createdAt) {
        jdbc.sql("INSERT INTO key_client (client_id, org_id, wrapped_keyset, wrapped_by, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(clientId, organisationId, wrapped, wrappedBy, Timestamp.from(createdAt))
                .update();
    }

    /** The wrapped keys of these clients that have one, in one query. */
    java.util.Map<UUID, byte[]> clientKeys(java.util.Collection<UUID> clientIds) {
        java.util.Map<UUID, byte[]> wrapped = new java.util.HashMap<>();
        if (clientIds.isEmpty()) {
            return wrapped;
        }
        jdbc.sql("SELECT client_id, wrapped_keyset FROM key_client WHERE client_id IN (:ids)")
                .param("ids", java.util.List.copyOf(clientIds))
                .query((rs, n) -> wrapped.put(rs.getObject(1, UUID.class), rs.getBytes(2)))
                .list();
        return wrapped;
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

    // The rotation's statements, for key_client and key_system alike (table and key column are ours, never input).

    Long countNotWrappedBy(String table, long primary) {
        return batches.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + NOT_PRIMARY, Long.class, primary);
    }

    /** The next batch of rows not wrapped by the primary, in key order after {@code last} (null: from the start). */
    List<Wrapped> notWrappedBy(String table, String keyColumn, long primary, Object last, int batchSize) {
        String select = "SELECT " + keyColumn + ", wrapped_keyset, wrapped_by FROM " + table + " WHERE "
                + NOT_PRIMARY + " %s ORDER BY " + keyColumn + " LIMIT " + batchSize;
        return last == null
                ? batches.query(select.formatted(""), WRAPPED, primary)
                : batches.query(select.formatted("AND " + keyColumn + " > ?"), WRAPPED, primary, last);
    }

    /**
     * Re-wraps in one batch: each update is {new wrapped, new version, key, old wrapped}; a row erased
     * or changed since it was read is left alone (0 rows updated).
     */
    int[][] rewrap(String table, String keyColumn, List<Object[]> updates) {
        String update = "UPDATE " + table + " SET wrapped_keyset = ?, wrapped_by = ? WHERE " + keyColumn
                + " = ? AND wrapped_keyset = ?";
        return batches.batchUpdate(update, updates, updates.size(), (ps, values) -> {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
        });
    }

    /** Rows wrapped by this version, or of unknown version (from before wrapped_by). */
    List<Wrapped> wrappedByOrUnknown(String table, String keyColumn, long version) {
        return batches.query("SELECT " + keyColumn + ", wrapped_keyset, wrapped_by FROM "
                + table + " WHERE wrapped_by = ? OR wrapped_by IS NULL", WRAPPED, version);
    }
}
