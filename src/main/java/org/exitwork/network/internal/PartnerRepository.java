package org.exitwork.network.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.FieldRef;
import org.exitwork.keys.SystemSecrets;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerContact;
import org.exitwork.network.PartnerKind;
import org.exitwork.platform.KeysetPage;
import org.exitwork.network.internal.PartnerRegistry.Contact;
import org.exitwork.network.internal.PartnerRegistry.Details;
import org.exitwork.network.internal.PartnerRegistry.Draft;
import org.exitwork.network.internal.PartnerRegistry.Summary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one place for the SQL of partners and their contacts ({@code net_partner},
 * {@code net_partner_contact}): the registry's writes and the directory's reads. Mandate, agreement
 * reference and contacts are ciphertext under the system key, bound to table|row|field.
 */
@Repository
class PartnerRepository {

    static final String PARTNERS = "net_partner";
    static final String CONTACTS = "net_partner_contact";

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;

    PartnerRepository(JdbcClient jdbc, SystemSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /**
     * One page of the registry, active partners first, then by name and id: the {@code limit} after the
     * partner {@code after}, or before the partner {@code before} read backwards; only of the given kinds
     * when some are given. Keyset on net_partner_list (V1_60_2), no OFFSET; a cursor of another
     * organisation matches nothing, so the page is empty.
     */
    List<Summary> summaries(UUID organisationId, java.util.Collection<PartnerKind> kinds, UUID after, UUID before,
            int limit) {
        boolean backwards = KeysetPage.backwards(after, before);
        UUID cursor = backwards ? before : after;
        StringBuilder sql = new StringBuilder("SELECT p.id, p.name, p.kind, p.agreement, p.active FROM " + PARTNERS + " p");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (cursor != null) {
            sql.append(" JOIN " + PARTNERS + " k ON k.id = :cursor AND k.org_id = p.org_id");
            params.put("cursor", cursor);
        }
        sql.append(" WHERE p.org_id = :org");
        params.put("org", organisationId);
        if (!kinds.isEmpty()) {
            sql.append(" AND p.kind IN (:kinds)");
            params.put("kinds", kinds.stream().map(Enum::name).toList());
        }
        if (cursor != null) {
            // Active (true) before inactive (false), then name, then id.
            sql.append(backwards
                    ? " AND (p.active > k.active OR (p.active = k.active AND (p.name < k.name OR (p.name = k.name AND p.id < k.id))))"
                    : " AND (p.active < k.active OR (p.active = k.active AND (p.name > k.name OR (p.name = k.name AND p.id > k.id))))");
        }
        sql.append(backwards ? " ORDER BY p.active, p.name DESC, p.id DESC" : " ORDER BY p.active DESC, p.name, p.id")
                .append(" FETCH FIRST :limit ROWS ONLY");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> summary(rs)).list();
    }

    /** The partner without its contacts. */
    Optional<Details> details(UUID organisationId, UUID partnerId) {
        FieldCipher cipher = secrets.cipher();
        return jdbc.sql("SELECT id, name, kind, mandate, agreement, agreement_from, agreement_until, "
                + "agreement_reference, active FROM " + PARTNERS + " WHERE org_id = ? AND id = ?")
                .params(organisationId, partnerId)
                .query((rs, n) -> details(rs, cipher)).optional();
    }

    List<Contact> contacts(UUID organisationId, UUID partnerId) {
        FieldCipher cipher = secrets.cipher();
        return jdbc.sql("SELECT id, name, role, phone, email FROM " + CONTACTS
                + " WHERE partner_id = ? AND org_id = ? ORDER BY position")
                .params(partnerId, organisationId)
                .query((rs, n) -> contact(rs, cipher)).list();
    }

    /** The partner, locked until the transaction ends. */
    Optional<Summary> lock(UUID organisationId, UUID partnerId) {
        return jdbc.sql("SELECT id, name, kind, agreement, active FROM " + PARTNERS
                + " WHERE org_id = ? AND id = ? FOR UPDATE")
                .params(organisationId, partnerId)
                .query((rs, n) -> summary(rs))
                .optional();
    }

