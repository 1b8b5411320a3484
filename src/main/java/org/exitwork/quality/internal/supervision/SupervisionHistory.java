package org.exitwork.quality.internal.supervision;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One session as it is now, its participants' ids (for the correction form), and its earlier versions. */
public record SupervisionHistory(Supervision current, Set<UUID> participantIds, List<Earlier> earlier) {

    /** The session as it was before {@code replacedBy} corrected it. */
    public record Earlier(int version, LocalDate heldOn, SupervisionKind kind, String topic, String supervisorName,
            List<String> participants, String replacedBy, LocalDateTime replacedAt, List<String> changed) {
    }
}
