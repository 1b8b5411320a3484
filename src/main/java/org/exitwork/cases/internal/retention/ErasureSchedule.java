package org.exitwork.cases.internal.retention;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the retention erasure on every node: clients, groups and other modules' records (appointments);
 * the row locks in {@link ClientErasure}, {@link GroupErasure} and theirs make sure each is erased
 * once. Switched off in tests, which call the erasure with a clock they drive. The same work is available as the command {@code erase-expired}.
 */
@Component
@ConditionalOnProperty(name = "exitwork.cases.erasure-schedule.enabled", havingValue = "true", matchIfMissing = true)
class ErasureSchedule {

    private final ClientErasure erasure;

    ErasureSchedule(ClientErasure erasure) {
        this.erasure = erasure;
    }

    @Scheduled(initialDelayString = "${exitwork.cases.erasure-schedule.initial-delay}",
            fixedDelayString = "${exitwork.cases.erasure-schedule.interval}")
    void run() {
        erasure.eraseEverythingExpired();
    }
}
