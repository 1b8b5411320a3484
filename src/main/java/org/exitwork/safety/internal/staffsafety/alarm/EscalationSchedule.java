package org.exitwork.safety.internal.staffsafety.alarm;

import org.exitwork.safety.internal.staffsafety.Escalation;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the escalation on every node, every {@code exitwork.safety.job.interval}. Switched off in tests,
 * which call {@link Escalation#runDue()} or {@link EscalationJob#run()} with a clock they drive.
 */
@Component
@ConditionalOnProperty(name = "exitwork.safety.job.enabled", havingValue = "true", matchIfMissing = true)
class EscalationSchedule {

    private final EscalationJob job;

    EscalationSchedule(EscalationJob job) {
        this.job = job;
    }

    @Scheduled(initialDelayString = "${exitwork.safety.job.initial-delay:PT15S}",
            fixedDelayString = "${exitwork.safety.job.interval:PT15S}")
    void run() {
        job.run();
    }
}
