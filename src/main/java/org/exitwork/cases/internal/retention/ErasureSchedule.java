package org.exitwork.cases.internal.retention;

import org.exitwork.cases.internal.CasesProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs the retention erasure on every node: clients, groups and other modules' records (appointments);
 * the row locks in {@link ClientErasure}, {@link GroupErasure} and theirs make sure each is erased
 * once. Switched off in tests, which call the erasure with a clock they drive. The same work is available as the command {@code erase-expired}.
 */
@Component
@ConditionalOnProperty(name = "exitwork.cases.erasure-schedule.enabled", havingValue = "true", matchIfMissing = true)
class ErasureSchedule implements SchedulingConfigurer {

    private final ClientErasure erasure;
    private final CasesProperties.ErasureSchedule schedule;

    ErasureSchedule(ClientErasure erasure, CasesProperties settings) {
        this.erasure = erasure;
        this.schedule = settings.erasureSchedule();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::run, schedule.interval(), schedule.initialDelay()));
    }

    void run() {
        erasure.eraseEverythingExpired();
    }
}
