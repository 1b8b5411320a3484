package org.exitwork.accounts.internal.emergencycontacts;

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
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff emergency contacts (R14): each staff member keeps their own; only the managers of the same
 * organisation read them, and every such read is audited. Name, relation and phone are encrypted with
 * the system key bound to the row. There is no address field.
 */
@Service
class EmergencyContacts {

    /** One contact, decrypted. */
    record EmergencyContact(UUID id, UUID staffId, String name, String relation, String phone) {
    }

    /** A staff member and their contacts, for the manager's page. */
    record StaffContacts(StaffMember staff, List<EmergencyContact> contacts) {
    }

    private final EmergencyContactRepository contacts;
    private final AuditLog audit;
    private final AccountRepository accounts;
    private final Clock clock;

    EmergencyContacts(EmergencyContactRepository contacts, AuditLog audit, AccountRepository accounts,
            Clock clock) {
        this.contacts = contacts;
        this.audit = audit;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The signed-in staff member's own contacts. */
    @Transactional(readOnly = true)
    public List<EmergencyContact> own(StaffPrincipal who) {
        return contacts.ofStaff(who.id(), who.organisationId());
    }

    @Transactional
    public void add(StaffPrincipal who, String name, String relation, String phone) {
        UUID id = UUID.randomUUID();
        contacts.insert(id, who.id(), who.organisationId(), name, relation, phone, clock.instant());
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                EmergencyContactActions.EMERGENCY_CONTACT_ADDED, who.username(), null));
    }

    /** Removes one of the signed-in staff member's own contacts; anyone else's answers 404. */
    @Transactional
    public void remove(StaffPrincipal who, UUID contactId) {
        if (!contacts.delete(contactId, who.id(), who.organisationId())) {
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
        List<EmergencyContact> all = contacts.ofOrganisation(manager.organisationId());
        for (EmergencyContact contact : all) {
            byStaff.computeIfAbsent(contact.staffId(), k -> new ArrayList<>()).add(contact);
        }
        List<StaffContacts> result = accounts.ofOrganisation(manager.organisationId()).stream()
                .filter(Account::active)
                .map(a -> new StaffContacts(a.member(), byStaff.getOrDefault(a.id(), List.of())))
                .toList();
        audit.record(new AuditEvent(manager.organisationId(), manager.id(), manager.username(),
                EmergencyContactActions.EMERGENCY_CONTACTS_READ, null,
                AuditDetail.of("emergency-contacts.read", result.size(), all.size())));
        return result;
    }
}
