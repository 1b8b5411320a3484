package org.exitwork.consent.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.cases.ClientErased;
import org.exitwork.consent.DataKind;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code con_consent} and {@code con_consent_kind}: the purpose sealed with the client's
 * key, bound to row and column; opened here and nowhere else. The client's consents go with their
 * erasure, inside the erasure's transaction.
 */
@Repository
class ConsentRepository {

    static final String TABLE = "con_consent";

    /** A consent as stored, opened; {@code informed}, the people and the revocation may be null in a short read. */
    record Stored(UUID id, UUID partnerId, String purpose, LocalDate from, LocalDate until, String informed,
            UUID recordedBy, Instant recordedAt, LocalDate revokedOn, UUID revokedBy) {
    }

    private final JdbcClient jdbc;
    private final ClientKeys keys;

    ConsentRepository(JdbcClient jdbc, ClientKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    void insert(UUID id, UUID organisationId, UUID clientId, UUID partnerId, String purpose, LocalDate validFrom,
            LocalDate validUntil, ClientInformed informedHow, Set<DataKind> kinds, UUID recordedBy, Instant at) {
        jdbc.sql("INSERT INTO con_consent (id, org_id, client_id, partner_id, purpose, valid_from, valid_until, "
                + "informed_how, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, organisationId, clientId, partnerId,
                        keys.cipherFor(clientId).row(TABLE, id).seal("purpose", purpose), validFrom, validUntil,
                        informedHow.name(), recordedBy, Timestamp.from(at))
                .update();
        for (DataKind kind : kinds) {
            jdbc.sql("INSERT INTO con_consent_kind (consent_id, client_id, kind) VALUES (?, ?, ?)")
                    .params(id, clientId, kind.name()).update();
        }
    }

    /** Empty when there is no such consent of the client; else whether (and when) it was revoked. */
    Optional<Optional<LocalDate>> revokedOn(UUID organisationId, UUID clientId, UUID consentId) {
        return jdbc.sql("SELECT revoked_on FROM con_consent WHERE id = ? AND client_id = ? AND org_id = ?")
                .params(consentId, clientId, organisationId)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, LocalDate.class))).optional();
    }

    /** Final; false when it was revoked already. */
    boolean revoke(UUID consentId, LocalDate revokedOn, UUID by, Instant at) {
        return jdbc.sql("UPDATE con_consent SET revoked_on = ?, revoked_by = ?, revoked_at = ? "
                + "WHERE id = ? AND revoked_on IS NULL")
                .params(revokedOn, by, Timestamp.from(at), consentId).update() == 1;
    }

    /** Whether the consent is the client's, names the partner, is not revoked and is valid {@code on}. */
    boolean validFor(UUID organisationId, UUID clientId, UUID partnerId, UUID consentId, LocalDate on) {
        return jdbc.sql("SELECT COUNT(*) FROM con_consent WHERE id = ? AND org_id = ? AND client_id = ? "
                + "AND partner_id = ? AND revoked_on IS NULL AND valid_from <= ? AND valid_until >= ?")
                .params(consentId, organisationId, clientId, partnerId, on, on).query(Long.class).single() == 1;
    }

    Set<DataKind> kindsOf(UUID consentId) {
        Set<DataKind> kinds = EnumSet.noneOf(DataKind.class);
        jdbc.sql("SELECT kind FROM con_consent_kind WHERE consent_id = ?").param(consentId).query(String.class)
                .list().forEach(k -> kinds.add(DataKind.valueOf(k)));
        return kinds;
    }

    /** The kinds of every consent of the client, by consent. */
    Map<UUID, Set<DataKind>> kindsOfClient(UUID clientId) {
        Map<UUID, Set<DataKind>> kinds = new HashMap<>();
        jdbc.sql("SELECT consent_id, kind FROM con_consent_kind WHERE client_id = ?").param(clientId)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), DataKind.valueOf(rs.getString(2))))
                .list().forEach(e -> kinds.computeIfAbsent(e.getKey(), k -> EnumSet.noneOf(DataKind.class))
                        .add(e.getValue()));
        return kinds;
    }

    /** The client's consents not revoked and valid {@code on}, oldest first; only id, partner, purpose and dates. */
    List<Stored> validOn(UUID organisationId, UUID clientId, LocalDate on) {
        FieldCipher cipher = keys.cipherFor(clientId);
        return jdbc.sql("SELECT id, partner_id, purpose, valid_from, valid_until FROM con_consent "
                + "WHERE org_id = ? AND client_id = ? AND revoked_on IS NULL AND valid_from <= ? AND valid_until >= ? "
                + "ORDER BY recorded_at, id")
                .params(organisationId, clientId, on, on)
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    return new Stored(id, rs.getObject(2, UUID.class),
                            cipher.row(TABLE, id).open("purpose", rs.getBytes(3)), rs.getObject(4, LocalDate.class),
                            rs.getObject(5, LocalDate.class), null, null, null, null, null);
                })
                .list();
    }

    /** Every consent of the client (or only {@code only}, if not null), newest first. */
    List<Stored> ofClient(UUID organisationId, UUID clientId, UUID only) {
        FieldCipher cipher = keys.cipherFor(clientId);
        return jdbc.sql("SELECT id, partner_id, purpose, valid_from, valid_until, informed_how, recorded_by, "
                + "recorded_at, revoked_on, revoked_by FROM con_consent WHERE client_id = ? AND org_id = ?"
                + (only == null ? "" : " AND id = ?") + " ORDER BY recorded_at DESC, id")
                .params(only == null ? List.of(clientId, organisationId) : List.of(clientId, organisationId, only))
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    return new Stored(id, rs.getObject(2, UUID.class),
                            cipher.row(TABLE, id).open("purpose", rs.getBytes(3)), rs.getObject(4, LocalDate.class),
                            rs.getObject(5, LocalDate.class), rs.getString(6), rs.getObject(7, UUID.class),
                            rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getObject(9, LocalDate.class),
                            rs.getObject(10, UUID.class));
                })
                .list();
    }

    @EventListener
    void on(ClientErased erased) {
        jdbc.sql("DELETE FROM con_consent_kind WHERE client_id = ?").param(erased.clientId()).update();
        jdbc.sql("DELETE FROM con_consent WHERE client_id = ?").param(erased.clientId()).update();
    }
}
