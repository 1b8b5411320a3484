package org.exitwork.safety.internal.clientsafety.shield;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.keys.ClientKeys;
import org.exitwork.safety.internal.clientsafety.ClientSafetyAccess.Texts;
import org.exitwork.safety.internal.clientsafety.ClientSafetyAccess;
import org.exitwork.safety.internal.clientsafety.shield.ShieldCompartment.Details;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The compartment's details ({@code saf_compartment}, one row per client) and the requests to read
 * them ({@code saf_compartment_request}); texts encrypted with the client's key, bound to table, row and column.
 */
@Repository
class CompartmentRepository {

    static final String DETAILS = "saf_compartment";
    static final String REQUEST = "saf_compartment_request";

    /** Who asked and whether it was approved. */
    record Decision(UUID requestedBy, Instant approvedAt) {
    }

    /** A request waiting for a manager. */
    record Waiting(UUID clientId, UUID requestedBy, Instant requestedAt) {
    }

    /** A request as stored, its reason opened. */
    record StoredRequest(UUID id, UUID requestedBy, Instant requestedAt, String reason, UUID approvedBy,
            Instant approvedAt, Instant expiresAt) {
    }

    private final JdbcClient jdbc;
    private final ClientKeys keys;

    CompartmentRepository(JdbcClient jdbc, ClientKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    Optional<Details> details(UUID id) {
        Texts texts = Texts.of(keys, id, DETAILS);
        return jdbc.sql("SELECT new_place, new_name, new_numbers FROM " + DETAILS + " WHERE client_id = ?").param(id)
                .query((rs, n) -> new Details(texts.open(id, "new_place", rs.getBytes(1)),
                        texts.open(id, "new_name", rs.getBytes(2)), texts.open(id, "new_numbers", rs.getBytes(3))))
                .optional();
    }

    void replaceDetails(UUID id, Details details, UUID by, Instant at) {
        Texts texts = Texts.of(keys, id, DETAILS);
        jdbc.sql("DELETE FROM " + DETAILS + " WHERE client_id = ?").param(id).update();
        jdbc.sql("INSERT INTO " + DETAILS + " (client_id, new_place, new_name, new_numbers, updated_by, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, texts.seal(id, "new_place", details.newPlace()),
                        texts.seal(id, "new_name", details.newName()),
                        texts.seal(id, "new_numbers", details.newNumbers()), by, Timestamp.from(at))
                .update();
    }

    void insertRequest(UUID id, UUID clientId, UUID by, Instant at, String reason) {
        jdbc.sql("INSERT INTO " + REQUEST + " (id, client_id, requested_by, requested_at, reason) VALUES (?, ?, ?, ?, ?)")
                .params(id, clientId, by, Timestamp.from(at), Texts.of(keys, clientId, REQUEST).seal(id, "reason", reason))
                .update();
    }

    Optional<Decision> decision(UUID clientId, UUID requestId) {
        return jdbc.sql("SELECT requested_by, approved_at FROM " + REQUEST + " WHERE id = ? AND client_id = ?")
                .params(requestId, clientId)
                .query((rs, n) -> new Decision(rs.getObject(1, UUID.class), instant(rs.getObject(2, OffsetDateTime.class))))
                .optional();
    }

    void approve(UUID requestId, UUID by, Instant at, Instant until) {
        jdbc.sql("UPDATE " + REQUEST + " SET approved_by = ?, approved_at = ?, expires_at = ? WHERE id = ?")
                .params(by, Timestamp.from(at), Timestamp.from(until), requestId).update();
    }

    /** The latest end of an approval someone else gave to this person's request that still runs. */
    Optional<Instant> runningApproval(UUID clientId, UUID staffId, Instant now) {
        return jdbc.sql("SELECT expires_at FROM " + REQUEST + " WHERE client_id = ? AND requested_by = ? "
                + "AND approved_by IS NOT NULL AND approved_by <> ? AND expires_at > ? ORDER BY expires_at DESC")
                .params(clientId, staffId, staffId, Timestamp.from(now))
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).list().stream().findFirst()
                .map(OffsetDateTime::toInstant);
    }

    boolean hasWaiting(UUID clientId, UUID staffId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + REQUEST + " WHERE client_id = ? AND requested_by = ? "
                + "AND approved_at IS NULL").params(clientId, staffId).query(Long.class).single() > 0;
    }

    /** Every request still waiting, oldest first (of every organisation: the caller filters by case). */
    List<Waiting> waiting() {
        return jdbc.sql("SELECT client_id, requested_by, requested_at FROM " + REQUEST
                + " WHERE approved_at IS NULL ORDER BY requested_at")
                .query((rs, n) -> new Waiting(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The requests about one client, newest first. */
    List<StoredRequest> requests(UUID clientId) {
        Texts texts = Texts.of(keys, clientId, REQUEST);
        return jdbc.sql("SELECT id, requested_by, requested_at, reason, approved_by, approved_at, expires_at "
                + "FROM " + REQUEST + " WHERE client_id = ? ORDER BY requested_at DESC").param(clientId)
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    return new StoredRequest(id, rs.getObject(2, UUID.class),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), texts.open(id, "reason", rs.getBytes(4)),
                            rs.getObject(5, UUID.class), instant(rs.getObject(6, OffsetDateTime.class)),
                            instant(rs.getObject(7, OffsetDateTime.class)));
                })
                .list();
    }
}
