package org.exitwork.disclosure.internal.servicerequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
import org.exitwork.cases.IdentityMentions;
import org.exitwork.consent.ConsentsToShare;
import org.exitwork.consent.ConsentsToShare.ValidConsent;
import org.exitwork.consent.DataKind;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.DisclosureActions;
import org.exitwork.disclosure.internal.DisclosureLog;
import org.exitwork.disclosure.internal.DisclosureLog.Recipient;
import org.exitwork.disclosure.internal.DisclosureSettings;
import org.exitwork.disclosure.internal.Download;
import org.exitwork.disclosure.internal.LinkToken;
import org.exitwork.disclosure.internal.LinkUses;
import org.exitwork.disclosure.internal.gate.Decision;
import org.exitwork.disclosure.internal.Refusal;
import org.exitwork.disclosure.internal.gate.Refused;
import org.exitwork.network.Need;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.network.PartnerServices;
import org.exitwork.network.PartnerServices.ServiceOffer;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service requests to social services (R11) under the client's consent (R9). {@link RequestDecision}
 * decides, never trusting the form; a refusal writes nothing but its audit entry, a grant writes the
 * request, its first status and its {@link DisclosureLog} record in one transaction. What goes out is
 * only the need and what the tandem wrote for each kind, under the pseudonym, with the redisclosure
 * notice ({@link RequestDocuments}). The partner answers through its one-time link with the statuses of
 * {@link TaskStatus}; every change is kept with who and when.
 */
@Service
class ServiceRequests {

    static final int TEXT_MAX = 4000;
    static final int NAME_MAX = 120;
    static final String LINK_ACTOR = "service request link";

    enum LinkState {
        ACTIVE, EXPIRED, ENDED, CONSENT_ENDED
    }

    record NewRequest(UUID partnerId, UUID consentId, Need need, Map<DataKind, String> texts, Locale language) {
    }

    record Granted(UUID requestId, String token, Instant linkExpiresAt) {
    }

    /** One status of the history, with who set it: a staff member's name or the name the partner's staff gave. */
    record Step(TaskStatus status, String who, boolean byPartner, String reason, Instant at) {
    }

    record Row(UUID id, Instant requestedAt, String partner, Need need, List<DataKind> kinds, String requestedBy,
            TaskStatus status, int version, Instant statusAt, LocalDate answerBy, boolean overdue, long ageDays,
            LinkState link, LocalDate followUpOn, List<Step> history, Instant tandemRemindedAt,
            Instant managersRemindedAt) {

        public boolean open() {
            return !status.terminal();
        }

        public boolean cancellable() {
            return status.canBecome(TaskStatus.CANCELLED);
        }
    }

    record Overview(CaseReference ref, boolean writable, List<Row> requests) {
    }

    /** A partner that may receive service requests, with its offer and the client's consents that allow one. */
    record PartnerOption(Partner partner, ServiceOffer offer, List<ValidConsent> consents) {

        /** The needs it serves, in their order. */
        public List<Need> needs() {
            return offer.needs().stream().sorted().toList();
        }
    }

    /** What the partner's staff see behind the link: the request as it went out and where it stands. */
    record PartnerView(RequestPayload request, TaskStatus status, int version, Set<TaskStatus> next,
            List<Step> history) {

        public LocalDate answerBy() {
            return LocalDate.parse(request.answerBy());
        }
    }

    /** The partner's answer as typed. */
    record Answer(TaskStatus status, int version, String name, String reason) {
    }

    enum AnswerResult {
        SAVED, STALE, CLOSED
    }

    /**
     * What became of an answer, with the page to show again for a stale one: one request of the partner is one
     * use of the link, so the page is read in the same call.
     */
    record Answered(AnswerResult result, PartnerView stale) {
    }

    private final ServiceRequestRepository repository;
    private final RequestDocuments documents;
    private final CaseDirectory cases;
    private final PartnerDirectory partners;
    private final PartnerServices services;
    private final ConsentsToShare consents;
    private final IdentityMentions mentions;
    private final DisclosureLog log;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration linkValidity;
    private final FhirExport fhir;
    private final LinkUses uses;

