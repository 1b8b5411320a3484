package org.exitwork.disclosure.internal.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientErased;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.IdentityVault;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.DisclosureLog;
import org.exitwork.disclosure.internal.DisclosureLog.Outgoing;
import org.exitwork.disclosure.internal.DisclosureLog.Recipient;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.FieldRef;
import org.exitwork.network.OutboundPolicy;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerContact;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Danger in default (R8): a member of the tandem raises an alert to a named contact of a security
 * partner; a second staff member approves it before it goes out, or, when it cannot wait, it goes out
 * at once and a second staff member reviews it afterwards. The alert is built only from its own fields
 * and the identity fields chosen one by one (none by default): never notes, assessments or the work
 * agreement. Everything in words is encrypted with the client's key.
 */
@Service
class DangerAlerts {

    static final String TABLE = "dis_danger_alert";

    record NewAlert(UUID partnerId, UUID contactId, DangerKind kind, String danger, String atRisk, String howSoon,
            Set<IdentityField> fields, boolean cannotWait) {
    }

    /** A security partner and its contact persons, for the form. */
    record SecurityPartner(UUID id, String name, List<PartnerContact> contacts) {
    }

    record Alert(UUID id, UUID clientId, String pseudonym, UUID partnerId, String partnerName, String contactName,
            String contactPhone, String contactEmail, DangerKind kind, String danger, String atRisk, String howSoon,
            List<IdentityField> fields, String content, boolean cannotWait, AlertStatus status, UUID raisedById,
            String raisedBy, Instant raisedAt, UUID decidedById, String decidedBy, Instant decidedAt, String decisionNote,
            Instant sentAt, boolean mailed, Boolean clientTold, LocalDate clientToldOn, String toldRecordedBy) {

        public boolean wentOut() {
            return status.wentOut();
        }
    }

    record Overview(CaseReference ref, boolean writable, List<Alert> alerts) {
    }

    record Opened(Alert alert, boolean mayDecide) {
    }

    /**
     * Refused before anything was stored; {@code messageKey} says why; for the outbound policy's
     * reasons it is {@code dangeralerts.refused.policy} and {@code policy} holds the reason.
     */
    static final class Refused extends RuntimeException {
        final String messageKey;
        final OutboundPolicy.Refusal policy;

        Refused(String messageKey) {
            this(messageKey, null);
        }

        Refused(String messageKey, OutboundPolicy.Refusal policy) {
            super("danger alert refused");
            this.messageKey = messageKey;
            this.policy = policy;
        }
    }

    private final JdbcClient jdbc;
    private final CaseDirectory cases;
    private final PartnerDirectory partners;
    private final IdentityVault vault;
    private final DisclosureLog disclosures;
    private final DangerAlertMail mail;
    private final ClientKeys keys;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;
    private final TransactionTemplate afterwards;

