package org.exitwork.consent.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.consent.ConsentsToShare;
import org.exitwork.consent.DataKind;
import org.exitwork.network.OutboundPolicy;
import org.exitwork.network.OutboundPolicy.Refusal;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consents to share (R9): the tandem records and revokes them, the tandem or a colleague who broke
 * the glass reads them. Nothing else in the case depends on them: no other table, no stage, no
 * session looks here, so refusing or revoking a consent changes nothing in the work.
 */
@Service
class Consents implements ConsentsToShare {

    enum Status {
        VALID, NOT_YET_VALID, EXPIRED, REVOKED
    }

    record NewConsent(UUID partnerId, String purpose, Set<DataKind> kinds, LocalDate validFrom,
            LocalDate validUntil, ClientInformed informedHow) {
    }

    record Consent(UUID id, String partnerName, String partnerKind, String purpose, List<DataKind> kinds,
            LocalDate validFrom, LocalDate validUntil, ClientInformed informedHow, String recordedBy,
            Instant recordedAt, LocalDate revokedOn, String revokedBy, Status status, Refusal unusable) {

        public boolean revoked() {
            return status == Status.REVOKED;
        }

        /** The outbound policy refuses its partner (a consent recorded before the policy, or a partner deactivated). */
        public boolean usable() {
            return unusable == null;
        }
    }

    record Overview(CaseReference ref, boolean writable, List<Consent> consents) {
    }

    private final ConsentRepository repository;
    private final CaseDirectory cases;
    private final PartnerDirectory partners;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Clock clock;

    Consents(ConsentRepository repository, CaseDirectory cases, PartnerDirectory partners, StaffDirectory staff,
            AuditLog audit, Clock clock) {
        this.repository = repository;
        this.cases = cases;
        this.partners = partners;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What the outbound policy says about a consent naming {@code partner} for {@code kinds}: each kind
     * opens its way out (a share, or a case conference), and every one of them must be allowed. With
     * no kinds, the share is asked about: that is what a consent is for.
     */
    static Optional<Refusal> refusal(Partner partner, Collection<DataKind> kinds) {
        Set<OutboundPolicy.Channel> channels = kinds == null || kinds.isEmpty() ? Set.of(OutboundPolicy.Channel.SHARE)
                : kinds.stream().map(DataKind::channel).collect(Collectors.toCollection(() ->
                        EnumSet.noneOf(OutboundPolicy.Channel.class)));
        return channels.stream().map(c -> OutboundPolicy.toPartner(c, partner).refusal())
                .flatMap(Optional::stream).findFirst();
    }

    /** Partners the form offers: those the policy lets receive a share or take part in a case conference. */
    private static boolean offerable(Partner partner) {
        return OutboundPolicy.toPartner(OutboundPolicy.Channel.SHARE, partner).allowed()
                || OutboundPolicy.toPartner(OutboundPolicy.Channel.CASE_CONFERENCE, partner).allowed()
                || OutboundPolicy.toPartner(OutboundPolicy.Channel.SERVICE_REQUEST, partner).allowed();
    }

    @Transactional
    public Overview read(StaffPrincipal who, UUID clientId) {
        CaseReference ref = cases.requireReader(who, clientId, "read consents to share");
        List<Consent> list = consents(who, ref, null);
        record(who, ConsentActions.CONSENTS_READ, ref, AuditDetail.of("consents.count", list.size()));
        return new Overview(ref, cases.inTandem(who, clientId), list);
    }

    @Transactional
    public Consent readOne(StaffPrincipal who, UUID clientId, UUID consentId) {
        CaseReference ref = cases.requireTandem(who, clientId, "revoke consent to share");
        Consent consent = consents(who, ref, consentId).stream().findFirst().orElseThrow(NotFoundException::new);
        record(who, ConsentActions.CONSENT_READ, ref, AuditDetail.of("consent.id", consentId));
        return consent;
    }

    /** The case and the partners the tandem may choose from; refuses (audited) anyone outside the tandem. */
    @Transactional(readOnly = true)
    public CaseReference requireWritable(StaffPrincipal who, UUID clientId) {
        return cases.requireTandem(who, clientId, "record consent to share");
    }

    @Transactional(readOnly = true)
    public List<Partner> offerable(StaffPrincipal who) {
        return partners.partners(who.organisationId()).stream().filter(Consents::offerable).toList();
    }

    @Transactional
    public UUID record(StaffPrincipal who, UUID clientId, NewConsent consent) {
        CaseReference ref = cases.requireTandem(who, clientId, "record consent to share");
        Optional<Partner> partner = partners.find(who.organisationId(), consent.partnerId());
        Optional<Refusal> refusal = partner.flatMap(p -> refusal(p, consent.kinds()));
        if (partner.isEmpty() || refusal.isPresent()) {
            audit.recordIndependently(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    ConsentActions.CONSENT_PARTNER_REFUSED, ref.pseudonym(), partner.isEmpty()
                            ? AuditDetail.of("consent.partner-unknown", consent.partnerId())
                            : AuditDetail.of("consent.partner-refused", consent.partnerId(), partner.get().kind(),
                                    refusal.get().name())));
            throw new PartnerNotAllowedException(refusal.orElse(null));
        }
        if (consent.kinds() == null || consent.kinds().isEmpty() || consent.validFrom() == null
                || consent.validUntil() == null || !consent.validUntil().isAfter(consent.validFrom())
                || consent.informedHow() == null || consent.purpose() == null || consent.purpose().isBlank()) {
            throw new IllegalArgumentException("incomplete consent");
        }
        UUID id = UUID.randomUUID();
        repository.insert(id, who.organisationId(), ref.id(), consent.partnerId(), consent.purpose().strip(),
                consent.validFrom(), consent.validUntil(), consent.informedHow(), consent.kinds(), who.id(),
                clock.instant());
        record(who, ConsentActions.CONSENT_RECORDED, ref, AuditDetail.of("consent.recorded", id, consent.partnerId(),
                partner.get().kind(), codes(consent.kinds()), consent.validFrom(), consent.validUntil(),
                consent.informedHow()));
        return id;
    }

