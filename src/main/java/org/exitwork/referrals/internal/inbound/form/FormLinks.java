package org.exitwork.referrals.internal.inbound.form;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.NotFoundException;
import org.exitwork.referrals.internal.inbound.InboundActions;
import org.exitwork.referrals.internal.inbound.PartnerNames;
import org.exitwork.referrals.internal.inbound.credentials.CredentialAdministration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Managers' side of the one-time links to the referral web form: a link is 32 random bytes, of
 * which only the SHA-256 is kept; valid 14 days, single use, withdrawable while unused.
 */
@Service
public class FormLinks {

    static final Duration VALID = Duration.ofDays(14);

    /** A link as the list shows it. */
    record Listed(UUID id, String partnerName, Instant createdAt, Instant expiresAt, Instant usedAt,
            Instant withdrawnAt) {
        public boolean open(Instant now) {
            return usedAt == null && withdrawnAt == null && expiresAt.isAfter(now);
        }
    }

    /** A new link: the token is in here once and nowhere else. */
    record Issued(UUID id, String partnerName, String token, Instant expiresAt) {
    }

    private final JdbcClient jdbc;
    private final PartnerDirectory partners;
    private final AuditLog audit;
    private final Clock clock;

    FormLinks(JdbcClient jdbc, PartnerDirectory partners, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
    }

    List<Listed> list(StaffPrincipal who) {
        CredentialAdministration.requireManager(who);
        var names = PartnerNames.of(partners.partners(who.organisationId()));
        return jdbc.sql("SELECT id, partner_id, created_at, expires_at, used_at, withdrawn_at FROM ref_form_link "
                + "WHERE org_id = ? ORDER BY created_at DESC").param(who.organisationId())
                .query((rs, n) -> new Listed(rs.getObject(1, UUID.class), names.name(rs.getObject(2, UUID.class)),
                        instant(rs.getObject(3, OffsetDateTime.class)), instant(rs.getObject(4, OffsetDateTime.class)),
                        instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class))))
                .list();
    }

    @Transactional
    Issued create(StaffPrincipal who, UUID partnerId) {
        CredentialAdministration.requireManager(who);
        Partner partner = CredentialAdministration.activePartner(partners, who, partnerId);
        UUID id = UUID.randomUUID();
        String token = CredentialAdministration.token(32);
        Instant now = clock.instant();
        Instant expires = now.plus(VALID);
        jdbc.sql("INSERT INTO ref_form_link (id, org_id, partner_id, token_hash, created_at, created_by, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, who.organisationId(), partner.id(), hash(token), Timestamp.from(now), who.id(),
                        Timestamp.from(expires))
                .update();
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), InboundActions.FORM_LINK_CREATED,
                partner.name(), "valid until " + expires));
        return new Issued(id, partner.name(), token, expires);
    }

    @Transactional
    void withdraw(StaffPrincipal who, UUID linkId) {
        CredentialAdministration.requireManager(who);
        UUID partnerId = jdbc.sql("SELECT partner_id FROM ref_form_link WHERE id = ? AND org_id = ?")
                .params(linkId, who.organisationId()).query(UUID.class).optional()
                .orElseThrow(NotFoundException::new);
        int changed = jdbc.sql("UPDATE ref_form_link SET withdrawn_at = ? WHERE id = ? AND used_at IS NULL "
                + "AND withdrawn_at IS NULL").params(Timestamp.from(clock.instant()), linkId).update();
        if (changed == 1) {
            audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    InboundActions.FORM_LINK_WITHDRAWN,
                    partners.find(who.organisationId(), partnerId).map(Partner::name).orElse(null), null));
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

}
