package org.exitwork.quality.internal.training;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** One training as it is now and its earlier versions. */
public record TrainingHistory(UUID staffId, Training current, List<Earlier> earlier) {

    /** The training as it was before {@code replacedBy} corrected it. */
    public record Earlier(int version, LocalDate takenOn, String title, String provider, UUID topicId,
            String replacedBy, LocalDateTime replacedAt, List<String> changed) {
    }
}
