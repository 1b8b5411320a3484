package org.exitwork.disclosure.internal.conference;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientErased;
import org.exitwork.cases.IdentityMentions;
import org.exitwork.consent.ConsentsToShare;
import org.exitwork.consent.DataKind;
import org.exitwork.consent.ConsentsToShare.ValidConsent;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.DisclosureLog;
import org.exitwork.disclosure.internal.DisclosureLog.Outgoing;
import org.exitwork.disclosure.internal.DisclosureLog.Recipient;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.FieldRef;
import org.exitwork.network.OutboundPolicy;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.NotFoundException;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Case conferences (R10): a stated purpose, participants only from partners the client has a valid
 * consent for and the {@link OutboundPolicy} lets take part (active social services: never a security
 * partner, a funder, a peer organisation or a community partner), minutes under the pseudonym, sent through the gate with one
 * disclosure record per participant whose consent is still valid at that moment. The tandem plans,
 * records and sends; readers who broke the glass read. Everything in words is encrypted with the
 * client's key.
 */
@Service
class Conferences {

    static final String TABLE = "dis_conference";
    static final String PARTNERS = "dis_conference_partner";

    /** The redisclosure notice, in both languages, on every copy of the minutes. */
    static final String NOTICE_EN = "This information is disclosed under the client's consent for the purpose stated. "
            + "You may not pass it on to anyone else, and you may not use it to investigate or prosecute the client.";
    static final String NOTICE_DE = "Diese Informationen werden mit Einwilligung der Klientin oder des Klienten für den "
            + "genannten Zweck weitergegeben. Sie dürfen sie an niemanden weitergeben und nicht dazu verwenden, gegen "
            + "die Klientin oder den Klienten zu ermitteln oder sie strafrechtlich zu verfolgen.";

    /** A partner the tandem may invite: a valid consent names it today. */
    record Offer(UUID partnerId, String name, UUID consentId, String consentPurpose) {
    }

    record Invitee(UUID partnerId, String attendees) {
    }

    record NewConference(LocalDate heldOn, String purpose, List<Invitee> invitees, boolean clientInvited) {
    }

    record Participant(UUID partnerId, String name, String attendees, String outcome) {

        public boolean sent() {
            return "SENT".equals(outcome);
        }

        public boolean refused() {
            return "REFUSED".equals(outcome);
        }
    }

    record Conference(UUID id, LocalDate heldOn, String purpose, boolean clientInvited, Boolean clientTookPart,
            List<Participant> participants, String minutes, String plannedBy, Instant plannedAt, String sentBy,
            Instant sentAt) {

        public boolean hasMinutes() {
            return minutes != null;
        }

        public boolean sent() {
            return sentAt != null;
        }
    }

    record Overview(CaseReference ref, boolean writable, List<Conference> conferences) {
    }

    record One(CaseReference ref, boolean writable, Conference conference) {
    }

    record Sent(int sent, int refused) {
    }

    /**
     * A partner may not take part; nothing was stored. {@code messageKey} says why; for the outbound
     * policy's reasons it is {@code conferences.refused.policy} and {@code policy} holds the reason.
     */
    static final class Refused extends RuntimeException {
        final String messageKey;
        final OutboundPolicy.Refusal policy;

        Refused(String messageKey) {
            this(messageKey, null);
        }

        Refused(String messageKey, OutboundPolicy.Refusal policy) {
            super("conference refused");
            this.messageKey = messageKey;
            this.policy = policy;
        }
    }

    /** The minutes name the client; nothing was stored. */
    static final class MinutesNameTheClient extends RuntimeException {
        MinutesNameTheClient() {
            super("minutes name the client");
        }
    }

    private record Row(UUID id, LocalDate heldOn, byte[] purpose, boolean invited, Boolean tookPart, UUID plannedBy,
            OffsetDateTime plannedAt, byte[] minutes, UUID sentBy, OffsetDateTime sentAt) {
    }

    private record PartnerRow(UUID id, UUID conferenceId, UUID partnerId, UUID consentId, byte[] attendees,
            String outcome) {
    }

    private final JdbcClient jdbc;
    private final CaseDirectory cases;
    private final ConsentsToShare consents;
    private final PartnerDirectory partners;
    private final IdentityMentions mentions;
    private final DisclosureLog disclosures;
    private final ClientKeys keys;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Clock clock;

