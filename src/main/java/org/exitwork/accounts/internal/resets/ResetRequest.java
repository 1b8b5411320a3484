package org.exitwork.accounts.internal.resets;

import java.time.Instant;
import java.util.UUID;

/** One request to reset another person's password or second factor, as stored in acc_reset_request. */
record ResetRequest(UUID id, UUID organisationId, UUID staffId, ResetKind kind, UUID requestedBy,
        Instant requestedAt, Decision decision, UUID decidedBy, Instant decidedAt, Instant passwordShownAt,
        Instant acknowledgedAt) {

    enum Decision {
        APPROVED, REFUSED
    }

    boolean waiting() {
        return decision == null;
    }
}
