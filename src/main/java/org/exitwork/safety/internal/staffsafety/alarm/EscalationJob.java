package org.exitwork.safety.internal.staffsafety.alarm;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.exitwork.safety.internal.staffsafety.Escalation;
import org.springframework.stereotype.Component;

/**
 * The escalation run under the cluster-wide job lock (ShedLock, the platform's {@code plf_shedlock}): one node at a
 * time. The steps are claimed one by one as well, so a node whose lock ran out sends nothing twice.
 */
@Component
class EscalationJob {

    private final Escalation escalation;

    EscalationJob(Escalation escalation) {
        this.escalation = escalation;
    }

    @SchedulerLock(name = "saf_escalation", lockAtMostFor = "PT1M")
    public void run() {
        escalation.runDue();
    }
}
