package org.exitwork.referrals.internal.inbound.credentials;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.referrals.internal.inbound.InboundActions;
import org.exitwork.referrals.internal.inbound.PartnerNames;
import org.exitwork.referrals.internal.inbound.Scope;
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

    private final CredentialStore store;
    private final PartnerDirectory partners;
    private final AuditLog audit;
    private final Clock clock;

    CredentialAdministration(CredentialStore store, PartnerDirectory partners, AuditLog audit, Clock clock) {
        this.store = store;
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Listed> list(StaffPrincipal who) {
        requireManager(who);
        var names = PartnerNames.of(partners.partners(who.organisationId()));
        return store.list(who.organisationId()).stream()
                .map(r -> new Listed(r.id(), names.name(r.partnerId()), r.keyId(), r.scope(), r.createdAt(),
                        r.revokedAt()))
                .toList();
    }

    @Transactional
    public Issued create(StaffPrincipal who, UUID partnerId, Scope scope) {
        requireManager(who);
        Partner partner = activePartner(partners, who, partnerId);
        UUID id = UUID.randomUUID();
        String keyId = "ek_" + token(12);
        String secret = token(32);
        store.insert(id, who.organisationId(), partner.id(), keyId, scope, secret, clock.instant(), who.id());
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), InboundActions.CREDENTIAL_CREATED,
                partner.name(), AuditDetail.of("referral.credential-created", keyId, scope.name())));
        return new Issued(id, partner.name(), keyId, scope, secret);
    }

    @Transactional
    public void revoke(StaffPrincipal who, UUID credentialId) {
        requireManager(who);
        var row = store.partnerAndKey(who.organisationId(), credentialId).orElseThrow(NotFoundException::new);
        if (store.revoke(credentialId, clock.instant(), who.id())) {
            String name = partners.find(who.organisationId(), row.partnerId()).map(Partner::name).orElse(null);
            audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    InboundActions.CREDENTIAL_REVOKED, name, AuditDetail.of("referral.credential-revoked", row.keyId())));
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
