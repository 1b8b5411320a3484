package org.exitwork.referrals.internal.inbound.credentials;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.keys.FieldRef;
import org.exitwork.keys.SystemSecrets;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.referrals.internal.inbound.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the credentials ({@code ref_credential}). The request path's look-up of a credential by
 * its public key id: only unrevoked credentials of active partners are found (deactivating a partner
 * stops its access at once). Beside it, the managers' list, issue and revocation
 * ({@link CredentialAdministration}).
 */
@Repository
public class CredentialStore {

    static final String TABLE = "ref_credential";

    /** An unrevoked credential with its secret, decrypted for computing the HMAC. */
    public record Active(UUID id, UUID organisationId, UUID partnerId, String keyId, Scope scope, byte[] secret) {
    }

    /** A credential as stored, without its secret. */
    public record Row(UUID id, UUID partnerId, String keyId, Scope scope, Instant createdAt, Instant revokedAt) {
    }

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;
    private final PartnerDirectory partners;

    CredentialStore(JdbcClient jdbc, SystemSecrets secrets, PartnerDirectory partners) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.partners = partners;
    }

    public Optional<Active> find(String keyId) {
        return jdbc.sql("SELECT id, org_id, partner_id, key_id, scope, secret FROM ref_credential "
                + "WHERE key_id = ? AND revoked_at IS NULL").param(keyId)
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    String secret = secrets.cipher().decrypt(FieldRef.of(TABLE, id, "secret"), rs.getBytes(6));
                    return new Active(id, rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4),
                            Scope.valueOf(rs.getString(5)), java.util.Base64.getUrlDecoder().decode(secret));
                })
                .optional()
                .filter(c -> partners.find(c.organisationId(), c.partnerId()).filter(Partner::active).isPresent());
    }

    /** The organisation's credentials, unrevoked first, newest first. */
    public List<Row> list(UUID organisationId) {
        return jdbc.sql("SELECT id, partner_id, key_id, scope, created_at, revoked_at FROM ref_credential "
                + "WHERE org_id = ? ORDER BY revoked_at NULLS FIRST, created_at DESC").param(organisationId)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), Scope.valueOf(rs.getString(4)),
                        rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getObject(6, OffsetDateTime.class) == null ? null
                                : rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Stores a new credential, its secret encrypted with the system key, bound to ref_credential|id|secret. */
    public void insert(UUID id, UUID organisationId, UUID partnerId, String keyId, Scope scope, String secret,
            Instant createdAt, UUID createdBy) {
        jdbc.sql("INSERT INTO ref_credential (id, org_id, partner_id, key_id, scope, secret, created_at, created_by) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, organisationId, partnerId, keyId, scope.name(),
                        secrets.cipher().encrypt(FieldRef.of(TABLE, id, "secret"), secret),
                        Timestamp.from(createdAt), createdBy)
                .update();
    }

    /** Whose a credential is and its public key id. */
    public record PartnerKey(UUID partnerId, String keyId) {
    }

    /** The credential's partner and key id, if it is the organisation's. */
    public Optional<PartnerKey> partnerAndKey(UUID organisationId, UUID credentialId) {
        return jdbc.sql("SELECT partner_id, key_id FROM ref_credential WHERE id = ? AND org_id = ?")
                .params(credentialId, organisationId)
                .query((rs, n) -> new PartnerKey(rs.getObject(1, UUID.class), rs.getString(2))).optional();
    }

    /** @return whether it was revoked now (false when it already was) */
    public boolean revoke(UUID credentialId, Instant at, UUID by) {
        return jdbc.sql("UPDATE ref_credential SET revoked_at = ?, revoked_by = ? WHERE id = ? "
                + "AND revoked_at IS NULL").params(Timestamp.from(at), by, credentialId).update() == 1;
    }

    /** Revokes every credential of a partner that is not revoked yet. @return how many */
    public int revokeAllOf(UUID organisationId, UUID partnerId, Instant at, UUID by) {
        return jdbc.sql("UPDATE ref_credential SET revoked_at = ?, revoked_by = ? WHERE org_id = ? "
                + "AND partner_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(at), by, organisationId, partnerId).update();
    }
}
