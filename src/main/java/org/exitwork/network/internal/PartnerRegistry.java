package org.exitwork.network.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.FieldRef;
import org.exitwork.keys.SystemSecrets;
import org.exitwork.network.PartnerDeactivated;
import org.exitwork.network.PartnerKind;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organisation's partner registry (R11). Managers register and change partners; practitioners
 * and the data protection officer read them; administrators nothing. Partners are deactivated, never
 * deleted, so that consents and referrals naming them stay readable. The kind follows {@link KindRule}.
 */
@Service
class PartnerRegistry {

    static final String PARTNERS = "net_partner";
    static final String CONTACTS = "net_partner_contact";

    /** A contact person at a partner. */
    record Contact(String name, String role, String phone, String email) {
    }

    /** What a manager enters about a partner. */
    record Draft(String name, PartnerKind kind, String mandate, Agreement agreement, LocalDate agreementFrom,
            LocalDate agreementUntil, String agreementReference, List<Contact> contacts) {
    }

    /** One line of the list. */
    record Summary(UUID id, String name, PartnerKind kind, Agreement agreement, boolean active) {
    }

    /** A partner with everything recorded about it, decrypted. */
    record Details(UUID id, String name, PartnerKind kind, String mandate, Agreement agreement,
            LocalDate agreementFrom, LocalDate agreementUntil, String agreementReference, boolean active,
            List<Contact> contacts) {
    }

    /** Another partner of the organisation already has this name. */
    static final class DuplicateName extends RuntimeException {
        DuplicateName() {
            super("duplicate partner name");
        }
    }

    /** The kind may not change like this (see {@link KindRule}); nothing was changed. */
    static final class KindChangeRefused extends RuntimeException {
        private final String messageKey;

        KindChangeRefused(String messageKey) {
            super("kind change refused");
            this.messageKey = messageKey;
        }

