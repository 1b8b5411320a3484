package org.exitwork.quality.internal.supervision;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A supervision or intervision session as the pages show it (decrypted); {@code version} counts its
 * corrections.
 */
public record Supervision(UUID id, LocalDate heldOn, SupervisionKind kind, String topic, String supervisorName,
        List<String> participants, int version) {

    public boolean corrected() {
        return version > 0;
    }
}
