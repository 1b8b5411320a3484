package org.exitwork.disclosure.internal.share;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.cases.ClientErased;
import org.exitwork.consent.DataKind;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code dis_share}: which disclosure, to whom, under which consent, which kinds, the
 * link's expiry and the SHA-256 of its token. Nothing in words: what went out is the disclosure's
 * content, kept (encrypted) by the disclosure log. The client's shares go with their erasure.
 */
@Repository
class ShareRepository {

    /** A share as stored. */
    record Stored(UUID id, UUID orgId, UUID clientId, UUID disclosureId, UUID partnerId, UUID consentId,
            Set<DataKind> kinds, Shares.Form form, String language, UUID sharedBy, Instant sharedAt, Instant expiresAt,
            Instant withdrawnAt) {
    }

    private static final String COLUMNS = "id, org_id, client_id, disclosure_id, partner_id, consent_id, kinds, form, "
            + "language, shared_by, shared_at, link_expires_at, withdrawn_at";

    private final JdbcClient jdbc;

    ShareRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code withdrawnAt} of a new share is null; {@code tokenHash} is the link's SHA-256. */
    void insert(Stored share, byte[] tokenHash) {
        jdbc.sql("INSERT INTO dis_share (" + COLUMNS.replace(", withdrawn_at", "") + ", token_hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(share.id(), share.orgId(), share.clientId(), share.disclosureId(), share.partnerId(),
                        share.consentId(), String.join(",", share.kinds().stream().map(Enum::name).toList()),
                        share.form().name(), share.language(), share.sharedBy(), Timestamp.from(share.sharedAt()),
                        Timestamp.from(share.expiresAt()), tokenHash)
                .update();
    }

    /** The client's shares, newest first. */
    List<Stored> ofClient(UUID organisationId, UUID clientId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_share WHERE client_id = ? AND org_id = ? "
                + "ORDER BY shared_at DESC, id").params(clientId, organisationId).query((rs, n) -> stored(rs)).list();
    }

    Optional<Stored> find(UUID organisationId, UUID clientId, UUID shareId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_share WHERE id = ? AND client_id = ? AND org_id = ?")
                .params(shareId, clientId, organisationId).query((rs, n) -> stored(rs)).optional();
    }

    Optional<Stored> byTokenHash(byte[] tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_share WHERE token_hash = ?").param(tokenHash)
                .query((rs, n) -> stored(rs)).optional();
    }

    /** False when the link was withdrawn already. */
    boolean withdraw(UUID clientId, UUID shareId, UUID by, Instant at) {
        return jdbc.sql("UPDATE dis_share SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND client_id = ? "
                + "AND withdrawn_at IS NULL").params(Timestamp.from(at), by, shareId, clientId).update() == 1;
    }

    @EventListener
    void on(ClientErased erased) {
        // Today's count of the client's links goes with them (LinkUses would keep it until tomorrow's first use).
        jdbc.sql("DELETE FROM dis_link_use WHERE link_id IN (SELECT id FROM dis_share WHERE client_id = ?)")
                .param(erased.clientId()).update();
        jdbc.sql("DELETE FROM dis_share WHERE client_id = ?").param(erased.clientId()).update();
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        OffsetDateTime withdrawn = rs.getObject(13, OffsetDateTime.class);
        EnumSet<DataKind> kinds = EnumSet.noneOf(DataKind.class);
        Arrays.stream(rs.getString(7).split(",")).filter(s -> !s.isEmpty()).map(DataKind::valueOf).forEach(kinds::add);
        return new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getObject(6, UUID.class), kinds,
                Shares.Form.valueOf(rs.getString(8)), rs.getString(9), rs.getObject(10, UUID.class),
                rs.getObject(11, OffsetDateTime.class).toInstant(), rs.getObject(12, OffsetDateTime.class).toInstant(),
                withdrawn == null ? null : withdrawn.toInstant());
    }
}