        String messageKey() {
            return messageKey;
        }
    }

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    PartnerRegistry(JdbcClient jdbc, SystemSecrets secrets, AuditLog audit, Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Summary> list(StaffPrincipal who, PartnerKind.Group group) {
        requireReader(who);
        List<Summary> all = jdbc.sql("SELECT id, name, kind, agreement, active FROM " + PARTNERS
                + " WHERE org_id = ? ORDER BY active DESC, name")
                .param(who.organisationId())
                .query((rs, n) -> new Summary(rs.getObject("id", UUID.class), rs.getString("name"),
                        PartnerKind.valueOf(rs.getString("kind")), Agreement.valueOf(rs.getString("agreement")),
                        rs.getBoolean("active")))
                .list();
        return group == null ? all : all.stream().filter(s -> s.kind().group() == group).toList();
    }

    @Transactional(readOnly = true)
    public Details details(StaffPrincipal who, UUID partnerId) {
        requireReader(who);
        FieldCipher cipher = secrets.cipher();
        Details partner = jdbc.sql("SELECT id, name, kind, mandate, agreement, agreement_from, agreement_until, "
                + "agreement_reference, active FROM " + PARTNERS + " WHERE org_id = ? AND id = ?")
                .params(who.organisationId(), partnerId)
                .query((rs, n) -> details(rs, cipher)).optional().orElseThrow(NotFoundException::new);
        List<Contact> contacts = jdbc.sql("SELECT id, name, role, phone, email FROM " + CONTACTS
                + " WHERE partner_id = ? AND org_id = ? ORDER BY position")
                .params(partnerId, who.organisationId())
                .query((rs, n) -> contact(rs, cipher)).list();
        return new Details(partner.id(), partner.name(), partner.kind(), partner.mandate(), partner.agreement(),
                partner.agreementFrom(), partner.agreementUntil(), partner.agreementReference(), partner.active(),
                contacts);
    }

    @Transactional
    public UUID create(StaffPrincipal who, Draft draft) {
        requireManager(who);
        if (nameTaken(who.organisationId(), draft.name(), null)) {
            throw new DuplicateName();
        }
        UUID id = UUID.randomUUID();
        FieldCipher cipher = secrets.cipher();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("INSERT INTO " + PARTNERS + " (id, org_id, name, kind, active, created_at, mandate, agreement, "
                + "agreement_from, agreement_until, agreement_reference, updated_at) "
                + "VALUES (?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, who.organisationId(), draft.name(), draft.kind().name(), now,
                        cipher.encrypt(ref(PARTNERS, id, "mandate"), draft.mandate()), draft.agreement().name(),
                        formal(draft) ? draft.agreementFrom() : null, formal(draft) ? draft.agreementUntil() : null,
                        formal(draft) ? cipher.encrypt(ref(PARTNERS, id, "agreement_reference"),
                                draft.agreementReference()) : null,
                        now)
                .update();
        writeContacts(who.organisationId(), id, draft.contacts(), cipher, now);
        record(who, PartnerActions.PARTNER_CREATED, draft.name(), "kind=" + draft.kind() + " agreement="
                + draft.agreement() + " contacts=" + draft.contacts().size());
        return id;
    }

    /**
     * Changes a partner. A refused kind change changes nothing and is itself audited (in a transaction
     * of its own, since this one is rolled back by the exception).
     */
    @Transactional
    public void update(StaffPrincipal who, UUID partnerId, Draft draft) {
        requireManager(who);
        Summary current = jdbc.sql("SELECT id, name, kind, agreement, active FROM " + PARTNERS
                + " WHERE org_id = ? AND id = ? FOR UPDATE")
                .params(who.organisationId(), partnerId)
                .query((rs, n) -> new Summary(rs.getObject("id", UUID.class), rs.getString("name"),
                        PartnerKind.valueOf(rs.getString("kind")), Agreement.valueOf(rs.getString("agreement")),
                        rs.getBoolean("active")))
                .optional().orElseThrow(NotFoundException::new);
        String refusal = KindRule.refusal(current.kind(), draft.kind());
        if (refusal != null) {
            audit.recordIndependently(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    PartnerActions.PARTNER_KIND_CHANGE_REFUSED, current.name(),
                    "from=" + current.kind() + " to=" + draft.kind()));
            throw new KindChangeRefused(refusal);
        }
        if (nameTaken(who.organisationId(), draft.name(), partnerId)) {
            throw new DuplicateName();
        }
        FieldCipher cipher = secrets.cipher();
        Timestamp now = Timestamp.from(clock.instant());
        int changed = jdbc.sql("UPDATE " + PARTNERS + " SET name = ?, kind = ?, mandate = ?, agreement = ?, "
                + "agreement_from = ?, agreement_until = ?, agreement_reference = ?, updated_at = ? "
                + "WHERE org_id = ? AND id = ? AND kind = ?")
                .params(draft.name(), draft.kind().name(), cipher.encrypt(ref(PARTNERS, partnerId, "mandate"),
                        draft.mandate()), draft.agreement().name(),
                        formal(draft) ? draft.agreementFrom() : null, formal(draft) ? draft.agreementUntil() : null,
                        formal(draft) ? cipher.encrypt(ref(PARTNERS, partnerId, "agreement_reference"),
                                draft.agreementReference()) : null,
                        now, who.organisationId(), partnerId, current.kind().name())
                .update();
        if (changed != 1) {
            throw new IllegalStateException("the partner changed meanwhile");
        }
        jdbc.sql("DELETE FROM " + CONTACTS + " WHERE partner_id = ? AND org_id = ?")
                .params(partnerId, who.organisationId()).update();
        writeContacts(who.organisationId(), partnerId, draft.contacts(), cipher, now);
        if (current.kind() != draft.kind()) {
            record(who, PartnerActions.PARTNER_KIND_CHANGED, draft.name(),
                    "from=" + current.kind() + " to=" + draft.kind());
        }
        record(who, PartnerActions.PARTNER_CHANGED, draft.name(), "agreement=" + draft.agreement() + " contacts="
                + draft.contacts().size() + (current.name().equals(draft.name()) ? "" : " renamed"));
    }

    @Transactional
    public void setActive(StaffPrincipal who, UUID partnerId, boolean active) {
        requireManager(who);
        String name = jdbc.sql("SELECT name FROM " + PARTNERS + " WHERE org_id = ? AND id = ?")
                .params(who.organisationId(), partnerId).query(String.class).optional()
                .orElseThrow(NotFoundException::new);
        int changed = jdbc.sql("UPDATE " + PARTNERS + " SET active = ?, updated_at = ? "
                + "WHERE org_id = ? AND id = ? AND active <> ?")
                .params(active, Timestamp.from(clock.instant()), who.organisationId(), partnerId, active).update();
        if (changed == 1) {
            record(who, active ? PartnerActions.PARTNER_REACTIVATED : PartnerActions.PARTNER_DEACTIVATED, name,
                    null);
            if (!active) {
                events.publishEvent(new PartnerDeactivated(who.organisationId(), partnerId, who.id()));
            }
        }
    }

    private boolean nameTaken(UUID organisationId, String name, UUID except) {
        return jdbc.sql("SELECT id FROM " + PARTNERS + " WHERE org_id = ? AND name = ?")
                .params(organisationId, name).query(UUID.class).list().stream().anyMatch(id -> !id.equals(except));
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

    private void record(StaffPrincipal who, String action, String subject, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, subject, detail));
    }

    private static void requireManager(StaffPrincipal who) {
        if (!who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
    }

    private static void requireReader(StaffPrincipal who) {
        if (who.is(Role.ADMIN)) {
            throw new ForbiddenException();
        }
    }
}
