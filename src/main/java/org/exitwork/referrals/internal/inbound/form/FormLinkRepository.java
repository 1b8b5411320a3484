package org.exitwork.referrals.internal.inbound.form;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the one-time form links ({@code ref_form_link}): the managers' side ({@link FormLinks})
 * and the request path's check and consumption ({@link FormSubmissions}). Only the token's SHA-256
 * is stored. Holds nothing but this SQL, since it is on the request path.
 */
@Repository
public class FormLinkRepository {

    /** A link as stored. */
    record Row(UUID id, UUID partnerId, Instant createdAt, Instant expiresAt, Instant usedAt, Instant withdrawnAt) {
    }

    private final JdbcClient jdbc;

    FormLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> list(UUID organisationId) {
        return jdbc.sql("SELECT id, partner_id, created_at, expires_at, used_at, withdrawn_at FROM ref_form_link "
                + "WHERE org_id = ? ORDER BY created_at DESC").param(organisationId)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        instant(rs.getObject(3, OffsetDateTime.class)), instant(rs.getObject(4, OffsetDateTime.class)),
                        instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class))))
                .list();
    }

    void insert(UUID id, UUID organisationId, UUID partnerId, String tokenHash, Instant createdAt, UUID createdBy,
            Instant expiresAt) {
        jdbc.sql("INSERT INTO ref_form_link (id, org_id, partner_id, token_hash, created_at, created_by, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, organisationId, partnerId, tokenHash, Timestamp.from(createdAt), createdBy,
                        Timestamp.from(expiresAt))
                .update();
    }

    /** The link's partner, if the link is the organisation's. */
    Optional<UUID> partnerOf(UUID organisationId, UUID linkId) {
        return jdbc.sql("SELECT partner_id FROM ref_form_link WHERE id = ? AND org_id = ?")
                .params(linkId, organisationId).query(UUID.class).optional();
    }

    /** @return whether it was withdrawn now (false when used or withdrawn already) */
    boolean withdraw(UUID linkId, Instant at) {
        return jdbc.sql("UPDATE ref_form_link SET withdrawn_at = ? WHERE id = ? AND used_at IS NULL "
                + "AND withdrawn_at IS NULL").params(Timestamp.from(at), linkId).update() == 1;
    }

    /** The link with this token hash, if unused, not withdrawn and not expired at {@code now}. */
    /** Withdraws every unused link of a partner. @return how many */
    int withdrawUnusedOf(UUID organisationId, UUID partnerId, Instant at) {
        return jdbc.sql("UPDATE ref_form_link SET withdrawn_at = ? WHERE org_id = ? AND partner_id = ? "
                + "AND used_at IS NULL AND withdrawn_at IS NULL")
                .params(Timestamp.from(at), organisationId, partnerId).update();
    }

    Optional<FormSubmissions.Link> open(String tokenHash, Instant now) {
        return jdbc.sql("SELECT id, org_id, partner_id FROM ref_form_link WHERE token_hash = ? AND used_at IS NULL "
                + "AND withdrawn_at IS NULL AND expires_at > ?").params(tokenHash, Timestamp.from(now))
                .query((rs, n) -> new FormSubmissions.Link(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class)))
                .optional();
    }

    /** Uses the link up: a conditional update, so it is used once even on two nodes. */
    boolean consume(UUID linkId, Instant now) {
        return jdbc.sql("UPDATE ref_form_link SET used_at = ? WHERE id = ? AND used_at IS NULL "
                + "AND withdrawn_at IS NULL AND expires_at > ?")
                .params(Timestamp.from(now), linkId, Timestamp.from(now)).update() == 1;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
