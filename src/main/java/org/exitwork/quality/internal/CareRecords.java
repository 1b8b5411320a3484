package org.exitwork.quality.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffMember;

/** The records of care for the team as the pages show them (decrypted). */
final class CareRecords {

    private CareRecords() {
    }

    record Supervision(UUID id, LocalDate heldOn, SupervisionKind kind, String topic, String supervisorName,
            List<String> participants) {
    }

    record Training(UUID id, LocalDate takenOn, String title, String provider, UUID topicId) {
    }

    record InductionTopic(UUID id, int position, String title) {
    }

    /** One topic of the induction path for one staff member: done (with the date) or still open. */
    record InductionStep(InductionTopic topic, LocalDate doneOn) {
        public boolean done() {
            return doneOn != null;
        }
    }

    /**
     * The well-being check-up of one staff member: when it was last done and when the next is due
     * ({@code null} when no first due date has been set and none was done yet).
     */
    record CheckUp(StaffMember staff, LocalDate lastDone, LocalDate dueOn, boolean overdue) {
    }
}
