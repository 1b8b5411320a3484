package org.exitwork.referrals.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.exitwork.keys.FieldRef;
import org.exitwork.keys.SystemSecrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where every partner call ends (R7): the request path appends and answers, whatever the person's
 * state, and nothing on that path reads a case. The matcher takes entries off the inbox afterwards,
 * oldest first, and removes each one it has handled. The payload is JSON encrypted with the system
 * key, bound to ref_inbox|id|payload.
 */
@Repository
public class Inbox {

    static final String TABLE = "ref_inbox";

    /** How an entry arrived. */
    public enum Via {
        API, FORM
    }

    /** What an entry is. */
    public enum Kind {
        REFERRAL, INFORMATION
    }

    /** An entry as the matcher sees it; exactly one of {@code referral} and {@code information} is set. */
    public record Entry(UUID id, UUID organisationId, UUID partnerId, Via via, Kind kind, Instant receivedAt,
            InboundReferral referral, InboundInformation information) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;
    private final Clock clock;

    Inbox(JdbcClient jdbc, SystemSecrets secrets, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
    }

    public UUID append(UUID organisationId, UUID partnerId, Via via, InboundReferral referral) {
        return append(organisationId, partnerId, via, Kind.REFERRAL, JSON.writeValueAsString(referral));
    }

    public UUID append(UUID organisationId, UUID partnerId, Via via, InboundInformation information) {
        return append(organisationId, partnerId, via, Kind.INFORMATION, JSON.writeValueAsString(information));
    }

    /** The oldest entries of all organisations, for the matcher. */
    public List<Entry> oldest(int limit) {
        return jdbc.sql("SELECT id, org_id, partner_id, via, kind, received_at, payload FROM ref_inbox "
                + "ORDER BY received_at, id LIMIT ?").param(limit)
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    Kind kind = Kind.valueOf(rs.getString(5));
                    String json = secrets.cipher().decrypt(FieldRef.of(TABLE, id, "payload"), rs.getBytes(7));
                    return new Entry(id, rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            Via.valueOf(rs.getString(4)), kind, rs.getObject(6, OffsetDateTime.class).toInstant(),
                            kind == Kind.REFERRAL ? JSON.readValue(json, InboundReferral.class) : null,
                            kind == Kind.INFORMATION ? JSON.readValue(json, InboundInformation.class) : null);
                })
                .list();
    }

    /** Removes a handled entry; false when another node handled it first. */
    public boolean remove(UUID id) {
        return jdbc.sql("DELETE FROM ref_inbox WHERE id = ?").param(id).update() == 1;
    }

    private UUID append(UUID organisationId, UUID partnerId, Via via, Kind kind, String json) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO ref_inbox (id, org_id, partner_id, via, kind, payload, received_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, organisationId, partnerId, via.name(), kind.name(),
                        secrets.cipher().encrypt(FieldRef.of(TABLE, id, "payload"), json),
                        Timestamp.from(clock.instant()))
                .update();
        return id;
    }
}