    ServiceRequests(ServiceRequestRepository repository, RequestDocuments documents, CaseDirectory cases,
            PartnerDirectory partners, PartnerServices services, ConsentsToShare consents, IdentityMentions mentions,
            DisclosureLog log, StaffDirectory staff, AuditLog audit, Clock clock, DisclosureSettings settings,
            FhirExport fhir, LinkUses uses) {
        this.fhir = fhir;
        this.uses = uses;
        this.repository = repository;
        this.documents = documents;
        this.cases = cases;
        this.partners = partners;
        this.services = services;
        this.consents = consents;
        this.mentions = mentions;
        this.log = log;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
        this.linkValidity = Duration.ofDays(settings.serviceRequestLinkDays());
    }

    @Transactional
    public Overview read(StaffPrincipal who, UUID clientId) {
        CaseReference ref = cases.requireReader(who, clientId, "read service requests");
        List<Row> rows = rows(ref);
        record(who, ServiceRequestActions.SERVICE_REQUESTS_READ, ref, AuditDetail.of("servicerequests.count",
                rows.size()));
        return new Overview(ref, cases.inTandem(who, clientId), rows);
    }

    /** The case, for the tandem only (refusals audited by the case directory). */
    @Transactional(readOnly = true)
    public CaseReference requireTandem(StaffPrincipal who, UUID clientId) {
        return cases.requireTandem(who, clientId, "request a service");
    }

    /** What the form offers: partners that may receive requests and list services, with the consents allowing one. */
    @Transactional
    public List<PartnerOption> options(StaffPrincipal who, CaseReference ref) {
        List<ValidConsent> valid = consents.validOn(who.organisationId(), ref.id(), LocalDate.now(clock)).stream()
                .filter(c -> c.kinds().contains(DataKind.SERVICE_REQUEST)).toList();
        Map<UUID, ServiceOffer> offers = services.offers(who.organisationId()).stream()
                .collect(Collectors.toMap(ServiceOffer::partnerId, o -> o));
        record(who, ServiceRequestActions.SERVICE_REQUEST_FORM_OPENED, ref,
                AuditDetail.of("servicerequests.valid-consents", valid.size()));
        return partners.partners(who.organisationId()).stream()
                .filter(p -> RequestDecision.receivesRequests(p) && offers.containsKey(p.id()))
                .map(p -> new PartnerOption(p, offers.get(p.id()),
                        valid.stream().filter(c -> c.partnerId().equals(p.id())).toList()))
                .toList();
    }

    /** The gate (R9, R11). Throws {@link Refused} (audited independently, nothing else written). */
    @Transactional
    public Granted request(StaffPrincipal who, UUID clientId, NewRequest request) {
        CaseReference ref = cases.requireTandem(who, clientId, "request a service");
        if (request.partnerId() == null || request.consentId() == null || request.need() == null
                || request.texts().isEmpty() || request.language() == null
                || request.texts().values().stream().anyMatch(t -> t == null || t.isBlank() || t.length() > TEXT_MAX)) {
            throw new IllegalArgumentException("incomplete service request");
        }
        Set<DataKind> kinds = EnumSet.copyOf(request.texts().keySet());
        if (!kinds.stream().allMatch(DataKind::isData)) {
            throw new IllegalArgumentException("only kinds of data are sent");
        }
        List<String> codes = kinds.stream().map(Enum::name).toList();
        Optional<Partner> partner = partners.find(who.organisationId(), request.partnerId());
        Optional<ServiceOffer> offer = services.offer(who.organisationId(), request.partnerId());
        LocalDate today = LocalDate.now(clock);
        List<ValidConsent> valid = consents.validOn(who.organisationId(), ref.id(), today);
        Decision decision = RequestDecision.decide(
                new RequestDecision.Request(request.partnerId(), request.consentId(), request.need(), kinds),
                new RequestDecision.Facts(partner, offer, valid, consents.covers(who.organisationId(), ref.id(),
                        request.partnerId(), request.consentId(), RequestDecision.needed(kinds), today),
                        namesTheClient(ref, request.texts())));
        Recipient recipient = new Recipient(request.partnerId(), partner.map(Partner::name).orElse("unknown"));
        if (decision.refused()) {
            Refusal why = decision.refusal().get();
            log.refused(who, ref, Channel.SERVICE_REQUEST, recipient, codes,
                    DisclosureLog.Ground.consent(request.consentId()), why);
            throw new Refused(why);
        }
        ValidConsent consent = valid.stream().filter(c -> c.id().equals(request.consentId())).findFirst().orElseThrow();
        Instant now = clock.instant();
        int days = offer.get().responseDays();
        Instant due = now.plus(Duration.ofDays(days));
        String content = documents.payload(ref.organisationId(), request.need(), request.texts(), request.language(),
                today, LocalDate.ofInstant(due, clock.getZone()), ref.pseudonym(), partner.get().name(),
                consent.purpose());
        UUID disclosureId = log.granted(who, ref, new DisclosureLog.Outgoing(Channel.SERVICE_REQUEST, recipient, codes,
                DisclosureLog.Ground.consent(consent.id()), consent.purpose(), content));
        String token = LinkToken.newToken();
        ServiceRequestRepository.Stored stored = new ServiceRequestRepository.Stored(UUID.randomUUID(),
                who.organisationId(), ref.id(), disclosureId, request.partnerId(), consent.id(), request.need(), kinds,
                request.language().getLanguage(), who.id(), now, days, due, TaskStatus.REQUESTED, now, 0, null,
                now.plus(linkValidity), null, null, null, null);
        repository.insert(stored, LinkToken.sha256(token));
        repository.addEvent(ref.id(), stored.id(), 0, TaskStatus.REQUESTED, false, who.id(), null, null, now);
        return new Granted(stored.id(), token, stored.linkExpiresAt());
    }

