package org.exitwork.cases;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A session planned the next meeting with the client (R4), and it lies ahead: staff safety (R14) makes
 * it the practitioner's appointment, so that it is not typed twice. Published inside the session's
 * transaction, again when a correction changes the plan; a listener must be idempotent per
 * {@code sessionId}. Carries no content: ids, times and the kind of place, never the place itself.
 *
 * @param plannedBy the practitioner who recorded the session: the appointment is theirs
 * @param attendees the other members of the tandem who go too (may be empty)
 */
public record NextMeetingPlanned(UUID organisationId, UUID clientId, UUID sessionId, UUID plannedBy,
        Instant startsAt, Instant endsAt, Place place, Set<UUID> attendees) {

    public NextMeetingPlanned {
        attendees = Set.copyOf(attendees);
    }

    /** The kind of place of the meeting; {@code NOT_GIVEN} when the session did not say. */
    public enum Place {
        OFFICE, INSTITUTION, PUBLIC_PLACE, HOME_VISIT, ONLINE, NOT_GIVEN
    }
}
