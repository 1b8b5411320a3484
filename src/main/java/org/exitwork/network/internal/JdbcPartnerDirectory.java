package org.exitwork.network.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.FieldRef;
import org.exitwork.keys.SystemSecrets;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerContact;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.network.PartnerKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcPartnerDirectory implements PartnerDirectory {

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;

    JdbcPartnerDirectory(JdbcClient jdbc, SystemSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Partner> find(UUID organisationId, UUID partnerId) {
        return jdbc.sql("SELECT id, org_id, name, kind, active FROM net_partner WHERE org_id = ? AND id = ?")
                .params(organisationId, partnerId).query((rs, n) -> partner(rs)).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Partner> partners(UUID organisationId) {
        return jdbc.sql("SELECT id, org_id, name, kind, active FROM net_partner WHERE org_id = ? "
                + "ORDER BY active DESC, name").param(organisationId).query((rs, n) -> partner(rs)).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<PartnerContact> contacts(UUID organisationId, UUID partnerId) {
        FieldCipher cipher = secrets.cipher();
        return jdbc.sql("SELECT id, name, role, phone, email FROM " + PartnerRegistry.CONTACTS
                + " WHERE partner_id = ? AND org_id = ? ORDER BY position")
                .params(partnerId, organisationId)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new PartnerContact(id, decrypt(cipher, id, "name", rs.getBytes("name")),
                            decrypt(cipher, id, "role", rs.getBytes("role")),
                            decrypt(cipher, id, "phone", rs.getBytes("phone")),
                            decrypt(cipher, id, "email", rs.getBytes("email")));
                }).list();
    }

    private static String decrypt(FieldCipher cipher, UUID id, String field, byte[] value) {
        return value == null ? null : cipher.decrypt(FieldRef.of(PartnerRegistry.CONTACTS, id, field), value);
    }

    private static Partner partner(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Partner(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
                PartnerKind.valueOf(rs.getString("kind")), rs.getBoolean("active"));
    }
}
