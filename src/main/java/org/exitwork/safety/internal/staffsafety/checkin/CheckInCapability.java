package org.exitwork.safety.internal.staffsafety.checkin;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What a phone that checked in may do without signing in again (R14): arrive, leave, "I am fine,
 * extend" and "need help now" for one appointment of one person, until {@code expiresAt}. Handed out
 * signed in a cookie by {@link CheckInCapabilities}.
 */
record CheckInCapability(UUID appointmentId, UUID staffId, UUID organisationId, Instant expiresAt) {

    /** Names what is signed, so a tag made for anything else under the same key never fits. */
    private static final String KIND = "check-in.v1";

    String payload() {
        return String.join("|", KIND, appointmentId.toString(), staffId.toString(),
                organisationId.toString(), Long.toString(expiresAt.getEpochSecond()));
    }

    /** @return the capability a payload names, or nothing when it names none */
    static Optional<CheckInCapability> parse(String payload) {
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 5 || !KIND.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CheckInCapability(UUID.fromString(parts[1]), UUID.fromString(parts[2]),
                    UUID.fromString(parts[3]), Instant.ofEpochSecond(Long.parseLong(parts[4]))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
