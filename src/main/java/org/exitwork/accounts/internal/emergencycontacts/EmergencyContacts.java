package org.exitwork.accounts.internal.emergencycontacts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.internal.account.Account;
import org.exitwork.accounts.internal.account.AccountRepository;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.FieldRef;
import org.exitwork.keys.SystemSecrets;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff emergency contacts (R14): each staff member keeps their own; only the managers of the same
 * organisation read them, and every such read is audited. Name, relation and phone are encrypted with
 * the system key bound to the row. There is no address field.
 */
@Service
class EmergencyContacts {

    static final String TABLE = "acc_emergency_contact";

    /** One contact, decrypted. */
    record EmergencyContact(UUID id, UUID staffId, String name, String relation, String phone) {
    }

    /** A staff member and their contacts, for the manager's page. */
    record StaffContacts(StaffMember staff, List<EmergencyContact> contacts) {
    }

    private record Row(UUID id, UUID staffId, byte[] name, byte[] relation, byte[] phone) {
    }

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;
    private final AuditLog audit;
    private final AccountRepository accounts;
    private final Clock clock;

    EmergencyContacts(JdbcClient jdbc, SystemSecrets secrets, AuditLog audit, AccountRepository accounts,
            Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.audit = audit;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The signed-in staff member's own contacts. */
    @Transactional(readOnly = true)
    public List<EmergencyContact> own(StaffPrincipal who) {
        return decrypt(rows("WHERE staff_id = ? AND org_id = ?", who.id(), who.organisationId()));
    }

    @Transactional
    public void add(StaffPrincipal who, String name, String relation, String phone) {
        UUID id = UUID.randomUUID();
        FieldCipher cipher = secrets.cipher();
        jdbc.sql("INSERT INTO " + TABLE + " (id, staff_id, org_id, name, relation, phone, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, who.id(), who.organisationId(), cipher.encrypt(ref(id, "name"), name),
                        cipher.encrypt(ref(id, "relation"), relation), cipher.encrypt(ref(id, "phone"), phone),
                        Timestamp.from(clock.instant()))
                .update();
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                EmergencyContactActions.EMERGENCY_CONTACT_ADDED, who.username(), null));
    }

    /** Removes one of the signed-in staff member's own contacts; anyone else's answers 404. */
    @Transactional
    public void remove(StaffPrincipal who, UUID contactId) {
        int removed = jdbc.sql("DELETE FROM " + TABLE + " WHERE id = ? AND staff_id = ? AND org_id = ?")
                .params(contactId, who.id(), who.organisationId()).update();
        if (removed == 0) {
            throw new NotFoundException();
        }
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                EmergencyContactActions.EMERGENCY_CONTACT_REMOVED, who.username(), null));
    }

    /** Every active staff member of the manager's organisation with their contacts. Audited. */
    @Transactional
    public List<StaffContacts> ofOrganisation(StaffPrincipal manager) {
        if (!manager.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
        Map<UUID, List<EmergencyContact>> byStaff = new LinkedHashMap<>();
        List<EmergencyContact> all = decrypt(rows("WHERE org_id = ?", manager.organisationId()));
        for (EmergencyContact contact : all) {
            byStaff.computeIfAbsent(contact.staffId(), k -> new ArrayList<>()).add(contact);
        }
        List<StaffContacts> result = accounts.ofOrganisation(manager.organisationId()).stream()
                .filter(Account::active)
                .map(a -> new StaffContacts(a.member(), byStaff.getOrDefault(a.id(), List.of())))
                .toList();
        audit.record(new AuditEvent(manager.organisationId(), manager.id(), manager.username(),
                EmergencyContactActions.EMERGENCY_CONTACTS_READ, null,
                "staff=" + result.size() + " contacts=" + all.size()));
        return result;
    }

    private List<Row> rows(String where, Object... params) {
        return jdbc.sql("SELECT id, staff_id, name, relation, phone FROM " + TABLE + " " + where
                + " ORDER BY created_at, id")
                .params(params)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("staff_id", UUID.class),
                        rs.getBytes("name"), rs.getBytes("relation"), rs.getBytes("phone")))
                .list();
    }

    private List<EmergencyContact> decrypt(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        FieldCipher cipher = secrets.cipher();
        return rows.stream().map(r -> new EmergencyContact(r.id(), r.staffId(),
                cipher.decrypt(ref(r.id(), "name"), r.name()), cipher.decrypt(ref(r.id(), "relation"), r.relation()),
                cipher.decrypt(ref(r.id(), "phone"), r.phone()))).toList();
    }

    private static FieldRef ref(UUID id, String field) {
        return FieldRef.of(TABLE, id, field);
    }
}