    DangerAlerts(JdbcClient jdbc, CaseDirectory cases, PartnerDirectory partners, IdentityVault vault,
            DisclosureLog disclosures, DangerAlertMail mail, ClientKeys keys, StaffDirectory staff, AuditLog audit,
            MessageSource messages, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.afterwards = new TransactionTemplate(transactions);
        this.afterwards.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.cases = cases;
        this.partners = partners;
        this.vault = vault;
        this.disclosures = disclosures;
        this.mail = mail;
        this.keys = keys;
        this.staff = staff;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional
    public Overview read(StaffPrincipal who, UUID clientId) {
        CaseReference ref = cases.requireReader(who, clientId, "read danger alerts");
        List<Alert> alerts = alerts(ref.organisationId(), "client_id = ?", ref.id());
        record(who, AlertActions.DANGER_ALERTS_READ, ref.pseudonym(), alerts.size() + " alerts");
        return new Overview(ref, cases.inTandem(who, clientId), alerts);
    }

    @Transactional(readOnly = true)
    public CaseReference requireWritable(StaffPrincipal who, UUID clientId) {
        return cases.requireTandem(who, clientId, "raise a danger alert");
    }

    /** Active security partners with their contacts: the only recipients an alert may have. */
    @Transactional(readOnly = true)
    public List<SecurityPartner> securityPartners(StaffPrincipal who) {
        return partners.partners(who.organisationId()).stream().filter(DangerAlerts::mayReceiveAlerts)
                .map(p -> new SecurityPartner(p.id(), p.name(), partners.contacts(who.organisationId(), p.id())))
                .toList();
    }

    @Transactional
    public UUID raise(StaffPrincipal who, UUID clientId, NewAlert alert, Locale language) {
        CaseReference ref = cases.requireTandem(who, clientId, "raise a danger alert");
        Set<IdentityField> fields = alert.fields() == null || alert.fields().isEmpty()
                ? EnumSet.noneOf(IdentityField.class) : EnumSet.copyOf(alert.fields());
        Optional<Partner> partner = alert.partnerId() == null ? Optional.empty()
                : partners.find(ref.organisationId(), alert.partnerId());
        List<String> what = codes(fields);
        if (partner.isEmpty()) {
            disclosures.refused(who, ref, Channel.DANGER_ALERT, new Recipient(alert.partnerId(), "unknown partner"),
                    what, "unknown-partner");
            throw new Refused("dangeralerts.refused.unknown-partner");
        }
        // Only a contact person registered with the partner is a named contact; anyone else means
        // the body as such, which the policy refuses (R8).
        Optional<PartnerContact> contact = partners.contacts(ref.organisationId(), partner.get().id()).stream()
                .filter(c -> c.id().equals(alert.contactId())).findFirst();
        OutboundPolicy.Decision decision = contact.isPresent()
                ? OutboundPolicy.toNamedContact(OutboundPolicy.Channel.DANGER_ALERT, partner.get())
                : OutboundPolicy.toPartner(OutboundPolicy.Channel.DANGER_ALERT, partner.get());
        if (decision.refused()) {
            OutboundPolicy.Refusal why = decision.refusal().get();
            disclosures.refused(who, ref, Channel.DANGER_ALERT, new Recipient(partner.get().id(), partner.get().name()),
                    what, why.name());
            throw new Refused("dangeralerts.refused.policy", why);
        }
        ClientIdentity identity = fields.isEmpty() ? null : vault.identity(ref.organisationId(), ref.id()).orElse(null);
        if (!fields.isEmpty() && identity == null) {
            disclosures.refused(who, ref, Channel.DANGER_ALERT, new Recipient(partner.get().id(), partner.get().name()),
                    what, "identity-unavailable");
            throw new Refused("dangeralerts.refused.no-identity");
        }
        UUID id = UUID.randomUUID();
        String content = content(id, alert, fields, identity, language);
        FieldCipher cipher = keys.cipherFor(ref.id());
        PartnerContact c = contact.get();
        AlertStatus status = alert.cannotWait() ? AlertStatus.SENT_AWAITING_REVIEW : AlertStatus.AWAITING_APPROVAL;
        jdbc.sql("INSERT INTO dis_danger_alert (id, org_id, client_id, partner_id, contact_name, contact_phone, "
                + "contact_email, kind, danger, at_risk, how_soon, fields, content, cannot_wait, status, raised_by, "
                + "raised_at, mailed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)")
                .params(id, ref.organisationId(), ref.id(), partner.get().id(), enc(cipher, id, "contact_name", c.name()),
                        enc(cipher, id, "contact_phone", c.phone()), enc(cipher, id, "contact_email", c.email()),
                        alert.kind().name(), enc(cipher, id, "danger", alert.danger().strip()),
                        enc(cipher, id, "at_risk", alert.atRisk().strip()),
                        enc(cipher, id, "how_soon", alert.howSoon().strip()), String.join(",", what),
                        enc(cipher, id, "content", content), alert.cannotWait(), status.name(), who.id(),
                        Timestamp.from(clock.instant()))
                .update();
        record(who, AlertActions.DANGER_ALERT_RAISED, ref.pseudonym(), "alert " + id + " kind=" + alert.kind()
                + " partner " + partner.get().id() + " fields=" + String.join(",", what) + " cannotWait="
                + alert.cannotWait());
        if (alert.cannotWait()) {
            goOut(who, ref, load(ref.organisationId(), id));
        }
        return id;
    }

    /** The organisation's alerts that await approval or review, oldest first; for practitioners and managers. */
    @Transactional(readOnly = true)
    public List<Alert> waiting(StaffPrincipal who) {
        requireStaff(who);
        return alerts(who.organisationId(), "status IN ('AWAITING_APPROVAL', 'SENT_AWAITING_REVIEW')", null);
    }

    /** One alert, in full, for the second staff member; audited for whoever opens it. */
    @Transactional
    public Opened open(StaffPrincipal who, UUID alertId, boolean printing) {
        requireStaff(who);
        Alert alert = load(who.organisationId(), alertId);
        // A waiting alert is open to any second staff member; once decided, only to those who took
        // part in it and the case's tandem. It may carry the client's identity (R6).
        boolean waiting = alert.status() == AlertStatus.AWAITING_APPROVAL
                || alert.status() == AlertStatus.SENT_AWAITING_REVIEW;
        boolean involved = alert.raisedById().equals(who.id()) || who.id().equals(alert.decidedById())
                || cases.inTandem(who, alert.clientId());
        if (printing ? !involved : !(waiting || involved)) {
            audit.recordIndependently(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    AlertActions.DANGER_ALERT_ACCESS_REFUSED, alert.pseudonym(), "alert " + alertId));
            throw new ForbiddenException();
        }
        if (printing && !alert.wentOut()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        record(who, printing ? AlertActions.DANGER_ALERT_PRINTED : AlertActions.DANGER_ALERT_OPENED, alert.pseudonym(),
                "alert " + alertId + " status=" + alert.status());
        return new Opened(alert, !alert.raisedById().equals(who.id()));
    }

    /** The second staff member approves: only now the alert goes out. Never the one who raised it. */
    @Transactional
    public void approve(StaffPrincipal who, UUID alertId) {
        Alert alert = decidable(who, alertId, AlertStatus.AWAITING_APPROVAL);
        CaseReference ref = cases.find(who.organisationId(), alert.clientId()).orElseThrow(NotFoundException::new);
        // The recipient was chosen when the alert was raised; by now the partner may no longer be an
        // active security partner, or the contact person may have left. Then nothing goes out.
        Optional<Partner> partner = partners.find(who.organisationId(), alert.partnerId());
        boolean contactStays = partner.isPresent() && partners.contacts(who.organisationId(), alert.partnerId()).stream()
                .anyMatch(c -> c.name().equals(alert.contactName()) && Objects.equals(c.email(), alert.contactEmail()));
        Optional<OutboundPolicy.Refusal> refusal = partner.flatMap(p -> (contactStays
                ? OutboundPolicy.toNamedContact(OutboundPolicy.Channel.DANGER_ALERT, p)
                : OutboundPolicy.toPartner(OutboundPolicy.Channel.DANGER_ALERT, p)).refusal());
        if (partner.isEmpty() || refusal.isPresent()) {
            disclosures.refused(who, ref, Channel.DANGER_ALERT, new Recipient(alert.partnerId(), alert.partnerName()),
                    alert.fields().stream().map(Enum::name).toList(), "recipient-changed alert " + alertId + " "
                            + refusal.map(Enum::name).orElse("unknown-partner"));
            throw new Refused("dangeralerts.refused.recipient-changed");
        }
        changeStatus(who, alert, AlertStatus.SENT, null);
        record(who, AlertActions.DANGER_ALERT_APPROVED, ref.pseudonym(), "alert " + alertId);
        goOut(who, ref, alert);
    }

    @Transactional
    public void reject(StaffPrincipal who, UUID alertId, String reason) {
        Alert alert = decidable(who, alertId, AlertStatus.AWAITING_APPROVAL);
        changeStatus(who, alert, AlertStatus.REJECTED, reason);
        record(who, AlertActions.DANGER_ALERT_REJECTED, alert.pseudonym(), "alert " + alertId);
    }

    /** An alert that could not wait is reviewed afterwards by a second staff member, with a note. */
    @Transactional
    public void review(StaffPrincipal who, UUID alertId, String note) {
        Alert alert = decidable(who, alertId, AlertStatus.SENT_AWAITING_REVIEW);
        changeStatus(who, alert, AlertStatus.REVIEWED, note);
        record(who, AlertActions.DANGER_ALERT_REVIEWED, alert.pseudonym(), "alert " + alertId);
    }

    /** The tandem records whether and when the client was told of an alert that went out. */
    @Transactional
    public void recordTold(StaffPrincipal who, UUID clientId, UUID alertId, boolean told, LocalDate toldOn) {
        CaseReference ref = cases.requireTandem(who, clientId, "record that the client was told of a danger alert");
        Alert alert = load(ref.organisationId(), alertId);
        if (!alert.clientId().equals(ref.id())) {
            throw new NotFoundException();
        }
        if (!alert.wentOut() || (told && toldOn == null)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        jdbc.sql("UPDATE dis_danger_alert SET client_told = ?, client_told_on = ?, told_recorded_by = ?, "
                + "told_recorded_at = ? WHERE id = ?")
                .params(told, told ? toldOn : null, who.id(), Timestamp.from(clock.instant()), alertId).update();
        record(who, AlertActions.DANGER_ALERT_CLIENT_TOLD, ref.pseudonym(), "alert " + alertId + " told=" + told
                + (told ? " on " + toldOn : ""));
    }

    /** The client's report (R19): only alerts the client has been told of. No access check here. */
    @Transactional(readOnly = true)
    public List<Alert> toldToTheClient(CaseReference ref) {
        return alerts(ref.organisationId(), "client_id = ? AND client_told = TRUE", ref.id());
    }

    /** Every alert about the client, whatever its state; for the client's report filter. No access check here. */
    @Transactional(readOnly = true)
    public List<Alert> ofTheClient(CaseReference ref) {
        return alerts(ref.organisationId(), "client_id = ?", ref.id());
    }

    @EventListener
    void on(ClientErased erased) {
        jdbc.sql("DELETE FROM dis_danger_alert WHERE client_id = ?").param(erased.clientId()).update();
    }

    /** Partners the form offers: those whose named contacts the outbound policy lets receive an alert. */
    static boolean mayReceiveAlerts(Partner partner) {
        return OutboundPolicy.toNamedContact(OutboundPolicy.Channel.DANGER_ALERT, partner).allowed();
    }

    /** Exactly what goes out: the alert's own fields and the chosen identity fields, nothing else. */
    private String content(UUID id, NewAlert alert, Set<IdentityField> fields, ClientIdentity identity,
            Locale language) {
        StringBuilder text = new StringBuilder();
        text.append(text("dangeralerts.content.heading", language, id)).append("\n\n");
        text.append(text("dangeralerts.kind", language)).append(": ")
                .append(text("dangeralerts.kind." + alert.kind(), language)).append('\n');
        text.append(text("dangeralerts.danger", language)).append(": ").append(alert.danger().strip()).append('\n');
        text.append(text("dangeralerts.at-risk", language)).append(": ").append(alert.atRisk().strip()).append('\n');
        text.append(text("dangeralerts.how-soon", language)).append(": ").append(alert.howSoon().strip()).append("\n\n");
        text.append(text("dangeralerts.content.identity", language)).append('\n');
        if (fields.isEmpty()) {
            text.append(text("dangeralerts.content.no-identity", language)).append('\n');
        }
        for (IdentityField field : fields) {
            String value = switch (field) {
                case FULL_NAME -> identity.fullName();
                case DATE_OF_BIRTH -> identity.dateOfBirth() == null ? null : identity.dateOfBirth().toString();
                case CONTACT -> identity.contact();
                case ALIASES -> identity.aliases();
            };
            text.append(text("dangeralerts.field." + field, language)).append(": ")
                    .append(value == null || value.isBlank() ? "-" : value).append('\n');
        }
        text.append('\n').append(text("dangeralerts.content.footer", language)).append('\n');
        return text.toString();
    }

    private void goOut(StaffPrincipal who, CaseReference ref, Alert alert) {
        UUID disclosure = disclosures.granted(who, ref, new Outgoing(Channel.DANGER_ALERT,
                new Recipient(alert.partnerId(), alert.contactName() + " (" + alert.partnerName() + ")"),
                alert.fields().stream().map(Enum::name).toList(), "danger in default " + alert.id(), null,
                alert.content()));
        jdbc.sql("UPDATE dis_danger_alert SET sent_at = ?, disclosure_id = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), disclosure, alert.id()).update();
        // The e-mail leaves only once the record of it is committed: an alert must never go out
        // without the record of who disclosed what (R8), and a mail cannot be called back.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                mail(who, ref, alert);
            }
        });
    }

