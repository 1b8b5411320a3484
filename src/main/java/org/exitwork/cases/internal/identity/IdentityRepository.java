package org.exitwork.cases.internal.identity;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code cas_identity}: the client's identity, each field encrypted with the client's key. */
@Repository
public class IdentityRepository {

    public record IdentityRow(byte[] fullName, byte[] dateOfBirth, byte[] contact, byte[] aliases) {
    }

    private final JdbcClient jdbc;

    IdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertIdentity(UUID clientId, IdentityRow i) {
        jdbc.sql("INSERT INTO cas_identity (client_id, full_name, date_of_birth, contact, aliases) VALUES (?, ?, ?, ?, ?)")
                .params(clientId, i.fullName(), i.dateOfBirth(), i.contact(), i.aliases()).update();
    }

    public Optional<IdentityRow> identity(UUID clientId) {
        return jdbc.sql("SELECT full_name, date_of_birth, contact, aliases FROM cas_identity WHERE client_id = ?")
                .param(clientId)
                .query((rs, n) -> new IdentityRow(rs.getBytes(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4)))
                .optional();
    }

    /** Whether the client belongs to the organisation: the vault answers nothing for other organisations' ids. */
    boolean belongsTo(UUID organisationId, UUID clientId) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE org_id = ? AND id = ?")
                .params(organisationId, clientId).query(Long.class).single() == 1;
    }
}
