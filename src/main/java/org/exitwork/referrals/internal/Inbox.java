package org.exitwork.referrals.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.exitwork.keys.FieldRef;
import org.exitwork.keys.SystemSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;
    private final Clock clock;
    private final org.exitwork.keys.ErasureJournal journal;

    Inbox(JdbcClient jdbc, SystemSecrets secrets, Clock clock, org.exitwork.keys.ErasureJournal journal) {
        this.journal = journal;
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

    /** The oldest entries of all organisations, for the matcher; entries that failed before come last. */
    public List<Entry> oldest(int limit) {
        List<Sealed> sealed = jdbc.sql("SELECT id, org_id, partner_id, via, kind, received_at, payload FROM ref_inbox "
                + "ORDER BY attempts, received_at, id LIMIT ?").param(limit)
                .query((rs, n) -> new Sealed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), Via.valueOf(rs.getString(4)), Kind.valueOf(rs.getString(5)),
                        rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getBytes(7)))
                .list();
        List<Entry> entries = new ArrayList<>(sealed.size());
        for (Sealed s : sealed) {
            try {
                String json = secrets.cipher().decrypt(FieldRef.of(TABLE, s.id(), "payload"), s.payload());
                entries.add(new Entry(s.id(), s.organisationId(), s.partnerId(), s.via(), s.kind(), s.receivedAt(),
                        s.kind() == Kind.REFERRAL ? JSON.readValue(json, InboundReferral.class) : null,
                        s.kind() == Kind.INFORMATION ? JSON.readValue(json, InboundInformation.class) : null));
            } catch (RuntimeException e) {
                // One unreadable entry must not hold up the others: it goes behind them.
                LOG.warn("Inbox entry {} cannot be read ({})", s.id(), e.getClass().getSimpleName());
                failed(s.id());
            }
        }
        return entries;
    }

    private record Sealed(UUID id, UUID organisationId, UUID partnerId, Via via, Kind kind, Instant receivedAt,
            byte[] payload) {
    }

    /** Whether a referral of this partner that arrived no later than {@code until} still waits in the inbox. */
    public boolean referralWaiting(UUID organisationId, UUID partnerId, Instant until) {
        return jdbc.sql("SELECT COUNT(*) FROM ref_inbox WHERE org_id = ? AND partner_id = ? AND kind = 'REFERRAL' "
                + "AND received_at <= ?").params(organisationId, partnerId, Timestamp.from(until)).query(Long.class)
                .single() > 0;
    }

    /** Entries that could not be matched for this long go (R20): their organisations, for the audit. */
    public List<UUID> discardStuck(Instant receivedBefore) {
        List<UUID[]> stuck = jdbc.sql("SELECT id, org_id FROM ref_inbox WHERE received_at < ? AND attempts > 0")
                .param(Timestamp.from(receivedBefore))
                .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}).list();
        List<UUID> organisations = new java.util.ArrayList<>();
        for (UUID[] entry : stuck) {
            if (remove(entry[0])) {
                organisations.add(entry[1]);
            }
        }
        return organisations;
    }

    /** Counts a failed attempt to match an entry, which puts it behind the entries not yet tried. */
    public void failed(UUID id) {
        jdbc.sql("UPDATE ref_inbox SET attempts = attempts + 1 WHERE id = ?").param(id).update();
    }

    /**
     * Removes a handled or discarded entry; false when another node handled it first. Journaled as an
     * erasure: after a restore of a backup that still holds it, it must not be matched (and a person
     * declined meanwhile come back) again.
     */
    public boolean remove(UUID id) {
        boolean removed = jdbc.sql("DELETE FROM ref_inbox WHERE id = ?").param(id).update() == 1;
        if (removed) {
            journal.recordErasure(id);
        }
        return removed;
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