    private void mail(StaffPrincipal who, CaseReference ref, Alert alert) {
        String subject = "Gefahr im Verzug / Danger in default: " + alert.id();
        boolean mailed = mail.send(alert.contactEmail(), subject, alert.content());
        afterwards.executeWithoutResult(status -> {
            if (mailed) {
                jdbc.sql("UPDATE dis_danger_alert SET mailed = TRUE WHERE id = ?").param(alert.id()).update();
            } else {
                record(who, AlertActions.DANGER_ALERT_MAIL_FAILED, ref.pseudonym(), "alert " + alert.id()
                        + (alert.contactEmail() == null ? " no address" : " not sent"));
            }
        });
    }

    private Alert decidable(StaffPrincipal who, UUID alertId, AlertStatus expected) {
        requireStaff(who);
        Alert alert = load(who.organisationId(), alertId);
        if (alert.raisedById().equals(who.id())) {
            audit.recordIndependently(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    AlertActions.DANGER_ALERT_SELF_APPROVAL_REFUSED, alert.pseudonym(), "alert " + alertId));
            throw new ForbiddenException();
        }
        if (alert.status() != expected) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        return alert;
    }

    private void changeStatus(StaffPrincipal who, Alert alert, AlertStatus to, String note) {
        byte[] sealed = note == null || note.isBlank() ? null
                : keys.cipherFor(alert.clientId()).encrypt(FieldRef.of(TABLE, alert.id(), "decision_note"), note.strip());
        int changed = jdbc.sql("UPDATE dis_danger_alert SET status = ?, decided_by = ?, decided_at = ?, "
                + "decision_note = ? WHERE id = ? AND status = ?")
                .params(to.name(), who.id(), Timestamp.from(clock.instant()), sealed, alert.id(), alert.status().name())
                .update();
        if (changed != 1) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
    }

    private static void requireStaff(StaffPrincipal who) {
        if (!who.is(Role.PRACTITIONER) && !who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
    }

    private Alert load(UUID organisationId, UUID alertId) {
        return alerts(organisationId, "id = ?", alertId).stream().findFirst().orElseThrow(NotFoundException::new);
    }

    private record Row(UUID id, UUID clientId, UUID partnerId, byte[] contactName, byte[] contactPhone,
            byte[] contactEmail, String kind, byte[] danger, byte[] atRisk, byte[] howSoon, String fields,
            byte[] content, boolean cannotWait, String status, UUID raisedBy, OffsetDateTime raisedAt, UUID decidedBy,
            OffsetDateTime decidedAt, byte[] decisionNote, OffsetDateTime sentAt, boolean mailed, Boolean told,
            LocalDate toldOn, UUID toldBy) {
    }

    private List<Alert> alerts(UUID organisationId, String where, UUID param) {
        List<Row> rows = jdbc.sql("SELECT id, client_id, partner_id, contact_name, contact_phone, contact_email, kind, "
                + "danger, at_risk, how_soon, fields, content, cannot_wait, status, raised_by, raised_at, decided_by, "
                + "decided_at, decision_note, sent_at, mailed, client_told, client_told_on, told_recorded_by "
                + "FROM dis_danger_alert WHERE org_id = ? AND " + where + " ORDER BY raised_at DESC, id")
                .params(param == null ? List.of(organisationId) : List.of(organisationId, param))
                .query((rs, n) -> row(rs)).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> partnerNames = partners.partners(organisationId).stream()
                .collect(Collectors.toMap(Partner::id, Partner::name));
        Set<UUID> people = new HashSet<>();
        rows.forEach(r -> {
            people.add(r.raisedBy());
            if (r.decidedBy() != null) {
                people.add(r.decidedBy());
            }
            if (r.toldBy() != null) {
                people.add(r.toldBy());
            }
        });
        Map<UUID, String> names = staff.displayNames(organisationId, people);
        return rows.stream().map(r -> {
            FieldCipher cipher = keys.cipherFor(r.clientId());
            String pseudonym = cases.find(organisationId, r.clientId()).map(CaseReference::pseudonym).orElse("?");
            return new Alert(r.id(), r.clientId(), pseudonym, r.partnerId(), partnerNames.getOrDefault(r.partnerId(), "?"),
                    dec(cipher, r.id(), "contact_name", r.contactName()), dec(cipher, r.id(), "contact_phone", r.contactPhone()),
                    dec(cipher, r.id(), "contact_email", r.contactEmail()), DangerKind.valueOf(r.kind()),
                    dec(cipher, r.id(), "danger", r.danger()), dec(cipher, r.id(), "at_risk", r.atRisk()),
                    dec(cipher, r.id(), "how_soon", r.howSoon()),
                    r.fields().isEmpty() ? List.of()
                            : Arrays.stream(r.fields().split(",")).map(IdentityField::valueOf).toList(),
                    dec(cipher, r.id(), "content", r.content()), r.cannotWait(), AlertStatus.valueOf(r.status()),
                    r.raisedBy(), names.get(r.raisedBy()), r.raisedAt().toInstant(), r.decidedBy(),
                    r.decidedBy() == null ? null : names.get(r.decidedBy()),
                    r.decidedAt() == null ? null : r.decidedAt().toInstant(),
                    dec(cipher, r.id(), "decision_note", r.decisionNote()),
                    r.sentAt() == null ? null : r.sentAt().toInstant(), r.mailed(), r.told(), r.toldOn(),
                    r.toldBy() == null ? null : names.get(r.toldBy()));
        }).toList();
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                rs.getObject("partner_id", UUID.class), rs.getBytes("contact_name"), rs.getBytes("contact_phone"),
                rs.getBytes("contact_email"), rs.getString("kind"), rs.getBytes("danger"), rs.getBytes("at_risk"),
                rs.getBytes("how_soon"), rs.getString("fields"), rs.getBytes("content"), rs.getBoolean("cannot_wait"),
                rs.getString("status"), rs.getObject("raised_by", UUID.class),
                rs.getObject("raised_at", OffsetDateTime.class), rs.getObject("decided_by", UUID.class),
                rs.getObject("decided_at", OffsetDateTime.class), rs.getBytes("decision_note"),
                rs.getObject("sent_at", OffsetDateTime.class), rs.getBoolean("mailed"),
                (Boolean) rs.getObject("client_told"), rs.getObject("client_told_on", LocalDate.class),
                rs.getObject("told_recorded_by", UUID.class));
    }

    private static byte[] enc(FieldCipher cipher, UUID id, String field, String value) {
        return value == null || value.isBlank() ? null : cipher.encrypt(FieldRef.of(TABLE, id, field), value);
    }

    private static String dec(FieldCipher cipher, UUID id, String field, byte[] value) {
        return value == null ? null : cipher.decrypt(FieldRef.of(TABLE, id, field), value);
    }

    private static List<String> codes(Set<IdentityField> fields) {
        return fields.stream().map(Enum::name).toList();
    }

    private String text(String key, Locale language, Object... args) {
        return messages.getMessage(key, args, language);
    }

    private void record(StaffPrincipal who, String action, String pseudonym, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, pseudonym, detail));
    }
}
