package org.exitwork.referrals.internal.inbound.form;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.NotFoundException;
import org.exitwork.referrals.internal.inbound.InboundActions;
import org.exitwork.referrals.internal.inbound.credentials.CredentialAdministration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Managers' side of the one-time links to the referral web form: a link is 32 random bytes, of
 * which only the SHA-256 is kept; valid 14 days, single use, withdrawable while unused. The SQL is in {@link FormLinkRepository}.
 */
@Service
public class FormLinks {

    static final Duration VALID = Duration.ofDays(14);

    /** A link as the list shows it. */
    record Listed(UUID id, String partnerName, Instant createdAt, Instant expiresAt, Instant usedAt,
            Instant withdrawnAt) {
        public boolean open(Instant now) {
            return usedAt == null && withdrawnAt == null && expiresAt.isAfter(now);
        }
    }

    /** A new link: the token is in here once and nowhere else. */
    record Issued(UUID id, String partnerName, String token, Instant expiresAt) {
    }

    private final FormLinkRepository links;
    private final PartnerDirectory partners;
    private final AuditLog audit;
    private final Clock clock;

    FormLinks(FormLinkRepository links, PartnerDirectory partners, AuditLog audit, Clock clock) {
        this.links = links;
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * One page of the links, fifty newest first, only the open ones when asked; the page's partners named
     * in one query.
     */
    @Transactional(readOnly = true)
    public org.exitwork.platform.KeysetPage<Listed> page(StaffPrincipal who, boolean openOnly, UUID after, UUID before) {
        CredentialAdministration.requireManager(who);
        int size = org.exitwork.platform.KeysetPage.SIZE;
        List<FormLinkRepository.Row> rows = links.page(who.organisationId(), openOnly, clock.instant(), after, before,
                size + 1);
        java.util.Map<UUID, Partner> named = partners.find(who.organisationId(),
                rows.stream().map(FormLinkRepository.Row::partnerId).toList());
        return org.exitwork.platform.KeysetPage.of(rows.stream()
                .map(r -> new Listed(r.id(), named.containsKey(r.partnerId()) ? named.get(r.partnerId()).name() : "?",
                        r.createdAt(), r.expiresAt(), r.usedAt(), r.withdrawnAt()))
                .toList(), size, after, before, Listed::id);
    }

    @Transactional
    Issued create(StaffPrincipal who, UUID partnerId) {
        CredentialAdministration.requireManager(who);
        Partner partner = CredentialAdministration.activePartner(partners, who, partnerId);
        UUID id = UUID.randomUUID();
        String token = CredentialAdministration.token(32);
        Instant now = clock.instant();
        Instant expires = now.plus(VALID);
        links.insert(id, who.organisationId(), partner.id(), hash(token), now, who.id(), expires);
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), InboundActions.FORM_LINK_CREATED,
                partner.name(), AuditDetail.of("referral.link-valid-until", expires)));
        return new Issued(id, partner.name(), token, expires);
    }

    @Transactional
    void withdraw(StaffPrincipal who, UUID linkId) {
        CredentialAdministration.requireManager(who);
        UUID partnerId = links.partnerOf(who.organisationId(), linkId).orElseThrow(NotFoundException::new);
        if (links.withdraw(linkId, clock.instant())) {
            audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    InboundActions.FORM_LINK_WITHDRAWN,
                    partners.find(who.organisationId(), partnerId).map(Partner::name).orElse(null), null));
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }


}
