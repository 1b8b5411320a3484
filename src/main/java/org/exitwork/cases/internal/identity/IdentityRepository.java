package org.exitwork.cases.internal.identity;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.cases.ClientIdentity;
import org.exitwork.keys.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code cas_identity}: the client's identity, each field encrypted with the client's key. */
@Repository
public class IdentityRepository {

    public record IdentityRow(byte[] fullName, byte[] dateOfBirth, byte[] contact, byte[] aliases) {

        /** The identity in plain text, opened with the client's key. */
        public ClientIdentity open(FieldCipher cipher, UUID clientId) {
            FieldCipher.RowCipher row = cipher.row("cas_identity", clientId);
            String dob = row.open("date_of_birth", dateOfBirth);
            return new ClientIdentity(row.open("full_name", fullName), dob == null ? null : LocalDate.parse(dob),
                    row.open("contact", contact), row.open("aliases", aliases));
        }
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

    /** The case's pseudonym, if there is such a case. */
    Optional<String> pseudonym(UUID clientId) {
        return jdbc.sql("SELECT pseudonym FROM cas_client WHERE id = ?").param(clientId).query(String.class).optional();
    }

    /** Whether the client belongs to the organisation: the vault answers nothing for other organisations' ids. */
    boolean belongsTo(UUID organisationId, UUID clientId) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE org_id = ? AND id = ?")
                .params(organisationId, clientId).query(Long.class).single() == 1;
    }
}
