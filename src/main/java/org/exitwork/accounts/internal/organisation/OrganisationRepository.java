package org.exitwork.accounts.internal.organisation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.OrganisationContact;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The organisation's name and contact in {@code acc_organisation}. Plain text: it is what the
 * organisation prints on every document it hands out, not a secret.
 */
@Repository
class OrganisationRepository {

    private final JdbcClient jdbc;

    OrganisationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<OrganisationContact> contact(UUID organisationId) {
        return jdbc.sql("SELECT name, postal_address, email, telephone, data_protection_contact "
                + "FROM acc_organisation WHERE id = ?").param(organisationId)
                .query((rs, n) -> new OrganisationContact(rs.getString("name"), rs.getString("postal_address"),
                        rs.getString("email"), rs.getString("telephone"), rs.getString("data_protection_contact")))
                .optional();
    }

    /** How many times the contact was saved: what a form showed and a save must be based on. */
    int version(UUID organisationId) {
        return jdbc.sql("SELECT contact_version FROM acc_organisation WHERE id = ?").param(organisationId)
                .query(Integer.class).optional().orElse(0);
    }

    /** Saves the contact if it is still at {@code basedOn}. @return false when it moved on meanwhile */
    boolean save(UUID organisationId, int basedOn, OrganisationContact contact, Instant at) {
        return jdbc.sql("UPDATE acc_organisation SET name = ?, postal_address = ?, email = ?, telephone = ?, "
                + "data_protection_contact = ?, contact_updated_at = ?, contact_version = contact_version + 1 "
                + "WHERE id = ? AND contact_version = ?")
                .params(contact.name(), contact.address(), contact.email(), contact.telephone(),
                        contact.dataProtection(), Timestamp.from(at), organisationId, basedOn)
                .update() == 1;
    }
}
