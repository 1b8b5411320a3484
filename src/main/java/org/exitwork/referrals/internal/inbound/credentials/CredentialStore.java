package org.exitwork.referrals.internal.inbound.credentials;

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
 * The request path's look-up of a credential by its public key id: only unrevoked credentials of
 * active partners are found (deactivating a partner stops its access at once).
 */
@Repository
public class CredentialStore {

    static final String TABLE = "ref_credential";

    /** An unrevoked credential with its secret, decrypted for computing the HMAC. */
    public record Active(UUID id, UUID organisationId, UUID partnerId, String keyId, Scope scope, byte[] secret) {
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
}
