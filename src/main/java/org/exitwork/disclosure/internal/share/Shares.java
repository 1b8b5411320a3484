package org.exitwork.disclosure.internal.share;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shares with social services under the client's consent (R9). {@link ShareDecision} decides, never
 * trusting the form. A refusal writes nothing but its audit entry; a grant writes the share and its
 * {@link DisclosureLog} record in one transaction. What goes out is only what the tandem wrote for
 * each kind, under the pseudonym ({@link ShareDocuments}); the rows are {@link ShareRepository}'s.
 */
@Service
class Shares {

    static final int TEXT_MAX = 4000;

    enum Form {
        PDF, JSON
    }

    enum LinkState {
        ACTIVE, EXPIRED, WITHDRAWN, CONSENT_ENDED
    }

    /** A share as the tandem asks for it; {@code texts} holds one text per kind chosen. */
    record NewShare(UUID partnerId, UUID consentId, Map<DataKind, String> texts, Form form, Locale language) {
    }

    /** A granted share and its link token, which exists only here (only its hash is stored). */
    record Granted(UUID shareId, String token, Instant linkExpiresAt) {
    }

    record ShareRow(UUID id, Instant sharedAt, String partner, List<DataKind> kinds, String sharedBy, Form form,
            String language, LinkState state, Instant linkExpiresAt) {

        public boolean active() {
            return state == LinkState.ACTIVE;
        }
    }

    record Overview(CaseReference ref, boolean writable, List<ShareRow> shares) {
    }

    /** A partner that may receive shares, with the purposes of the client's consents naming it. */
    record PartnerOption(Partner partner, List<ValidConsent> consents) {
    }

    private final ShareRepository repository;
    private final ShareDocuments documents;
    private final CaseDirectory cases;
    private final PartnerDirectory partners;
    private final ConsentsToShare consents;
    private final IdentityMentions mentions;
    private final DisclosureLog log;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration linkValidity;
    private final LinkUses uses;

    Shares(ShareRepository repository, ShareDocuments documents, CaseDirectory cases, PartnerDirectory partners,
            ConsentsToShare consents, IdentityMentions mentions, DisclosureLog log, StaffDirectory staff,
            AuditLog audit, Clock clock, DisclosureSettings settings, LinkUses uses) {
        this.uses = uses;
        this.repository = repository;
        this.documents = documents;
        this.cases = cases;
        this.partners = partners;
        this.consents = consents;
        this.mentions = mentions;
        this.log = log;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
        this.linkValidity = Duration.ofDays(settings.shareLinkDays());
    }

    @Transactional
    public Overview read(StaffPrincipal who, UUID clientId) {
        CaseReference ref = cases.requireReader(who, clientId, "read shares");
        List<ShareRepository.Stored> rows = repository.ofClient(ref.organisationId(), ref.id());
        Map<UUID, String> partnerNames = partners.partners(who.organisationId()).stream()
                .collect(Collectors.toMap(Partner::id, Partner::name));
        Map<UUID, String> names = staff.displayNames(who.organisationId(),
                rows.stream().map(ShareRepository.Stored::sharedBy).collect(Collectors.toSet()));
        LocalDate today = LocalDate.now(clock);
        List<ShareRow> list = rows.stream().map(r -> new ShareRow(r.id(), r.sharedAt(),
                partnerNames.getOrDefault(r.partnerId(), "?"), List.copyOf(r.kinds()), names.get(r.sharedBy()),
                r.form(), r.language(), state(r, today), r.expiresAt())).toList();
        record(who, ShareActions.SHARES_READ, ref, AuditDetail.of("shares.count", list.size()));
        return new Overview(ref, cases.inTandem(who, clientId), list);
    }

    /** The case, for the tandem only (refusals audited by the case directory). */
    @Transactional(readOnly = true)
    public CaseReference requireTandem(StaffPrincipal who, UUID clientId) {
        return cases.requireTandem(who, clientId, "share with a partner");
    }

