package org.exitwork.referrals.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Minimal data (R20): a referral nobody took up within {@code exitwork.referrals.unassigned-retention-days}
 * (default 90) is erased, rows and key, as a declined one is. Each in a transaction of its own that locks
 * the referral and checks again, so that several nodes running this at once erase each one once.
 */
@Component
public class ReferralRetention {

    private final ReferralStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final int retentionDays;
    private final TransactionTemplate transaction;
    private final Inbox inbox;
    private final int stuckDays;

    ReferralRetention(ReferralStore store, AuditLog audit, Clock clock, ReferralSettings settings,
            PlatformTransactionManager transactions, Inbox inbox) {
        this.inbox = inbox;
        this.stuckDays = settings.stuckDays();
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.retentionDays = settings.unassignedRetentionDays();
        this.transaction = new TransactionTemplate(transactions);
    }

    /** @return how many referrals this run erased */
    public int eraseExpired() {
        discardStuck();
        Instant cutoff = clock.instant().minus(retentionDays, ChronoUnit.DAYS);
        int erased = 0;
        for (ReferralStore.Header candidate : store.awaitingSince(cutoff)) {
            Boolean done = transaction.execute(status -> store.lock(candidate.organisationId(), candidate.id())
                    .filter(h -> h.status() == ReferralStore.Status.AWAITING && h.receivedAt().isBefore(cutoff))
                    .map(h -> {
                        store.erase(h.id());
                        audit.record(new AuditEvent(h.organisationId(), null, ReferralActions.RETENTION,
                                ReferralActions.REFERRAL_EXPIRED, h.id().toString(), AuditDetail.of("referral.expired", retentionDays)));
                        return true;
                    }).orElse(false));
            if (Boolean.TRUE.equals(done)) {
                erased++;
            }
        }
        return erased;
    }

    /**
     * An inbox entry that could not be read or matched for {@code exitwork.referrals.stuck-days}
     * (default 7) will not be: it goes, rather than keeping someone's data for ever. Audited without
     * content, like every unmatched entry.
     */
    private void discardStuck() {
        transaction.executeWithoutResult(status -> inbox.discardStuck(clock.instant().minus(stuckDays, ChronoUnit.DAYS))
                .forEach(org -> audit.record(new AuditEvent(org, null, ReferralActions.RETENTION,
                        ReferralActions.REFERRAL_UNMATCHED, null, AuditDetail.of("referral.stuck", stuckDays)))));
    }
}
