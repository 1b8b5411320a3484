package org.exitwork.quality.internal.checkups;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** One check-up recorded as done (the date only); {@code version} counts its corrections. */
public record CheckUpRecord(UUID id, LocalDate doneOn, int version) {

    public boolean corrected() {
        return version > 0;
    }

    /** A check-up record as it is now and its earlier dates. */
    public record History(UUID staffId, CheckUpRecord current, List<Earlier> earlier) {
    }

    /** The date as it was before {@code replacedBy} corrected it. */
    public record Earlier(int version, LocalDate doneOn, String replacedBy, LocalDateTime replacedAt) {
    }
}
