package org.exitwork.keys.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code exitwork.keys.check-every} on every node; the rotation's lock lets one of them work.
 * Switched off in tests, which call {@link MasterKeyRotation#maintain} with a clock they drive.
 */
@Component
@ConditionalOnProperty(name = "exitwork.keys.schedule.enabled", havingValue = "true", matchIfMissing = true)
class KeySchedule {

    private final MasterKeyRotation rotation;

    KeySchedule(MasterKeyRotation rotation) {
        this.rotation = rotation;
    }

    @Scheduled(initialDelayString = "${exitwork.keys.initial-delay:PT1M}",
            fixedDelayString = "${exitwork.keys.check-every:PT1H}")
    void run() {
        rotation.maintain(line -> { });
    }
}