    /** Final: a revoked consent stays revoked; false when it already was (nothing changes then). */
    @Transactional
    public boolean revoke(StaffPrincipal who, UUID clientId, UUID consentId, LocalDate revokedOn) {
        CaseReference ref = cases.requireTandem(who, clientId, "revoke consent to share");
        Optional<LocalDate> already = repository.revokedOn(who.organisationId(), ref.id(), consentId)
                .orElseThrow(NotFoundException::new);
        if (already.isPresent()) {
            return false;
        }
        boolean changed = repository.revoke(consentId, revokedOn, who.id(), clock.instant());
        if (changed) {
            record(who, ConsentActions.CONSENT_REVOKED, ref, AuditDetail.of("consent.revoked", consentId, revokedOn));
        }
        return changed;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean covers(UUID organisationId, UUID clientId, UUID partnerId, UUID consentId, Set<DataKind> kinds,
            LocalDate on) {
        if (organisationId == null || clientId == null || partnerId == null || consentId == null || kinds == null
                || kinds.isEmpty() || on == null) {
            return false;
        }
        Optional<Partner> partner = partners.find(organisationId, partnerId);
        if (partner.isEmpty() || refusal(partner.get(), kinds).isPresent()) {
            return false;
        }
        return repository.validFor(organisationId, clientId, partnerId, consentId, on)
                && repository.kindsOf(consentId).containsAll(kinds);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ValidConsent> validOn(UUID organisationId, UUID clientId, LocalDate on) {
        Map<UUID, Partner> known = partners.partners(organisationId).stream()
                .collect(Collectors.toMap(Partner::id, p -> p));
        List<ConsentRepository.Stored> rows = repository.validOn(organisationId, clientId, on).stream()
                .filter(r -> known.containsKey(r.partnerId())).toList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, Set<DataKind>> kinds = repository.kindsOfClient(clientId);
        // A consent the policy refuses (its partner's kind may not receive what it names, or the partner
        // was deactivated) is no ground for anything, however valid its dates.
        return rows.stream().filter(r -> refusal(known.get(r.partnerId()), kinds.getOrDefault(r.id(), Set.of()))
                .isEmpty())
                .map(r -> new ValidConsent(r.id(), r.partnerId(), r.purpose(), kinds.getOrDefault(r.id(), Set.of()),
                        r.from(), r.until())).toList();
    }

    /** Every consent of the client, for the client's own report (R19); the caller has checked access. */
    @Transactional(readOnly = true)
    List<Consent> forClientRecord(CaseReference ref) {
        return consents(ref.organisationId(), ref, null);
    }

    private List<Consent> consents(StaffPrincipal who, CaseReference ref, UUID only) {
        return consents(who.organisationId(), ref, only);
    }

    private List<Consent> consents(UUID org, CaseReference ref, UUID only) {
        List<ConsentRepository.Stored> rows = repository.ofClient(org, ref.id(), only);
        Map<UUID, Set<DataKind>> kinds = repository.kindsOfClient(ref.id());
        Map<UUID, Partner> byId = partners.partners(org).stream()
                .collect(Collectors.toMap(Partner::id, p -> p));
        Set<UUID> people = new HashSet<>();
        rows.forEach(r -> {
            people.add(r.recordedBy());
            if (r.revokedBy() != null) {
                people.add(r.revokedBy());
            }
        });
        Map<UUID, String> names = staff.displayNames(org, people);
        LocalDate today = LocalDate.now(clock);
        return rows.stream().map(r -> {
            Partner p = byId.get(r.partnerId());
            List<DataKind> named = kinds.getOrDefault(r.id(), Set.of()).stream().sorted().toList();
            return new Consent(r.id(), p == null ? "?" : p.name(), p == null ? "" : p.kind().name(), r.purpose(),
                    named, r.from(), r.until(), ClientInformed.valueOf(r.informed()), names.get(r.recordedBy()),
                    r.recordedAt(), r.revokedOn(), r.revokedBy() == null ? null : names.get(r.revokedBy()),
                    status(r, today), p == null ? null : refusal(p, named).orElse(null));
        }).toList();
    }

    private static Status status(ConsentRepository.Stored r, LocalDate today) {
        if (r.revokedOn() != null) {
            return Status.REVOKED;
        }
        if (today.isBefore(r.from())) {
            return Status.NOT_YET_VALID;
        }
        return today.isAfter(r.until()) ? Status.EXPIRED : Status.VALID;
    }

    private static String codes(Collection<DataKind> kinds) {
        return EnumSet.copyOf(kinds).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    private void record(StaffPrincipal who, String action, CaseReference ref, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, ref.pseudonym(), detail));
    }
}