    Conferences(JdbcClient jdbc, CaseDirectory cases, ConsentsToShare consents, PartnerDirectory partners,
            IdentityMentions mentions, DisclosureLog disclosures, ClientKeys keys, StaffDirectory staff, AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.consents = consents;
        this.partners = partners;
        this.mentions = mentions;
        this.disclosures = disclosures;
        this.keys = keys;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Overview read(StaffPrincipal who, UUID clientId) {
        CaseReference ref = cases.requireReader(who, clientId, "read case conferences");
        List<Conference> list = conferences(ref, null);
        record(who, ConferenceActions.CONFERENCES_READ, ref, list.size() + " conferences");
        return new Overview(ref, cases.inTandem(who, clientId), list);
    }

    @Transactional
    public One readOne(StaffPrincipal who, UUID clientId, UUID conferenceId, boolean printing) {
        CaseReference ref = cases.requireReader(who, clientId, "read a case conference");
        Conference conference = conferences(ref, conferenceId).stream().findFirst()
                .orElseThrow(NotFoundException::new);
        record(who, printing ? ConferenceActions.CONFERENCE_MINUTES_PRINTED : ConferenceActions.CONFERENCE_READ, ref,
                "conference " + conferenceId);
        return new One(ref, cases.inTandem(who, clientId), conference);
    }

    @Transactional(readOnly = true)
    public CaseReference requireWritable(StaffPrincipal who, UUID clientId) {
        return cases.requireTandem(who, clientId, "plan a case conference");
    }

    /** The client's consents valid today that name case conferences (R10): a consent to share data is not enough. */
    private List<ValidConsent> forConferences(CaseReference ref) {
        return consents.validOn(ref.organisationId(), ref.id(), LocalDate.now(clock)).stream()
                .filter(c -> c.kinds().contains(DataKind.CASE_CONFERENCE)).toList();
    }

    /** The partners the client has a valid consent for today, one offer per partner; only whom the policy allows. */
    @Transactional(readOnly = true)
    public List<Offer> offerable(StaffPrincipal who, UUID clientId) {
        CaseReference ref = cases.requireTandem(who, clientId, "plan a case conference");
        Map<UUID, Offer> offers = new LinkedHashMap<>();
        for (ValidConsent c : forConferences(ref)) {
            Optional<Partner> partner = partners.find(ref.organisationId(), c.partnerId());
            if (partner.isPresent() && policy(partner.get()).allowed()) {
                offers.putIfAbsent(c.partnerId(), new Offer(c.partnerId(), partner.get().name(), c.id(), c.purpose()));
            }
        }
        return List.copyOf(offers.values());
    }

    @Transactional
    public UUID plan(StaffPrincipal who, UUID clientId, NewConference conference) {
        CaseReference ref = cases.requireTandem(who, clientId, "plan a case conference");
        if (conference.invitees().isEmpty() || conference.purpose() == null || conference.purpose().isBlank()
                || conference.heldOn() == null) {
            throw new IllegalArgumentException("incomplete conference");
        }
        List<ValidConsent> valid = forConferences(ref);
        Map<UUID, UUID> consentOf = new LinkedHashMap<>();
        Set<UUID> seen = new HashSet<>();
        for (Invitee invitee : conference.invitees()) {
            if (!seen.add(invitee.partnerId())) {
                continue;
            }
            Optional<Partner> partner = partners.find(ref.organisationId(), invitee.partnerId());
            Optional<OutboundPolicy.Refusal> policy = partner.flatMap(p -> policy(p).refusal());
            String reason = null;
            if (partner.isEmpty()) {
                reason = "unknown-partner";
            } else if (policy.isPresent()) {
                reason = policy.get().name();
            }
            Optional<ValidConsent> consent = valid.stream().filter(c -> c.partnerId().equals(invitee.partnerId()))
                    .findFirst();
            if (reason == null && consent.isEmpty()) {
                reason = "no-valid-consent";
            }
            if (reason != null) {
                disclosures.refused(who, ref, Channel.CONFERENCE_MINUTES,
                        new Recipient(invitee.partnerId(), partner.map(Partner::name).orElse("unknown partner")),
                        List.of("CONFERENCE_PARTICIPATION"), reason);
                throw policy.isPresent() ? new Refused("conferences.refused.policy", policy.get())
                        : new Refused("conferences.refused." + reason);
            }
            consentOf.put(invitee.partnerId(), consent.get().id());
        }
        // The purpose and the names of who attends go out with the minutes: the pseudonym only (R10).
        if (mentions.mentioned(ref.id(), conference.purpose()) || conference.invitees().stream()
                .anyMatch(i -> mentions.mentioned(ref.id(), i.attendees()))) {
            audit.recordIndependently(event(who, ConferenceActions.CONFERENCE_MINUTES_REFUSED, ref,
                    "planned conference: purpose or attendees name the client"));
            throw new Refused("conferences.refused.names-client");
        }
        UUID id = UUID.randomUUID();
        FieldCipher cipher = keys.cipherFor(ref.id());
        jdbc.sql("INSERT INTO dis_conference (id, org_id, client_id, held_on, purpose, client_invited, planned_by, "
                + "planned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, ref.organisationId(), ref.id(), conference.heldOn(),
                        cipher.encrypt(FieldRef.of(TABLE, id, "purpose"), conference.purpose().strip()),
                        conference.clientInvited(), who.id(), Timestamp.from(clock.instant()))
                .update();
        int position = 0;
        for (Invitee invitee : conference.invitees()) {
            UUID consentId = consentOf.remove(invitee.partnerId());
            if (consentId == null) {
                continue;
            }
            UUID rowId = UUID.randomUUID();
            String attendees = invitee.attendees() == null || invitee.attendees().isBlank() ? null
                    : invitee.attendees().strip();
            jdbc.sql("INSERT INTO dis_conference_partner (id, conference_id, client_id, partner_id, consent_id, "
                    + "position, attendees) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(rowId, id, ref.id(), invitee.partnerId(), consentId, position++,
                            attendees == null ? null : cipher.encrypt(FieldRef.of(PARTNERS, rowId, "attendees"), attendees))
                    .update();
        }
        record(who, ConferenceActions.CONFERENCE_PLANNED, ref, "conference " + id + " on " + conference.heldOn()
                + ", " + position + " partners, client invited " + conference.clientInvited());
        return id;
    }

    /** Minutes under the pseudonym: refused (audited, nothing stored) when they name the client. */
    @Transactional
    public void recordMinutes(StaffPrincipal who, UUID clientId, UUID conferenceId, String minutes,
            Boolean clientTookPart) {
        CaseReference ref = cases.requireTandem(who, clientId, "record case conference minutes");
        Conference conference = conferences(ref, conferenceId).stream().findFirst()
                .orElseThrow(NotFoundException::new);
        if (conference.sent()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        if (mentions.mentioned(ref.id(), minutes)) {
            audit.recordIndependently(event(who, ConferenceActions.CONFERENCE_MINUTES_REFUSED, ref,
                    "conference " + conferenceId + " minutes name the client"));
            throw new MinutesNameTheClient();
        }
        int changed = jdbc.sql("UPDATE dis_conference SET minutes = ?, minutes_by = ?, minutes_at = ?, "
                + "client_took_part = ? WHERE id = ? AND client_id = ? AND sent_at IS NULL")
                .params(keys.cipherFor(ref.id()).encrypt(FieldRef.of(TABLE, conferenceId, "minutes"), minutes.strip()),
                        who.id(), Timestamp.from(clock.instant()), conference.clientInvited() ? clientTookPart : null,
                        conferenceId, ref.id())
                .update();
        if (changed != 1) {
            // Sent in the meantime: minutes that went out are never changed afterwards.
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        record(who, ConferenceActions.CONFERENCE_MINUTES_RECORDED, ref, "conference " + conferenceId);
    }

    /**
     * Sends the minutes to every participant whose consent is still valid today: one disclosure record
     * each. A participant whose consent was revoked or has run out is refused and gets nothing.
     */
    @Transactional
    public Sent send(StaffPrincipal who, UUID clientId, UUID conferenceId) {
        CaseReference ref = cases.requireTandem(who, clientId, "send case conference minutes");
        Conference conference = conferences(ref, conferenceId).stream().findFirst()
                .orElseThrow(NotFoundException::new);
        if (conference.sent() || !conference.hasMinutes()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        // The identity may have changed since the minutes were saved (a new alias): checked again.
        if (mentions.mentioned(ref.id(), conference.minutes()) || mentions.mentioned(ref.id(), conference.purpose())
                || conference.participants().stream().anyMatch(p -> mentions.mentioned(ref.id(), p.attendees()))) {
            audit.recordIndependently(event(who, ConferenceActions.CONFERENCE_MINUTES_REFUSED, ref,
                    "conference " + conferenceId + " not sent: the text names the client"));
            throw new MinutesNameTheClient();
        }
        // Claimed first, so that a second click (or a second node) finds it sent and sends nothing.
        int claimed = jdbc.sql("UPDATE dis_conference SET sent_by = ?, sent_at = ? WHERE id = ? AND client_id = ? "
                + "AND sent_at IS NULL").params(who.id(), Timestamp.from(clock.instant()), conferenceId, ref.id()).update();
        if (claimed != 1) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        Set<UUID> stillValid = forConferences(ref).stream().map(ValidConsent::id).collect(Collectors.toSet());
        List<PartnerRow> rows = partnerRows(ref.id(), conferenceId);
        int sent = 0;
        int refused = 0;
        // Refusals first, so that the audit lists who was refused before what went out.
        List<PartnerRow> granted = new ArrayList<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        for (PartnerRow row : rows) {
            Optional<Partner> partner = partners.find(ref.organisationId(), row.partnerId());
            names.put(row.id(), partner.map(Partner::name).orElse("unknown partner"));
            // A participant planned under an earlier, wider gate (a funder, say) is refused here too.
            Optional<OutboundPolicy.Refusal> policy = partner.flatMap(p -> policy(p).refusal());
            if (partner.isPresent() && policy.isEmpty() && stillValid.contains(row.consentId())) {
                granted.add(row);
            } else {
                disclosures.refused(who, ref, Channel.CONFERENCE_MINUTES, new Recipient(row.partnerId(),
                        names.get(row.id())), List.of("CONFERENCE_MINUTES"),
                        policy.map(Enum::name).orElse(partner.isEmpty() ? "unknown-partner" : "no-valid-consent"));
                jdbc.sql("UPDATE dis_conference_partner SET outcome = 'REFUSED' WHERE id = ?").param(row.id()).update();
                refused++;
            }
        }
        Set<UUID> going = granted.stream().map(PartnerRow::partnerId).collect(Collectors.toSet());
        String content = document(ref, new Conference(conference.id(), conference.heldOn(), conference.purpose(),
                conference.clientInvited(), conference.clientTookPart(), conference.participants().stream()
                        .filter(p -> going.contains(p.partnerId())).toList(), conference.minutes(),
                conference.plannedBy(), conference.plannedAt(), null, null));
        for (PartnerRow row : granted) {
            UUID disclosure = disclosures.granted(who, ref, new Outgoing(Channel.CONFERENCE_MINUTES,
                    new Recipient(row.partnerId(), names.get(row.id())), List.of("CONFERENCE_MINUTES"),
                    "conference " + conferenceId + " consent " + row.consentId(), conference.purpose(), content));
            jdbc.sql("UPDATE dis_conference_partner SET outcome = 'SENT', disclosure_id = ? WHERE id = ?")
                    .params(disclosure, row.id()).update();
            sent++;
        }
        record(who, ConferenceActions.CONFERENCE_MINUTES_SENT, ref, "conference " + conferenceId + ", sent " + sent
                + ", refused " + refused);
        return new Sent(sent, refused);
    }

    /** The client's report (R19): date, purpose, partners, whether invited; no access check, no minutes. */
    @Transactional(readOnly = true)
    public List<Conference> forTheClient(CaseReference ref) {
        return conferences(ref, null);
    }

    /** Exactly what goes to each participant: the pseudonym, never a name of the client. */
    static String document(CaseReference ref, Conference c) {
        StringBuilder text = new StringBuilder();
        text.append("Case conference / Fallkonferenz: ").append(ref.pseudonym()).append('\n');
        text.append("Date / Datum: ").append(c.heldOn()).append('\n');
        text.append("Purpose / Zweck: ").append(c.purpose()).append('\n');
        text.append("Participants / Beteiligte: ").append(c.participants().stream()
                .map(p -> p.name() + (p.attendees() == null ? "" : " (" + p.attendees() + ")"))
                .collect(Collectors.joining("; "))).append('\n');
        text.append("Client invited / Klient*in eingeladen: ").append(c.clientInvited() ? "yes / ja" : "no / nein");
        if (c.clientInvited() && c.clientTookPart() != null) {
            text.append(", took part / teilgenommen: ").append(c.clientTookPart() ? "yes / ja" : "no / nein");
        }
        text.append("\n\nMinutes / Protokoll:\n").append(c.minutes()).append("\n\n");
        text.append(NOTICE_EN).append('\n').append(NOTICE_DE).append('\n');
        return text.toString();
    }

    @EventListener
    void on(ClientErased erased) {
        jdbc.sql("DELETE FROM dis_conference_partner WHERE client_id = ?").param(erased.clientId()).update();
        jdbc.sql("DELETE FROM dis_conference WHERE client_id = ?").param(erased.clientId()).update();
    }

    /** What the outbound policy says about this partner taking part (R10). */
    static OutboundPolicy.Decision policy(Partner partner) {
        return OutboundPolicy.toPartner(OutboundPolicy.Channel.CASE_CONFERENCE, partner);
    }

    private List<PartnerRow> partnerRows(UUID clientId, UUID conferenceId) {
        return jdbc.sql("SELECT id, conference_id, partner_id, consent_id, attendees, outcome FROM dis_conference_partner "
                + "WHERE client_id = ?" + (conferenceId == null ? "" : " AND conference_id = ?")
                + " ORDER BY position")
                .params(conferenceId == null ? List.of(clientId) : List.of(clientId, conferenceId))
                .query((rs, n) -> new PartnerRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getBytes(5), rs.getString(6)))
                .list();
    }

    private List<Conference> conferences(CaseReference ref, UUID only) {
        List<Row> rows = jdbc.sql("SELECT id, held_on, purpose, client_invited, client_took_part, planned_by, planned_at, "
                + "minutes, sent_by, sent_at FROM dis_conference WHERE client_id = ? AND org_id = ?"
                + (only == null ? "" : " AND id = ?") + " ORDER BY held_on DESC, planned_at DESC")
                .params(only == null ? List.of(ref.id(), ref.organisationId())
                        : List.of(ref.id(), ref.organisationId(), only))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class), rs.getBytes(3),
                        rs.getBoolean(4), (Boolean) rs.getObject(5), rs.getObject(6, UUID.class),
                        rs.getObject(7, OffsetDateTime.class), rs.getBytes(8), rs.getObject(9, UUID.class),
                        rs.getObject(10, OffsetDateTime.class)))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        FieldCipher cipher = keys.cipherFor(ref.id());
        Map<UUID, String> partnerNames = partners.partners(ref.organisationId()).stream()
                .collect(Collectors.toMap(Partner::id, Partner::name));
        Map<UUID, List<Participant>> participants = new LinkedHashMap<>();
        for (PartnerRow p : partnerRows(ref.id(), only)) {
            participants.computeIfAbsent(p.conferenceId(), k -> new ArrayList<>()).add(new Participant(p.partnerId(),
                    partnerNames.getOrDefault(p.partnerId(), "?"),
                    p.attendees() == null ? null : cipher.decrypt(FieldRef.of(PARTNERS, p.id(), "attendees"), p.attendees()),
                    p.outcome()));
        }
        Set<UUID> people = new HashSet<>();
        rows.forEach(r -> {
            people.add(r.plannedBy());
            if (r.sentBy() != null) {
                people.add(r.sentBy());
            }
        });
        Map<UUID, String> names = staff.displayNames(ref.organisationId(), people);
        return rows.stream().map(r -> new Conference(r.id(), r.heldOn(),
                cipher.decrypt(FieldRef.of(TABLE, r.id(), "purpose"), r.purpose()), r.invited(), r.tookPart(),
                participants.getOrDefault(r.id(), List.of()),
                r.minutes() == null ? null : cipher.decrypt(FieldRef.of(TABLE, r.id(), "minutes"), r.minutes()),
                names.get(r.plannedBy()), r.plannedAt().toInstant(), r.sentBy() == null ? null : names.get(r.sentBy()),
                r.sentAt() == null ? null : r.sentAt().toInstant())).toList();
    }

    private void record(StaffPrincipal who, String action, CaseReference ref, String detail) {
        audit.record(event(who, action, ref, detail));
    }

    private static AuditEvent event(StaffPrincipal who, String action, CaseReference ref, String detail) {
        return new AuditEvent(who.organisationId(), who.id(), who.username(), action, ref.pseudonym(), detail);
    }
}
