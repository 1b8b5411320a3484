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

    /**
     * One page of the organisation's one-time links, newest first by (created_at, id) descending; only the
     * open ones (neither used nor withdrawn nor expired at {@code now}) when asked: the {@code limit} after
     * the link {@code after} (older), or before the link {@code before} (newer) read backwards. Keyset on
     * ref_form_link_list (V1_61_3), no OFFSET; a cursor of another organisation matches nothing.
     */
    List<Row> page(UUID organisationId, boolean openOnly, Instant now, UUID after, UUID before, int limit) {
        boolean backwards = after == null && before != null;
        UUID cursor = backwards ? before : after;
        StringBuilder sql = new StringBuilder("SELECT l.id, l.partner_id, l.created_at, l.expires_at, l.used_at, "
                + "l.withdrawn_at FROM ref_form_link l");
        List<Object> params = new java.util.ArrayList<>();
        if (cursor != null) {
            sql.append(" JOIN ref_form_link k ON k.id = ? AND k.org_id = l.org_id");
            params.add(cursor);
        }
        sql.append(" WHERE l.org_id = ?");
        params.add(organisationId);
        if (openOnly) {
            sql.append(" AND l.used_at IS NULL AND l.withdrawn_at IS NULL AND l.expires_at > ?");
            params.add(Timestamp.from(now));
        }
        if (cursor != null) {
            String op = backwards ? ">" : "<";
            sql.append(" AND (l.created_at " + op + " k.created_at OR (l.created_at = k.created_at AND l.id " + op + " k.id))");
        }
        sql.append(backwards ? " ORDER BY l.created_at, l.id" : " ORDER BY l.created_at DESC, l.id DESC")
                .append(" FETCH FIRST ? ROWS ONLY");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params)
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