    Optional<String> name(UUID organisationId, UUID partnerId) {
        return jdbc.sql("SELECT name FROM " + PARTNERS + " WHERE org_id = ? AND id = ?")
                .params(organisationId, partnerId).query(String.class).optional();
    }

    boolean nameTaken(UUID organisationId, String name, UUID except) {
        return jdbc.sql("SELECT id FROM " + PARTNERS + " WHERE org_id = ? AND name = ?")
                .params(organisationId, name).query(UUID.class).list().stream().anyMatch(id -> !id.equals(except));
    }

    void insert(UUID organisationId, UUID id, Draft draft, Timestamp now) {
        FieldCipher cipher = secrets.cipher();
        jdbc.sql("INSERT INTO " + PARTNERS + " (id, org_id, name, kind, active, created_at, mandate, agreement, "
                + "agreement_from, agreement_until, agreement_reference, updated_at) "
                + "VALUES (?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, organisationId, draft.name(), draft.kind().name(), now,
                        cipher.encrypt(ref(PARTNERS, id, "mandate"), draft.mandate()), draft.agreement().name(),
                        formal(draft) ? draft.agreementFrom() : null, formal(draft) ? draft.agreementUntil() : null,
                        formal(draft) ? cipher.encrypt(ref(PARTNERS, id, "agreement_reference"),
                                draft.agreementReference()) : null,
                        now)
                .update();
        writeContacts(organisationId, id, draft.contacts(), cipher, now);
    }

    /**
     * Changes the partner if its kind is still {@code kind} and replaces its contacts.
     *
     * @return false when the partner changed meanwhile (then nothing was written)
     */
    boolean update(UUID organisationId, UUID partnerId, PartnerKind kind, Draft draft, Timestamp now) {
        FieldCipher cipher = secrets.cipher();
        int changed = jdbc.sql("UPDATE " + PARTNERS + " SET name = ?, kind = ?, mandate = ?, agreement = ?, "
                + "agreement_from = ?, agreement_until = ?, agreement_reference = ?, updated_at = ? "
                + "WHERE org_id = ? AND id = ? AND kind = ?")
                .params(draft.name(), draft.kind().name(), cipher.encrypt(ref(PARTNERS, partnerId, "mandate"),
                        draft.mandate()), draft.agreement().name(),
                        formal(draft) ? draft.agreementFrom() : null, formal(draft) ? draft.agreementUntil() : null,
                        formal(draft) ? cipher.encrypt(ref(PARTNERS, partnerId, "agreement_reference"),
                                draft.agreementReference()) : null,
                        now, organisationId, partnerId, kind.name())
                .update();
        if (changed != 1) {
            return false;
        }
        jdbc.sql("DELETE FROM " + CONTACTS + " WHERE partner_id = ? AND org_id = ?")
                .params(partnerId, organisationId).update();
        writeContacts(organisationId, partnerId, draft.contacts(), cipher, now);
        return true;
    }

    /** @return whether the flag changed */
    boolean setActive(UUID organisationId, UUID partnerId, boolean active, Timestamp now) {
        return jdbc.sql("UPDATE " + PARTNERS + " SET active = ?, updated_at = ? "
                + "WHERE org_id = ? AND id = ? AND active <> ?")
                .params(active, now, organisationId, partnerId, active).update() == 1;
    }

    // The directory's reads (other modules' view of a partner).

    Optional<Partner> partner(UUID organisationId, UUID partnerId) {
        return jdbc.sql("SELECT id, org_id, name, kind, active FROM net_partner WHERE org_id = ? AND id = ?")
                .params(organisationId, partnerId).query((rs, n) -> partner(rs)).optional();
    }

