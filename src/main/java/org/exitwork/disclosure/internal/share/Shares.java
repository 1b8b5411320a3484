package org.exitwork.disclosure.internal.share;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.IdentityMentions;
import org.exitwork.cases.ClientErased;
import org.exitwork.consent.ConsentsToShare;
import org.exitwork.consent.ConsentsToShare.ValidConsent;
import org.exitwork.consent.DataKind;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.DisclosureLog;
import org.exitwork.disclosure.internal.DisclosureLog.Recipient;
import org.exitwork.network.OutboundPolicy;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shares with social services under the client's consent (R9). The gate decides here, never
 * trusting the form: the partner must be the organisation's, the {@link OutboundPolicy} must let it
 * receive a share (an active social service: R7, R16, R17), and a consent valid today must name that
 * partner and every kind shared. A refusal writes
 * nothing but its audit entry; a grant writes the share and its {@link DisclosureLog} record in one
 * transaction. What goes out is only what the tandem wrote for each kind, under the pseudonym.
 */
@Service
class Shares {

    static final String TABLE = "dis_share";
    static final int TEXT_MAX = 4000;

    enum Form {
        PDF, JSON
    }

    /**
     * Why the gate said no beyond the outbound policy; each has its message {@code shares.refused.<code>}.
     * The policy's own reasons ({@link OutboundPolicy.Refusal}) come first.
     */
    enum Refusal {
        UNKNOWN_PARTNER, NO_CONSENT, CONSENT_NOT_VALID, KINDS_NOT_COVERED, NAMES_THE_CLIENT
    }

    enum LinkState {
        ACTIVE, EXPIRED, WITHDRAWN, CONSENT_ENDED
    }

    /** {@code code} is what the audit entry names; exactly one of the two reasons is set. */
    static final class ShareRefused extends RuntimeException {
        final Refusal reason;
        final OutboundPolicy.Refusal policy;

        ShareRefused(Refusal reason, OutboundPolicy.Refusal policy) {
            super(reason != null ? reason.name() : policy.name(), null, false, false);
            this.reason = reason;
            this.policy = policy;
        }

        String code() {
            return getMessage();
        }
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

    record Document(String filename, String contentType, byte[] body) {
    }