    /** The tandem cancels an open request; its link ends with it. False when it moved on meanwhile. */
    @Transactional
    public boolean cancel(StaffPrincipal who, UUID clientId, UUID requestId, int version) {
        CaseReference ref = cases.requireTandem(who, clientId, "cancel a service request");
        ServiceRequestRepository.Stored request = stored(ref, requestId);
        Instant now = clock.instant();
        if (!request.status().canBecome(TaskStatus.CANCELLED)
                || !repository.changeStatus(requestId, request.status(), version, TaskStatus.CANCELLED, now, false)) {
            return false;
        }
        repository.addEvent(ref.id(), requestId, version + 1, TaskStatus.CANCELLED, false, who.id(), null, null, now);
        repository.endLink(requestId, now);
        record(who, ServiceRequestActions.SERVICE_REQUEST_CANCELLED, ref, AuditDetail.of("servicerequest.id",
                requestId));
        return true;
    }

    /** The tandem prints what went out, exactly as it went out (audited). */
    @Transactional
    public Download download(StaffPrincipal who, UUID clientId, UUID requestId) {
        CaseReference ref = cases.requireTandem(who, clientId, "download a service request");
        ServiceRequestRepository.Stored request = stored(ref, requestId);
        byte[] pdf = documents.pdf(documents.recorded(request));
        record(who, ServiceRequestActions.SERVICE_REQUEST_DOCUMENT_DOWNLOADED, ref,
                AuditDetail.of("servicerequest.id", requestId));
        return new Download(RequestDocuments.filename(request), "application/pdf", pdf);
    }

