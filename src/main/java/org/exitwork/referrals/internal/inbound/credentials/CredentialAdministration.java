package org.exitwork.referrals.internal.inbound.credentials;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.keys.FieldRef;
import org.exitwork.keys.SystemSecrets;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.referrals.internal.inbound.InboundActions;
import org.exitwork.referrals.internal.inbound.PartnerNames;
import org.exitwork.referrals.internal.inbound.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Managers issue and revoke API credentials for the organisation's active partners, security
 * partners included (they may refer, R7). The secret is shown once and kept encrypted with the
 * system key, because the server must compute the HMAC; revocation takes effect with the next call.
 */
@Service
public class CredentialAdministration {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A credential as the list shows it; never the secret. */
    public record Listed(UUID id, String partnerName, String keyId, Scope scope, Instant createdAt, Instant revokedAt) {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** A new credential: the secret is in here once and nowhere else in plain text. */
    public record Issued(UUID id, String partnerName, String keyId, Scope scope, String secret) {
    }

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;
    private final PartnerDirectory partners;
    private final AuditLog audit;
    private final Clock clock;

    CredentialAdministration(JdbcClient jdbc, SystemSecrets secrets, PartnerDirectory partners, AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Listed> list(StaffPrincipal who) {
        requireManager(who);
        var names = PartnerNames.of(partners.partners(who.organisationId()));
        return jdbc.sql("SELECT id, partner_id, key_id, scope, created_at, revoked_at FROM ref_credential "
                + "WHERE org_id = ? ORDER BY revoked_at NULLS FIRST, created_at DESC").param(who.organisationId())
                .query((rs, n) -> new Listed(rs.getObject(1, UUID.class), names.name(rs.getObject(2, UUID.class)),
                        rs.getString(3), Scope.valueOf(rs.getString(4)),
                        rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getObject(6, OffsetDateTime.class) == null ? null
                                : rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }

    @Transactional
    public Issued create(StaffPrincipal who, UUID partnerId, Scope scope) {
        requireManager(who);
        Partner partner = activePartner(partners, who, partnerId);
        UUID id = UUID.randomUUID();
        String keyId = "ek_" + token(12);
        String secret = token(32);
        jdbc.sql("INSERT INTO ref_credential (id, org_id, partner_id, key_id, scope, secret, created_at, created_by) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, who.organisationId(), partner.id(), keyId, scope.name(),
                        secrets.cipher().encrypt(FieldRef.of(CredentialStore.TABLE, id, "secret"), secret),
                        Timestamp.from(clock.instant()), who.id())
                .update();
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), InboundActions.CREDENTIAL_CREATED,
                partner.name(), "key " + keyId + ", scope " + scope.name()));
        return new Issued(id, partner.name(), keyId, scope, secret);
    }

    @Transactional
    public void revoke(StaffPrincipal who, UUID credentialId) {
        requireManager(who);
        var row = jdbc.sql("SELECT partner_id, key_id FROM ref_credential WHERE id = ? AND org_id = ?")
                .params(credentialId, who.organisationId())
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)}).optional()
                .orElseThrow(NotFoundException::new);
        int changed = jdbc.sql("UPDATE ref_credential SET revoked_at = ?, revoked_by = ? WHERE id = ? "
                + "AND revoked_at IS NULL").params(Timestamp.from(clock.instant()), who.id(), credentialId).update();
        if (changed == 1) {
            String name = partners.find(who.organisationId(), (UUID) row[0]).map(Partner::name).orElse(null);
            audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    InboundActions.CREDENTIAL_REVOKED, name, "key " + row[1]));
        }
    }

    public static Partner activePartner(PartnerDirectory partners, StaffPrincipal who, UUID partnerId) {
        return partners.find(who.organisationId(), partnerId).filter(Partner::active)
                .orElseThrow(NotFoundException::new);
    }

    public static void requireManager(StaffPrincipal who) {
        if (!who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
    }

    public static String token(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
