package org.exitwork.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The service requests still open for cases (R11): asked by the case page, the start page, the
 * ending's aftercare and the managers' overview, answered by the disclosure gate, which keeps the
 * requests (cases may not depend on it). No access check and no audit entry here: the pages ask only
 * for cases they have checked, and nothing here says what was written for the partner.
 */
public interface OpenServiceRequests {

    /** The open requests (not rejected, completed or cancelled) of these clients of the organisation, oldest first. */
    List<OpenRequest> of(UUID organisationId, Collection<UUID> clientIds);

    /**
     * The organisation's requests left unanswered so long that the managers were reminded: partner and
     * age, never the client, so a manager sees which partner to call without reading a case.
     */
    List<Unanswered> unansweredAfterReminders(UUID organisationId);

    /**
     * An open request: the partner's name, the need and the status as codes ({@code network.need.*},
     * {@code servicerequests.status.*}), when it was sent and how many days ago, whether its answer is overdue,
     * and the follow-up date the tandem noted for the aftercare plan (or null).
     */
    record OpenRequest(UUID clientId, UUID requestId, String partner, String need, String status, Instant sentAt,
            long ageDays, boolean overdue, LocalDate followUpOn) {
    }

    /** A request the managers were reminded of. */
    record Unanswered(String partner, String need, Instant sentAt, long ageDays) {
    }
}
