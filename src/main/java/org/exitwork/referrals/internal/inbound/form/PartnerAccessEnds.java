package org.exitwork.referrals.internal.inbound.form;

import java.time.Clock;
import java.time.Instant;

import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.network.PartnerDeactivated;
import org.exitwork.referrals.internal.inbound.InboundActions;
import org.exitwork.referrals.internal.inbound.credentials.CredentialStore;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deactivated partner's credentials are revoked and its unused form links withdrawn, in the same
 * transaction. Deactivation alone already stops them; this makes it final, so that reactivating the
 * partner later does not bring back access that staff may have forgotten about. It lives in the form
 * room because the form room already uses the credentials room, never the other way round.
 */
@Component
class PartnerAccessEnds {

    private final CredentialStore credentials;
    private final FormLinkRepository links;
    private final AuditLog audit;
    private final Clock clock;

    PartnerAccessEnds(CredentialStore credentials, FormLinkRepository links, AuditLog audit, Clock clock) {
        this.credentials = credentials;
        this.links = links;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    void on(PartnerDeactivated deactivated) {
        Instant now = clock.instant();
        int revoked = credentials.revokeAllOf(deactivated.organisationId(), deactivated.partnerId(), now,
                deactivated.deactivatedBy());
        int withdrawn = links.withdrawUnusedOf(deactivated.organisationId(), deactivated.partnerId(), now);
        if (revoked + withdrawn > 0) {
            audit.record(new AuditEvent(deactivated.organisationId(), deactivated.deactivatedBy(), "partner deactivated",
                    InboundActions.ACCESS_ENDED, deactivated.partnerId().toString(),
                    AuditDetail.of("referral.access-ended", revoked, withdrawn)));
        }
    }
}