    /**
     * The request for the partner's system as HL7 FHIR R4 (a {@code Bundle} of a pseudonymous {@code Patient},
     * the {@code Consent}, the {@code ServiceRequest} and its {@code Task}), through the gate: only while the
     * policy lets the partner receive a service request and the consent still covers it; recorded as a
     * disclosure with the exact JSON, audited. Throws {@link Refused} (audited) otherwise.
     */
    @Transactional
    public Download exportFhir(StaffPrincipal who, UUID clientId, UUID requestId) {
        CaseReference ref = cases.requireTandem(who, clientId, "export a service request");
        ServiceRequestRepository.Stored request = stored(ref, requestId);
        List<String> codes = request.kinds().stream().map(Enum::name).toList();
        Optional<Partner> partner = partners.find(who.organisationId(), request.partnerId());
        Recipient recipient = new Recipient(request.partnerId(), partner.map(Partner::name).orElse("unknown"));
        LocalDate today = LocalDate.now(clock);
        Optional<ValidConsent> consent = consents.validOn(who.organisationId(), ref.id(), today).stream()
                .filter(c -> c.id().equals(request.consentId())).findFirst();
        Optional<Refusal> refusal = partner.isEmpty() ? Optional.of(RequestDecision.Reason.UNKNOWN_PARTNER.refusal())
                : org.exitwork.disclosure.internal.gate.OutboundGate.toPartner(Channel.SERVICE_REQUEST, partner.get())
                        .map(p -> Refusal.byPolicy(p, RequestDecision.POLICY))
                        .or(() -> consent.isPresent() && consents.covers(who.organisationId(), ref.id(),
                                request.partnerId(), request.consentId(), RequestDecision.needed(request.kinds()), today)
                                        ? Optional.empty() : Optional.of(RequestDecision.Reason.NO_CONSENT.refusal()));
        if (refusal.isPresent()) {
            log.refused(who, ref, Channel.SERVICE_REQUEST, recipient, codes,
                    DisclosureLog.Ground.consent(request.consentId()), refusal.get());
            throw new Refused(refusal.get());
        }
        String json = fhir.bundle(documents.recorded(request), request, consent.get(), clock.getZone());
        log.granted(who, ref, new DisclosureLog.Outgoing(Channel.SERVICE_REQUEST, recipient, codes,
                DisclosureLog.Ground.consent(request.consentId()), consent.get().purpose(), json));
        record(who, ServiceRequestActions.SERVICE_REQUESTS_EXPORTED, ref, AuditDetail.of("servicerequest.exported", 1, 1));
        return new Download(RequestDocuments.filename(request).replace(".pdf", ".fhir.json"), FhirExport.MEDIA_TYPE,
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A consent of the client as HL7 FHIR R4 for the partner it names, with every service request made
     * under it (a {@code Bundle} of a pseudonymous {@code Patient}, the {@code Consent}, and a
     * {@code ServiceRequest} with its {@code Task} per request): the case's consents and requests for that
     * partner's system. Through the gate like the request's own export: only a consent valid today, to a
     * partner the policy lets receive what the consent names; recorded as a disclosure with the exact JSON,
     * audited. Another client's or organisation's consent is not found; a refusal is audited and thrown.
     */
    @Transactional
    public Download exportConsentFhir(StaffPrincipal who, UUID clientId, UUID consentId) {
        CaseReference ref = cases.requireTandem(who, clientId, "export a consent");
        LocalDate today = LocalDate.now(clock);
        ValidConsent consent = consents.validOn(who.organisationId(), ref.id(), today).stream()
                .filter(c -> c.id().equals(consentId)).findFirst()
                .orElseThrow(org.exitwork.platform.NotFoundException::new);
        Optional<Partner> partner = partners.find(who.organisationId(), consent.partnerId());
        Recipient recipient = new Recipient(consent.partnerId(), partner.map(Partner::name).orElse("unknown"));
        List<String> codes = consent.kinds().stream().sorted().map(Enum::name).toList();
        Channel channel = consent.kinds().contains(DataKind.SERVICE_REQUEST) ? Channel.SERVICE_REQUEST : Channel.SHARE;
        Optional<Refusal> refusal = partner.isEmpty() ? Optional.of(RequestDecision.Reason.UNKNOWN_PARTNER.refusal())
                : org.exitwork.disclosure.internal.gate.OutboundGate.toPartner(channel, partner.get())
                        .map(p -> Refusal.byPolicy(p, RequestDecision.POLICY));
        if (refusal.isPresent()) {
            log.refused(who, ref, channel, recipient, codes, DisclosureLog.Ground.consent(consentId), refusal.get());
            throw new Refused(refusal.get());
        }
        List<java.util.Map.Entry<RequestPayload, ServiceRequestRepository.Stored>> made = repository
                .ofClient(who.organisationId(), ref.id()).stream()
                .filter(r -> r.consentId().equals(consentId) && r.partnerId().equals(consent.partnerId()))
                .sorted(java.util.Comparator.comparing(ServiceRequestRepository.Stored::requestedAt))
                .map(r -> java.util.Map.entry(documents.recorded(r), r)).toList();
        String json = fhir.consentBundle(ref.pseudonym(), recipient.name(), consent, made, clock.getZone(),
                clock.instant());
        log.granted(who, ref, new DisclosureLog.Outgoing(channel, recipient, codes,
                DisclosureLog.Ground.consent(consentId), consent.purpose(), json));
        record(who, ServiceRequestActions.SERVICE_REQUESTS_EXPORTED, ref,
                AuditDetail.of("servicerequest.exported", 1, made.size()));
        return new Download("consent-" + ref.pseudonym().replaceAll("[^A-Za-z0-9-]", "-") + ".fhir.json",
                FhirExport.MEDIA_TYPE, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The tandem notes when to follow a request up (the aftercare plan lists them); null clears it. */
    @Transactional
    public void followUp(StaffPrincipal who, UUID clientId, UUID requestId, LocalDate on) {
        CaseReference ref = cases.requireTandem(who, clientId, "follow up a service request");
        stored(ref, requestId);
        repository.followUp(requestId, on);
        record(who, ServiceRequestActions.SERVICE_REQUEST_FOLLOW_UP_SET, ref,
                on == null ? AuditDetail.of("servicerequest.follow-up-cleared", requestId)
                        : AuditDetail.of("servicerequest.follow-up", requestId, on));
    }

    /**
     * What the partner's link shows (public). Unknown, expired and ended links, a consent no longer
     * valid (revoked or ended since) and an erased client all give the same empty answer.
     */
    @Transactional(noRollbackFor = LinkUses.TooOften.class)
    public Optional<PartnerView> open(String token) {
        return usable(token).map(request -> {
            audit.record(new AuditEvent(request.orgId(), null, LINK_ACTOR, ServiceRequestActions.SERVICE_REQUEST_LINK_OPENED,
                    pseudonym(request), AuditDetail.of("servicerequest.id", request.id())));
            return view(request);
        });
    }

    /** The PDF behind the partner's link, exactly as it went out (public, audited). */
    @Transactional(noRollbackFor = LinkUses.TooOften.class)
    public Optional<Download> pdf(String token) {
        return usable(token).map(request -> {
            audit.record(new AuditEvent(request.orgId(), null, LINK_ACTOR, ServiceRequestActions.SERVICE_REQUEST_LINK_OPENED,
                    pseudonym(request), AuditDetail.of("servicerequest.fetched", request.id())));
            return new Download(RequestDocuments.filename(request), "application/pdf",
                    documents.pdf(documents.recorded(request)));
        });
    }

    /**
     * The partner's answer (public). The caller has checked the form (a status, a name, a reason for a
     * rejection); here the status must follow the current one and the version must still be the current.
     */
    @Transactional(noRollbackFor = LinkUses.TooOften.class)
    public Answered answer(String token, Answer answer) {
        Optional<ServiceRequestRepository.Stored> found = usable(token);
        if (found.isEmpty()) {
            return new Answered(AnswerResult.CLOSED, null);
        }
        ServiceRequestRepository.Stored request = found.get();
        Instant now = clock.instant();
        if (!request.status().canBecome(answer.status())
                || !repository.changeStatus(request.id(), request.status(), answer.version(), answer.status(), now, true)) {
            // The page again as it is now, in this same use of the link (read again: someone may have answered since).
            return new Answered(AnswerResult.STALE, view(repository.byTokenHash(LinkToken.sha256(token)).orElse(request)));
        }
        repository.addEvent(request.clientId(), request.id(), answer.version() + 1, answer.status(), true, null, answer.name().strip(),
                answer.status() == TaskStatus.REJECTED ? answer.reason().strip() : null, now);
        audit.record(new AuditEvent(request.orgId(), null, LINK_ACTOR, ServiceRequestActions.SERVICE_REQUEST_ANSWERED,
                pseudonym(request), AuditDetail.of("servicerequest.answered", request.id(), answer.status())));
        return new Answered(AnswerResult.SAVED, null);
    }

    /** The view behind a token still usable, for the page shown again after a refused answer (a closed link is audited). */
    @Transactional(noRollbackFor = LinkUses.TooOften.class)
    public Optional<PartnerView> current(String token) {
        return usable(token).map(this::view);
    }

    // ---------------------------------------------------------------------------------------------

    private Optional<ServiceRequestRepository.Stored> usable(String token) {
        if (!LinkToken.wellFormed(token)) {
            return Optional.empty();
        }
        Optional<ServiceRequestRepository.Stored> found = repository.byTokenHash(LinkToken.sha256(token));
        if (found.isEmpty() || cases.find(found.get().orgId(), found.get().clientId()).isEmpty()) {
            return Optional.empty();
        }
        ServiceRequestRepository.Stored request = found.get();
        LinkState state = linkState(request, LocalDate.now(clock));
        if (!uses.allow(request.id(), state == LinkState.ACTIVE, () -> audit.record(new AuditEvent(request.orgId(), null,
                LINK_ACTOR, DisclosureActions.LINK_USES_USED_UP, pseudonym(request),
                AuditDetail.of("servicerequest.uses-used-up", request.id(), uses.perDay()))))) {
            return Optional.empty();
        }
        if (state != LinkState.ACTIVE) {
            audit.record(new AuditEvent(request.orgId(), null, LINK_ACTOR,
                    ServiceRequestActions.SERVICE_REQUEST_LINK_REFUSED, pseudonym(request),
                    AuditDetail.of("servicerequest.refused", request.id(), state)));
            return Optional.empty();
        }
        return Optional.of(request);
    }

    private PartnerView view(ServiceRequestRepository.Stored request) {
        List<Step> history = history(request, Map.of()).stream()
                .map(s -> new Step(s.status(), s.byPartner() ? s.who() : null, s.byPartner(), s.reason(), s.at()))
                .toList();
        return new PartnerView(documents.recorded(request), request.status(), request.rowVersion(),
                request.status().next(), history);
    }

    LinkState linkState(ServiceRequestRepository.Stored request, LocalDate today) {
        if (request.linkEndedAt() != null) {
            return LinkState.ENDED;
        }
        // A partner deactivated since (or one the policy no longer lets receive a request) gets nothing more.
        if (!partners.find(request.orgId(), request.partnerId()).map(RequestDecision::receivesRequests).orElse(false)) {
            return LinkState.ENDED;
        }
        if (!clock.instant().isBefore(request.linkExpiresAt())) {
            return LinkState.EXPIRED;
        }
        if (!consents.covers(request.orgId(), request.clientId(), request.partnerId(), request.consentId(),
                RequestDecision.needed(request.kinds()), today)) {
            return LinkState.CONSENT_ENDED;
        }
        return LinkState.ACTIVE;
    }

    private List<Row> rows(CaseReference ref) {
        List<ServiceRequestRepository.Stored> stored = repository.ofClient(ref.organisationId(), ref.id());
        Map<UUID, String> partnerNames = partners.partners(ref.organisationId()).stream()
                .collect(Collectors.toMap(Partner::id, Partner::name));
        Map<UUID, List<ServiceRequestRepository.Event>> events = stored.stream()
                .collect(Collectors.toMap(ServiceRequestRepository.Stored::id, r -> repository.events(ref.id(), r.id())));
        Set<UUID> people = new HashSet<>();
        stored.forEach(r -> people.add(r.requestedBy()));
        events.values().forEach(list -> list.stream().map(ServiceRequestRepository.Event::staffId)
                .filter(java.util.Objects::nonNull).forEach(people::add));
        Map<UUID, String> names = staff.displayNames(ref.organisationId(), people);
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();
        return stored.stream().map(r -> new Row(r.id(), r.requestedAt(), partnerNames.getOrDefault(r.partnerId(), "?"),
                r.need(), List.copyOf(r.kinds()), names.get(r.requestedBy()), r.status(), r.rowVersion(), r.statusAt(),
                LocalDate.ofInstant(r.answerDueAt(), zone()), r.status().unanswered() && !now.isBefore(r.answerDueAt()),
                Duration.between(r.requestedAt(), now).toDays(), linkState(r, today), r.followUpOn(),
                steps(events.get(r.id()), names), r.tandemRemindedAt(), r.managerRemindedAt())).toList();
    }

    private List<Step> history(ServiceRequestRepository.Stored request, Map<UUID, String> names) {
        return steps(repository.events(request.clientId(), request.id()), names);
    }

    private static List<Step> steps(List<ServiceRequestRepository.Event> events, Map<UUID, String> names) {
        return events.stream().map(e -> new Step(e.status(), e.byPartner() ? e.answeredBy() : names.get(e.staffId()),
                e.byPartner(), e.reason(), e.at())).toList();
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    private String pseudonym(ServiceRequestRepository.Stored request) {
        return cases.find(request.orgId(), request.clientId()).map(CaseReference::pseudonym).orElse(null);
    }

    /** Whether a text written for the partner names the client; contact details name them by consent. */
    private boolean namesTheClient(CaseReference ref, Map<DataKind, String> texts) {
        return texts.entrySet().stream().anyMatch(e -> e.getKey() != DataKind.CONTACT_DETAILS
                && mentions.mentioned(ref.id(), e.getValue()));
    }

    private ServiceRequestRepository.Stored stored(CaseReference ref, UUID requestId) {
        return repository.find(ref.organisationId(), ref.id(), requestId).orElseThrow(NotFoundException::new);
    }

    private void record(StaffPrincipal who, String action, CaseReference ref, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, ref.pseudonym(), detail));
    }
}
