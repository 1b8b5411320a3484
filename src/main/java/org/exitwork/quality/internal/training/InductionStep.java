package org.exitwork.quality.internal.training;

import java.time.LocalDate;

import org.exitwork.quality.internal.induction.InductionTopic;

/** One topic of the induction path for one staff member: done (with the date) or still open. */
public record InductionStep(InductionTopic topic, LocalDate doneOn) {
    public boolean done() {
        return doneOn != null;
    }
}
