package org.exitwork.cases.internal.retention;

import java.time.Clock;
import java.time.Duration;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The purge of erased clients' rows ({@link ErasurePurge}) every {@code exitwork.cases.erasure-purge.every}
 * (default 30 seconds) under the cluster-wide job lock (ShedLock, the platform's {@code plf_shedlock},
 * lock {@code cas_erasure_purge}): one node at a time, so that nodes do not delete the same batch side by
 * side. A run stops after {@link #BATCHES_PER_RUN} batches and the next goes on. Switched off in tests,
 * which call {@link ErasurePurge#drain()}, and in the commands, where {@code erase-expired} drains it.
 */
@Component
@ConditionalOnProperty(name = "exitwork.cases.erasure-purge.enabled", havingValue = "true", matchIfMissing = true)
class ErasurePurgeJob {

    static final int BATCHES_PER_RUN = 2_000;

    private final ErasurePurge purge;
    private final Clock clock;
    private final LockingTaskExecutor locks;

    ErasurePurgeJob(ErasurePurge purge, Clock clock, LockingTaskExecutor locks) {
        this.purge = purge;
        this.clock = clock;
        this.locks = locks;
    }

    @Scheduled(initialDelayString = "${exitwork.cases.erasure-purge.initial-delay:PT30S}",
            fixedDelayString = "${exitwork.cases.erasure-purge.every:PT30S}")
    void run() {
        locks.executeWithLock((Runnable) () -> purge.purge(BATCHES_PER_RUN),
                new LockConfiguration(clock.instant(), "cas_erasure_purge", Duration.ofMinutes(10), Duration.ZERO));
    }
}
