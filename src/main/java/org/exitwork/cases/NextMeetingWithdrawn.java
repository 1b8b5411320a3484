package org.exitwork.cases;

import java.util.UUID;

/**
 * The next meeting a session planned no longer stands: the session was cancelled as recorded in error,
 * or a correction took the meeting out. Staff safety cancels the appointment it made of it, unless
 * someone has already checked in. Published inside the session's transaction; ids only.
 *
 * @param withdrawnBy the practitioner who cancelled or corrected the session
 */
public record NextMeetingWithdrawn(UUID organisationId, UUID clientId, UUID sessionId, UUID withdrawnBy) {
}