    private record Row(UUID id, UUID orgId, UUID clientId, UUID disclosureId, UUID partnerId, UUID consentId,
            String kinds, Form form, String language, UUID sharedBy, Instant sharedAt, Instant expiresAt,
            Instant withdrawnAt) {

        Set<DataKind> kindSet() {
            EnumSet<DataKind> set = EnumSet.noneOf(DataKind.class);
            Arrays.stream(kinds.split(",")).filter(s -> !s.isEmpty()).map(DataKind::valueOf).forEach(set::add);
            return set;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, org_id, client_id, disclosure_id, partner_id, consent_id, kinds, form, "
            + "language, shared_by, shared_at, link_expires_at, withdrawn_at";

    private final JdbcClient jdbc;
    private final CaseDirectory cases;
    private final PartnerDirectory partners;
    private final ConsentsToShare consents;
    private final DisclosureLog log;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final MessageSource messages;
    private final SharePdf pdf;
    private final Clock clock;
    private final Duration linkValidity;
    private final IdentityMentions mentions;

    Shares(JdbcClient jdbc, CaseDirectory cases, PartnerDirectory partners, ConsentsToShare consents,
            DisclosureLog log, StaffDirectory staff, AuditLog audit, MessageSource messages, SharePdf pdf,
            Clock clock, @Value("${exitwork.disclosure.share-link-days:7}") int linkDays, IdentityMentions mentions) {
        this.mentions = mentions;
        this.jdbc = jdbc;
        this.cases = cases;
        this.partners = partners;
        this.consents = consents;
        this.log = log;
        this.staff = staff;
        this.audit = audit;
        this.messages = messages;
        this.pdf = pdf;
        this.clock = clock;
        this.linkValidity = Duration.ofDays(linkDays);
    }

    /** Partners that may ever receive a share: whom the outbound policy allows (an active social service). */
    static boolean receivesShares(Partner partner) {
        return OutboundPolicy.toPartner(OutboundPolicy.Channel.SHARE, partner).allowed();
    }

    @Transactional
    public Overview read(StaffPrincipal who, UUID clientId) {
        CaseReference ref = cases.requireReader(who, clientId, "read shares");
        List<Row> rows = rows(ref);
        Map<UUID, String> partnerNames = partners.partners(who.organisationId()).stream()
                .collect(Collectors.toMap(Partner::id, Partner::name));
        Map<UUID, String> names = staff.displayNames(who.organisationId(),
                rows.stream().map(Row::sharedBy).collect(Collectors.toSet()));
        LocalDate today = LocalDate.now(clock);
        List<ShareRow> list = rows.stream().map(r -> new ShareRow(r.id(), r.sharedAt(),
                partnerNames.getOrDefault(r.partnerId(), "?"), List.copyOf(r.kindSet()), names.get(r.sharedBy()),
                r.form(), r.language(), state(r, today), r.expiresAt())).toList();
        record(who, ShareActions.SHARES_READ, ref, list.size() + " shares");
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
        record(who, ShareActions.SHARE_FORM_OPENED, ref, valid.size() + " valid consents");
        return partners.partners(who.organisationId()).stream().filter(Shares::receivesShares)
                .map(p -> new PartnerOption(p, byPartner.getOrDefault(p.id(), List.of()))).toList();
    }

    /** The gate (R9). Throws {@link ShareRefused} (audited independently, nothing else written). */
    @Transactional
    public Granted share(StaffPrincipal who, UUID clientId, NewShare request) {
        CaseReference ref = cases.requireTandem(who, clientId, "share with a partner");
        if (request.partnerId() == null || request.consentId() == null || request.texts().isEmpty()
                || request.form() == null || request.language() == null
                || request.texts().values().stream().anyMatch(t -> t == null || t.isBlank() || t.length() > TEXT_MAX)) {
            throw new IllegalArgumentException("incomplete share");
        }
        Set<DataKind> kinds = EnumSet.copyOf(request.texts().keySet());
        if (kinds.contains(DataKind.CASE_CONFERENCE)) {
            throw new IllegalArgumentException("case conferences are not a kind of data to share");
        }
        List<String> codes = kinds.stream().map(Enum::name).toList();
        Optional<Partner> found = partners.find(who.organisationId(), request.partnerId());
        Recipient recipient = new Recipient(request.partnerId(), found.map(Partner::name).orElse("unknown"));
        LocalDate today = LocalDate.now(clock);
        Refusal refusal = null;
        OutboundPolicy.Refusal policy = found.flatMap(p -> OutboundPolicy.toPartner(OutboundPolicy.Channel.SHARE, p)
                .refusal()).orElse(null);
        ValidConsent consent = null;
        if (found.isEmpty()) {
            refusal = Refusal.UNKNOWN_PARTNER;
        } else if (policy == null) {
            List<ValidConsent> valid = consents.validOn(who.organisationId(), ref.id(), today);
            consent = valid.stream().filter(c -> c.id().equals(request.consentId())).findFirst().orElse(null);
            boolean partnerHasOne = valid.stream().anyMatch(c -> c.partnerId().equals(request.partnerId()));
            if (consent == null) {
                refusal = partnerHasOne ? Refusal.CONSENT_NOT_VALID : Refusal.NO_CONSENT;
            } else if (!consent.partnerId().equals(request.partnerId())) {
                refusal = Refusal.NO_CONSENT;
            } else if (!consent.kinds().containsAll(kinds)) {
                refusal = Refusal.KINDS_NOT_COVERED;
            } else if (!consents.covers(who.organisationId(), ref.id(), request.partnerId(), request.consentId(),
                    kinds, today)) {
                refusal = Refusal.NO_CONSENT;
            }
        }
        // Everything written for a partner uses the pseudonym (R9); contact details are the one kind
        // whose very content identifies, and the client consented to exactly that.
        if (refusal == null && policy == null && request.texts().entrySet().stream().anyMatch(e -> e.getKey() != DataKind.CONTACT_DETAILS
                && mentions.mentioned(ref.id(), e.getValue()))) {
            refusal = Refusal.NAMES_THE_CLIENT;
        }
        if (refusal != null || policy != null) {
            ShareRefused refused = new ShareRefused(refusal, policy);
            log.refused(who, ref, Channel.SHARE, recipient, codes, refused.code() + " consent=" + request.consentId());
            throw refused;
        }

        Locale language = request.language();
        List<SharePayload.Item> items = kinds.stream().map(k -> new SharePayload.Item(k.name(),
                message("shares.kind." + k.name(), language), request.texts().get(k).strip())).toList();
        SharePayload payload = new SharePayload(SharePayload.FORMAT, language.getLanguage(), today.toString(),
                ref.pseudonym(), found.get().name(), consent.purpose(), items,
                message("shares.notice.redisclosure", language));
        String content = payload.json();
        UUID disclosureId = log.granted(who, ref, new DisclosureLog.Outgoing(Channel.SHARE, recipient, codes,
                "consent " + consent.id(), consent.purpose(), content));

        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        String tokenText = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant expires = now.plus(linkValidity);
        jdbc.sql("INSERT INTO dis_share (" + COLUMNS.replace(", withdrawn_at", "") + ", token_hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, who.organisationId(), ref.id(), disclosureId, request.partnerId(), consent.id(),
                        String.join(",", codes), request.form().name(), language.getLanguage(), who.id(),
                        Timestamp.from(now), Timestamp.from(expires), sha256(tokenText))
                .update();
        return new Granted(id, tokenText, expires);
    }

    @Transactional
    public boolean withdraw(StaffPrincipal who, UUID clientId, UUID shareId) {
        CaseReference ref = cases.requireTandem(who, clientId, "withdraw a share's link");
        row(ref, shareId);
        int changed = jdbc.sql("UPDATE dis_share SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND client_id = ? "
                + "AND withdrawn_at IS NULL").params(Timestamp.from(clock.instant()), who.id(), shareId, ref.id())
                .update();
        if (changed == 1) {
            record(who, ShareActions.SHARE_LINK_WITHDRAWN, ref, "share " + shareId);
        }
        return changed == 1;
    }

    /** The tandem downloads what went out, exactly as it went out (audited). */
    @Transactional
    public Document download(StaffPrincipal who, UUID clientId, UUID shareId) {
        CaseReference ref = cases.requireTandem(who, clientId, "download a share");
        Row row = row(ref, shareId);
        Document document = document(row);
        record(who, ShareActions.SHARE_DOCUMENT_DOWNLOADED, ref, "share " + shareId + " " + row.form());
        return document;
    }

    /**
     * The partner's download (public). Unknown, expired and withdrawn links, a consent no longer
     * valid (revoked or ended since) and an erased client all give the same empty answer.
     */
    @Transactional
    public Optional<Document> fetch(String token) {
        if (token == null || token.length() != 43 || !token.chars().allMatch(Shares::base64url)) {
            return Optional.empty();
        }
        Optional<Row> found = jdbc.sql("SELECT " + COLUMNS + " FROM dis_share WHERE token_hash = ?")
                .param(sha256(token)).query((rs, n) -> row(rs)).optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Row row = found.get();
        Optional<CaseReference> ref = cases.find(row.orgId(), row.clientId());
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        LinkState state = state(row, LocalDate.now(clock));
        if (state != LinkState.ACTIVE) {
            audit.record(new AuditEvent(row.orgId(), null, "share link", ShareActions.SHARE_LINK_REFUSED,
                    ref.get().pseudonym(), "share " + row.id() + " " + state));
            return Optional.empty();
        }
        Document document = document(row);
        audit.record(new AuditEvent(row.orgId(), null, "share link", ShareActions.SHARE_LINK_FETCHED,
                ref.get().pseudonym(), "share " + row.id() + " " + row.form()));
        return Optional.of(document);
    }

    /** The shares of a client for their own report: partner, purpose and kinds from the gate's record. */
    @Transactional(readOnly = true)
    public List<DisclosureLog.Disclosure> sharesOf(CaseReference client) {
        return log.about(client.organisationId(), client.id()).stream()
                .filter(d -> d.channel() == Channel.SHARE).toList();
    }

    @EventListener
    void on(ClientErased erased) {
        jdbc.sql("DELETE FROM dis_share WHERE client_id = ?").param(erased.clientId()).update();
    }

    private LinkState state(Row row, LocalDate today) {
        if (row.withdrawnAt() != null) {
            return LinkState.WITHDRAWN;
        }
        if (!clock.instant().isBefore(row.expiresAt())) {
            return LinkState.EXPIRED;
        }
        if (!consents.covers(row.orgId(), row.clientId(), row.partnerId(), row.consentId(), row.kindSet(), today)) {
            return LinkState.CONSENT_ENDED;
        }
        return LinkState.ACTIVE;
    }

    private Document document(Row row) {
        String content = log.content(row.orgId(), row.clientId(), row.disclosureId());
        String name = "share-" + row.sharedAt().toString().substring(0, 10) + "-" + row.id().toString().substring(0, 8);
        if (row.form() == Form.JSON) {
            return new Document(name + ".json", "application/json", content.getBytes(StandardCharsets.UTF_8));
        }
        return new Document(name + ".pdf", "application/pdf", pdf.render(SharePayload.parse(content)));
    }

    private List<Row> rows(CaseReference ref) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_share WHERE client_id = ? AND org_id = ? "
                + "ORDER BY shared_at DESC, id").params(ref.id(), ref.organisationId()).query((rs, n) -> row(rs))
                .list();
    }

    private Row row(CaseReference ref, UUID shareId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_share WHERE id = ? AND client_id = ? AND org_id = ?")
                .params(shareId, ref.id(), ref.organisationId()).query((rs, n) -> row(rs)).optional()
                .orElseThrow(NotFoundException::new);
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime withdrawn = rs.getObject(13, OffsetDateTime.class);
        return new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getObject(6, UUID.class),
                rs.getString(7), Form.valueOf(rs.getString(8)), rs.getString(9), rs.getObject(10, UUID.class),
                rs.getObject(11, OffsetDateTime.class).toInstant(), rs.getObject(12, OffsetDateTime.class).toInstant(),
                withdrawn == null ? null : withdrawn.toInstant());
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static boolean base64url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(StaffPrincipal who, String action, CaseReference ref, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, ref.pseudonym(), detail));
    }
}
