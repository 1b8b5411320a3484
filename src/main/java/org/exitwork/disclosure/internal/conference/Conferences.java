package org.exitwork.disclosure.internal.conference;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.IdentityMentions;
import org.exitwork.consent.ConsentsToShare;
import org.exitwork.consent.ConsentsToShare.ValidConsent;
import org.exitwork.consent.DataKind;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.DisclosureLog;
import org.exitwork.disclosure.internal.DisclosureLog.Ground;
import org.exitwork.disclosure.internal.DisclosureLog.Outgoing;
import org.exitwork.disclosure.internal.DisclosureLog.Recipient;
import org.exitwork.disclosure.internal.gate.Decision;
import org.exitwork.disclosure.internal.gate.Refused;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Case conferences (R10): a stated purpose, participants only from partners the client has a valid
 * consent for and the gate lets take part ({@link ConferenceDecision}: active social services, never a
 * security partner, a funder, a peer organisation or a community partner), minutes under the
 * pseudonym, released through the gate with one disclosure record per participant whose consent is
 * still valid at that moment. The tandem plans, records and sends; readers who broke the glass read.
 * The rows are {@link ConferenceRepository}'s, what goes out {@link ConferenceMinutes}'.
 */
@Service
class Conferences {

    /** A partner the tandem may invite: a valid consent names it today. */
    record Offer(UUID partnerId, String name, UUID consentId, String consentPurpose) {
    }

    record Invitee(UUID partnerId, String attendees) {
    }

    record NewConference(LocalDate heldOn, String purpose, List<Invitee> invitees, boolean clientInvited) {
    }

    record Overview(CaseReference ref, boolean writable, List<Conference> conferences) {
    }

    record One(CaseReference ref, boolean writable, Conference conference) {
    }

    record Sent(int sent, int refused) {
    }

    /** The minutes name the client; nothing was stored. */
    static final class MinutesNameTheClient extends RuntimeException {
        MinutesNameTheClient() {
            super("minutes name the client");
        }
    }

    private final ConferenceRepository repository;
    private final ConferenceViews views;
    private final CaseDirectory cases;
    private final ConsentsToShare consents;
    private final PartnerDirectory partners;
    private final IdentityMentions mentions;
    private final DisclosureLog disclosures;
    private final AuditLog audit;
    private final Clock clock;