    java.util.Map<UUID, Partner> partners(UUID organisationId, java.util.Collection<UUID> partnerIds) {
        java.util.Map<UUID, Partner> found = new java.util.HashMap<>();
        if (partnerIds.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT id, org_id, name, kind, active FROM net_partner WHERE org_id = :org AND id IN (:ids)")
                .param("org", organisationId).param("ids", List.copyOf(new java.util.HashSet<>(partnerIds)))
                .query((rs, n) -> partner(rs)).list().forEach(p -> found.put(p.id(), p));
        return found;
    }

    /** Whether the organisation has an active partner (the set-up checklist), without reading its partners. */
    boolean anyActive(UUID organisationId) {
        return !jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND active = TRUE FETCH FIRST 1 ROWS ONLY")
                .param(organisationId).query(UUID.class).list().isEmpty();
    }

    List<Partner> partners(UUID organisationId) {
        return jdbc.sql("SELECT id, org_id, name, kind, active FROM net_partner WHERE org_id = ? "
                + "ORDER BY active DESC, name").param(organisationId).query((rs, n) -> partner(rs)).list();
    }

    List<PartnerContact> partnerContacts(UUID organisationId, UUID partnerId) {
        FieldCipher cipher = secrets.cipher();
        return jdbc.sql("SELECT id, name, role, phone, email FROM " + CONTACTS
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

    private void writeContacts(UUID organisationId, UUID partnerId, List<Contact> contacts, FieldCipher cipher,
            Timestamp now) {
        int position = 0;
        for (Contact c : contacts) {
            UUID id = UUID.randomUUID();
            jdbc.sql("INSERT INTO " + CONTACTS + " (id, partner_id, org_id, position, name, role, phone, email, "
                    + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, partnerId, organisationId, position++,
                            cipher.encrypt(ref(CONTACTS, id, "name"), c.name()),
                            cipher.encrypt(ref(CONTACTS, id, "role"), blankToNull(c.role())),
                            cipher.encrypt(ref(CONTACTS, id, "phone"), blankToNull(c.phone())),
                            cipher.encrypt(ref(CONTACTS, id, "email"), blankToNull(c.email())), now)
                    .update();
        }
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        return new Summary(rs.getObject("id", UUID.class), rs.getString("name"),
                PartnerKind.valueOf(rs.getString("kind")), Agreement.valueOf(rs.getString("agreement")),
                rs.getBoolean("active"));
    }

    private static Details details(ResultSet rs, FieldCipher cipher) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        byte[] reference = rs.getBytes("agreement_reference");
        byte[] mandate = rs.getBytes("mandate");
        return new Details(id, rs.getString("name"), PartnerKind.valueOf(rs.getString("kind")),
                mandate == null ? null : cipher.decrypt(ref(PARTNERS, id, "mandate"), mandate),
                Agreement.valueOf(rs.getString("agreement")), rs.getObject("agreement_from", LocalDate.class),
                rs.getObject("agreement_until", LocalDate.class),
                reference == null ? null : cipher.decrypt(ref(PARTNERS, id, "agreement_reference"), reference),
                rs.getBoolean("active"), List.of());
    }

    private static Contact contact(ResultSet rs, FieldCipher cipher) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Contact(decrypt(cipher, id, "name", rs.getBytes("name")),
                decrypt(cipher, id, "role", rs.getBytes("role")), decrypt(cipher, id, "phone", rs.getBytes("phone")),
                decrypt(cipher, id, "email", rs.getBytes("email")));
    }

    private static Partner partner(ResultSet rs) throws SQLException {
        return new Partner(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
                PartnerKind.valueOf(rs.getString("kind")), rs.getBoolean("active"));
    }

    private static String decrypt(FieldCipher cipher, UUID id, String field, byte[] value) {
        return value == null ? null : cipher.decrypt(ref(CONTACTS, id, field), value);
    }

    private static boolean formal(Draft draft) {
        return draft.agreement() == Agreement.FORMAL;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static FieldRef ref(String table, UUID id, String field) {
        return FieldRef.of(table, id, field);
    }
}
