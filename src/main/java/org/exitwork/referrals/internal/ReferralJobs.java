package org.exitwork.referrals.internal;

import java.time.Clock;
import java.time.Duration;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The matcher every {@code exitwork.referrals.match-every} under a cluster-wide lock (ShedLock, the
 * platform's job lock: table {@code plf_shedlock}, database time),
 * and the retention of unassigned referrals every hour on every node (row locks make it idempotent).
 * Switched off in tests, which call {@link ReferralMatcher#matchNow()} and
 * {@link ReferralRetention#eraseExpired()} with a clock they drive.
 */
@Component
@ConditionalOnProperty(name = "exitwork.referrals.schedule.enabled", havingValue = "true", matchIfMissing = true)
class ReferralJobs {

    private final ReferralMatcher matcher;
    private final ReferralRetention retention;
    private final Clock clock;
    private final LockingTaskExecutor locks;

    ReferralJobs(ReferralMatcher matcher, ReferralRetention retention, Clock clock, LockingTaskExecutor locks) {
        this.matcher = matcher;
        this.retention = retention;
        this.clock = clock;
        this.locks = locks;
    }

    @Scheduled(initialDelayString = "${exitwork.referrals.match-initial-delay:PT10S}",
            fixedDelayString = "${exitwork.referrals.match-every:PT5S}")
    void match() {
        locks.executeWithLock((Runnable) matcher::matchNow,
                new LockConfiguration(clock.instant(), "ref_matcher", Duration.ofMinutes(5), Duration.ZERO));
    }

    @Scheduled(initialDelayString = "${exitwork.referrals.retention-initial-delay:PT1M}",
            fixedDelayString = "${exitwork.referrals.retention-interval:PT1H}")
    void retention() {
        retention.eraseExpired();
    }
}
