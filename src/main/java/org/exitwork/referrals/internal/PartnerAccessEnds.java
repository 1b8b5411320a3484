package org.exitwork.referrals.internal;

import java.sql.Timestamp;
import java.time.Clock;

import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.network.PartnerDeactivated;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A deactivated partner's credentials are revoked and its unused form links withdrawn, in the same
 * transaction. Deactivation alone already stops them; this makes it final, so that reactivating the
 * partner later does not bring back access that staff may have forgotten about.
 */
@Component
class PartnerAccessEnds {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    PartnerAccessEnds(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    void on(PartnerDeactivated deactivated) {
        Timestamp now = Timestamp.from(clock.instant());
        int credentials = jdbc.sql("UPDATE ref_credential SET revoked_at = ?, revoked_by = ? WHERE org_id = ? "
                + "AND partner_id = ? AND revoked_at IS NULL")
                .params(now, deactivated.deactivatedBy(), deactivated.organisationId(), deactivated.partnerId()).update();
        int links = jdbc.sql("UPDATE ref_form_link SET withdrawn_at = ? WHERE org_id = ? AND partner_id = ? "
                + "AND used_at IS NULL AND withdrawn_at IS NULL")
                .params(now, deactivated.organisationId(), deactivated.partnerId()).update();
        if (credentials + links > 0) {
            audit.record(new AuditEvent(deactivated.organisationId(), deactivated.deactivatedBy(), "partner deactivated",
                    ReferralActions.REFERRAL_ACCESS_ENDED, deactivated.partnerId().toString(),
                    credentials + " credentials revoked, " + links + " form links withdrawn"));
        }
    }
}