    Conferences(ConferenceRepository repository, ConferenceViews views, CaseDirectory cases, ConsentsToShare consents,
            PartnerDirectory partners, IdentityMentions mentions, DisclosureLog disclosures, AuditLog audit,
            Clock clock) {
        this.repository = repository;
        this.views = views;
        this.cases = cases;
        this.consents = consents;
        this.partners = partners;
        this.mentions = mentions;
        this.disclosures = disclosures;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Overview read(StaffPrincipal who, UUID clientId) {
        CaseReference ref = cases.requireReader(who, clientId, "read case conferences");
        List<Conference> list = views.of(ref, null);
        record(who, ConferenceActions.CONFERENCES_READ, ref, AuditDetail.of("conferences.count", list.size()));
        return new Overview(ref, cases.inTandem(who, clientId), list);
    }

    @Transactional
    public One readOne(StaffPrincipal who, UUID clientId, UUID conferenceId, boolean printing) {
        CaseReference ref = cases.requireReader(who, clientId, "read a case conference");
        Conference conference = one(ref, conferenceId);
        record(who, printing ? ConferenceActions.CONFERENCE_MINUTES_PRINTED : ConferenceActions.CONFERENCE_READ, ref,
                AuditDetail.of("conference.id", conferenceId));
        return new One(ref, cases.inTandem(who, clientId), conference);
    }

    @Transactional(readOnly = true)
    public CaseReference requireWritable(StaffPrincipal who, UUID clientId) {
        return cases.requireTandem(who, clientId, "plan a case conference");
    }

    /** The partners the client has a valid consent for today, one offer per partner; only whom the gate allows. */
    @Transactional(readOnly = true)
    public List<Offer> offerable(StaffPrincipal who, UUID clientId) {
        CaseReference ref = cases.requireTandem(who, clientId, "plan a case conference");
        Map<UUID, Offer> offers = new LinkedHashMap<>();
        for (ValidConsent c : forConferences(ref)) {
            Optional<Partner> partner = partners.find(ref.organisationId(), c.partnerId());
            if (partner.isPresent() && ConferenceDecision.mayTakePart(partner.get())) {
                offers.putIfAbsent(c.partnerId(), new Offer(c.partnerId(), partner.get().name(), c.id(), c.purpose()));
            }
        }
        return List.copyOf(offers.values());
    }

    /** Plans a conference; throws {@link Refused} (audited, nothing stored) for a partner that may not take part. */
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
            Optional<ValidConsent> consent = valid.stream().filter(c -> c.partnerId().equals(invitee.partnerId()))
                    .findFirst();
            Decision decision = ConferenceDecision.invitee(partner, consent);
            if (decision.refused()) {
                disclosures.refused(who, ref, Channel.CONFERENCE_MINUTES,
                        new Recipient(invitee.partnerId(), partner.map(Partner::name).orElse("unknown partner")),
                        List.of("CONFERENCE_PARTICIPATION"), decision.refusal().get());
                throw new Refused(decision.refusal().get());
            }
            consentOf.put(invitee.partnerId(), consent.get().id());
        }
        // The purpose and the names of who attends go out with the minutes: the pseudonym only (R10).
        Decision text = ConferenceDecision.text(mentions.mentioned(ref.id(), conference.purpose())
                || conference.invitees().stream().anyMatch(i -> mentions.mentioned(ref.id(), i.attendees())));
        if (text.refused()) {
            audit.recordIndependently(event(who, ConferenceActions.CONFERENCE_MINUTES_REFUSED, ref,
                    AuditDetail.of("conference.plan-names-client")));
            throw new Refused(text.refusal().get());
        }
        UUID id = UUID.randomUUID();
        repository.insert(id, ref.organisationId(), ref.id(), conference.heldOn(), conference.purpose().strip(),
                conference.clientInvited(), who.id(), clock.instant());
        int position = 0;
        for (Invitee invitee : conference.invitees()) {
            UUID consentId = consentOf.remove(invitee.partnerId());
            if (consentId == null) {
                continue;
            }
            String attendees = invitee.attendees() == null || invitee.attendees().isBlank() ? null
                    : invitee.attendees().strip();
            repository.insertParticipant(id, ref.id(), invitee.partnerId(), consentId, position++, attendees);
        }
        record(who, ConferenceActions.CONFERENCE_PLANNED, ref, AuditDetail.of(
                conference.clientInvited() ? "conference.planned-client" : "conference.planned", id, conference.heldOn(),
                position));
        return id;
    }

    /** Minutes under the pseudonym: refused (audited, nothing stored) when they name the client. */
    @Transactional
    public void recordMinutes(StaffPrincipal who, UUID clientId, UUID conferenceId, String minutes,
            Boolean clientTookPart) {
        CaseReference ref = cases.requireTandem(who, clientId, "record case conference minutes");
        Conference conference = one(ref, conferenceId);
        if (conference.sent()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        if (mentions.mentioned(ref.id(), minutes)) {
            audit.recordIndependently(event(who, ConferenceActions.CONFERENCE_MINUTES_REFUSED, ref,
                    AuditDetail.of("conference.minutes-name-client", conferenceId)));
            throw new MinutesNameTheClient();
        }
        if (!repository.recordMinutes(conferenceId, ref.id(), minutes.strip(), who.id(), clock.instant(),
                conference.clientInvited() ? clientTookPart : null)) {
            // Sent in the meantime: minutes that went out are never changed afterwards.
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        record(who, ConferenceActions.CONFERENCE_MINUTES_RECORDED, ref, AuditDetail.of("conference.id", conferenceId));
    }

    /**
     * Sends the minutes to every participant whose consent is still valid today: one disclosure record
     * each. A participant whose consent was revoked or has run out is refused and gets nothing.
     */
    @Transactional
    public Sent send(StaffPrincipal who, UUID clientId, UUID conferenceId) {
        CaseReference ref = cases.requireTandem(who, clientId, "send case conference minutes");
        Conference conference = one(ref, conferenceId);
        if (conference.sent() || !conference.hasMinutes()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        // The identity may have changed since the minutes were saved (a new alias): checked again.
        if (mentions.mentioned(ref.id(), conference.minutes()) || mentions.mentioned(ref.id(), conference.purpose())
                || conference.participants().stream().anyMatch(p -> mentions.mentioned(ref.id(), p.attendees()))) {
            audit.recordIndependently(event(who, ConferenceActions.CONFERENCE_MINUTES_REFUSED, ref,
                    AuditDetail.of("conference.not-sent-names-client", conferenceId)));
            throw new MinutesNameTheClient();
        }
        // Claimed first, so that a second click (or a second node) finds it sent and sends nothing.
        if (!repository.claimForSending(conferenceId, ref.id(), who.id(), clock.instant())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        Set<UUID> stillValid = forConferences(ref).stream().map(ValidConsent::id).collect(Collectors.toSet());
        // Refusals first, so that the audit lists who was refused before what went out.
        List<ConferenceRepository.StoredParticipant> granted = new ArrayList<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        int refused = 0;
        for (ConferenceRepository.StoredParticipant row : repository.participants(ref.id(), conferenceId)) {
            Optional<Partner> partner = partners.find(ref.organisationId(), row.partnerId());
            names.put(row.id(), partner.map(Partner::name).orElse("unknown partner"));
            Decision decision = ConferenceDecision.participant(partner, stillValid.contains(row.consentId()));
            if (decision.allowed()) {
                granted.add(row);
            } else {
                disclosures.refused(who, ref, Channel.CONFERENCE_MINUTES, new Recipient(row.partnerId(),
                        names.get(row.id())), List.of("CONFERENCE_MINUTES"),
                        Ground.conference(conferenceId, row.consentId()), decision.refusal().get());
                repository.markRefused(row.id());
                refused++;
            }
        }
        Set<UUID> going = granted.stream().map(ConferenceRepository.StoredParticipant::partnerId)
                .collect(Collectors.toSet());
        String content = ConferenceMinutes.document(ref, conference.with(conference.participants().stream()
                .filter(p -> going.contains(p.partnerId())).toList()));
        for (ConferenceRepository.StoredParticipant row : granted) {
            UUID disclosure = disclosures.granted(who, ref, new Outgoing(Channel.CONFERENCE_MINUTES,
                    new Recipient(row.partnerId(), names.get(row.id())), List.of("CONFERENCE_MINUTES"),
                    Ground.conference(conferenceId, row.consentId()), conference.purpose(), content));
            repository.markSent(row.id(), disclosure);
        }
        record(who, ConferenceActions.CONFERENCE_MINUTES_SENT, ref, AuditDetail.of("conference.minutes-sent",
                conferenceId, granted.size(), refused));
        return new Sent(granted.size(), refused);
    }

    /** The client's report (R19): date, purpose, partners, whether invited; no access check, no minutes. */
    @Transactional(readOnly = true)
    public List<Conference> forTheClient(CaseReference ref) {
        return views.of(ref, null);
    }

    /** The client's consents valid today that name case conferences (R10): a consent to share data is not enough. */
    private List<ValidConsent> forConferences(CaseReference ref) {
        return consents.validOn(ref.organisationId(), ref.id(), LocalDate.now(clock)).stream()
                .filter(c -> c.kinds().contains(DataKind.CASE_CONFERENCE)).toList();
    }

    private Conference one(CaseReference ref, UUID conferenceId) {
        return views.of(ref, conferenceId).stream().findFirst().orElseThrow(NotFoundException::new);
    }

    private void record(StaffPrincipal who, String action, CaseReference ref, String detail) {
        audit.record(event(who, action, ref, detail));
    }

    private static AuditEvent event(StaffPrincipal who, String action, CaseReference ref, String detail) {
        return new AuditEvent(who.organisationId(), who.id(), who.username(), action, ref.pseudonym(), detail);
    }
}