    /** What the form offers: partners that may receive shares, each with the client's consents valid today. */
    @Transactional
    public List<PartnerOption> options(StaffPrincipal who, CaseReference ref) {
        Map<UUID, List<ValidConsent>> byPartner = new LinkedHashMap<>();
        List<ValidConsent> valid = consents.validOn(who.organisationId(), ref.id(), LocalDate.now(clock));
        valid.forEach(c -> byPartner.computeIfAbsent(c.partnerId(), k -> new ArrayList<>()).add(c));
        record(who, ShareActions.SHARE_FORM_OPENED, ref, AuditDetail.of("shares.valid-consents", valid.size()));
        return partners.partners(who.organisationId()).stream().filter(ShareDecision::receivesShares)
                .map(p -> new PartnerOption(p, byPartner.getOrDefault(p.id(), List.of()))).toList();
    }

    /** The gate (R9). Throws {@link Refused} (audited independently, nothing else written). */
    @Transactional
    public Granted share(StaffPrincipal who, UUID clientId, NewShare request) {
        CaseReference ref = cases.requireTandem(who, clientId, "share with a partner");
        if (request.partnerId() == null || request.consentId() == null || request.texts().isEmpty()
                || request.form() == null || request.language() == null
                || request.texts().values().stream().anyMatch(t -> t == null || t.isBlank() || t.length() > TEXT_MAX)) {
            throw new IllegalArgumentException("incomplete share");
        }
        Set<DataKind> kinds = EnumSet.copyOf(request.texts().keySet());
        if (!kinds.stream().allMatch(DataKind::isData)) {
            throw new IllegalArgumentException("case conferences and service requests are not kinds of data to share");
        }
        List<String> codes = kinds.stream().map(Enum::name).toList();
        Optional<Partner> partner = partners.find(who.organisationId(), request.partnerId());
        LocalDate today = LocalDate.now(clock);
        List<ValidConsent> valid = consents.validOn(who.organisationId(), ref.id(), today);
        Decision decision = ShareDecision.decide(new ShareDecision.Request(request.partnerId(), request.consentId(),
                kinds), new ShareDecision.Facts(partner, valid, consents.covers(who.organisationId(), ref.id(),
                        request.partnerId(), request.consentId(), kinds, today), namesTheClient(ref, request.texts())));
        Recipient recipient = new Recipient(request.partnerId(), partner.map(Partner::name).orElse("unknown"));
        if (decision.refused()) {
            Refusal why = decision.refusal().get();
            log.refused(who, ref, Channel.SHARE, recipient, codes, DisclosureLog.Ground.consent(request.consentId()), why);
            throw new Refused(why);
        }
        ValidConsent consent = valid.stream().filter(c -> c.id().equals(request.consentId())).findFirst().orElseThrow();
        String content = documents.payload(ref.organisationId(), request.texts(), request.language(), today,
                ref.pseudonym(), partner.get().name(), consent.purpose());
        UUID disclosureId = log.granted(who, ref, new DisclosureLog.Outgoing(Channel.SHARE, recipient, codes,
                DisclosureLog.Ground.consent(consent.id()), consent.purpose(), content));
        String token = LinkToken.newToken();
        Instant now = clock.instant();
        ShareRepository.Stored share = new ShareRepository.Stored(UUID.randomUUID(), who.organisationId(), ref.id(),
                disclosureId, request.partnerId(), consent.id(), kinds, request.form(),
                request.language().getLanguage(), who.id(), now, now.plus(linkValidity), null);
        repository.insert(share, LinkToken.sha256(token));
        return new Granted(share.id(), token, share.expiresAt());
    }

