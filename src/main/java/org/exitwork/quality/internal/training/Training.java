package org.exitwork.quality.internal.training;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A training a staff member took (title and provider decrypted), linked to an induction topic or not;
 * {@code version} counts its corrections.
 */
public record Training(UUID id, LocalDate takenOn, String title, String provider, UUID topicId, int version) {

    public boolean corrected() {
        return version > 0;
    }
}