    @Transactional
    public boolean withdraw(StaffPrincipal who, UUID clientId, UUID shareId) {
        CaseReference ref = cases.requireTandem(who, clientId, "withdraw a share's link");
        stored(ref, shareId);
        boolean withdrawn = repository.withdraw(ref.id(), shareId, who.id(), clock.instant());
        if (withdrawn) {
            record(who, ShareActions.SHARE_LINK_WITHDRAWN, ref, AuditDetail.of("share.id", shareId));
        }
        return withdrawn;
    }

    /** The tandem downloads what went out, exactly as it went out (audited). */
    @Transactional
    public Download download(StaffPrincipal who, UUID clientId, UUID shareId) {
        CaseReference ref = cases.requireTandem(who, clientId, "download a share");
        ShareRepository.Stored share = stored(ref, shareId);
        Download document = documents.document(share);
        record(who, ShareActions.SHARE_DOCUMENT_DOWNLOADED, ref, AuditDetail.of("share.fetched", shareId, share.form()));
        return document;
    }

    /**
     * The partner's download (public). Unknown, expired and withdrawn links, a consent no longer
     * valid (revoked or ended since) and an erased client all give the same empty answer.
     */
    @Transactional(noRollbackFor = LinkUses.TooOften.class)
    public Optional<Download> fetch(String token) {
        if (!LinkToken.wellFormed(token)) {
            return Optional.empty();
        }
        Optional<ShareRepository.Stored> found = repository.byTokenHash(LinkToken.sha256(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ShareRepository.Stored share = found.get();
        Optional<CaseReference> ref = cases.find(share.orgId(), share.clientId());
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        LinkState state = state(share, LocalDate.now(clock));
        if (!uses.allow(share.id(), state == LinkState.ACTIVE, () -> audit.record(new AuditEvent(share.orgId(), null,
                "share link", DisclosureActions.LINK_USES_USED_UP, ref.get().pseudonym(),
                AuditDetail.of("share.uses-used-up", share.id(), uses.perDay()))))) {
            return Optional.empty();
        }
        if (state != LinkState.ACTIVE) {
            audit.record(new AuditEvent(share.orgId(), null, "share link", ShareActions.SHARE_LINK_REFUSED,
                    ref.get().pseudonym(), AuditDetail.of("share.refused", share.id(), state)));
            return Optional.empty();
        }
        Download document = documents.document(share);
        audit.record(new AuditEvent(share.orgId(), null, "share link", ShareActions.SHARE_LINK_FETCHED,
                ref.get().pseudonym(), AuditDetail.of("share.fetched", share.id(), share.form())));
        return Optional.of(document);
    }

    /** The shares of a client for their own report: partner, purpose and kinds from the gate's record. */
    @Transactional(readOnly = true)
    public List<DisclosureLog.Disclosure> sharesOf(CaseReference client) {
        return log.about(client.organisationId(), client.id()).stream()
                .filter(d -> d.channel() == Channel.SHARE).toList();
    }

    /** Whether a text written for the partner names the client; contact details name them by consent. */
    private boolean namesTheClient(CaseReference ref, Map<DataKind, String> texts) {
        return texts.entrySet().stream().anyMatch(e -> e.getKey() != DataKind.CONTACT_DETAILS
                && mentions.mentioned(ref.id(), e.getValue()));
    }

    private LinkState state(ShareRepository.Stored share, LocalDate today) {
        if (share.withdrawnAt() != null) {
            return LinkState.WITHDRAWN;
        }
        if (!clock.instant().isBefore(share.expiresAt())) {
            return LinkState.EXPIRED;
        }
        if (!consents.covers(share.orgId(), share.clientId(), share.partnerId(), share.consentId(), share.kinds(),
                today)) {
            return LinkState.CONSENT_ENDED;
        }
        return LinkState.ACTIVE;
    }

    private ShareRepository.Stored stored(CaseReference ref, UUID shareId) {
        return repository.find(ref.organisationId(), ref.id(), shareId).orElseThrow(NotFoundException::new);
    }

    private void record(StaffPrincipal who, String action, CaseReference ref, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, ref.pseudonym(), detail));
    }
}
