package org.exitwork.consent;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The question the disclosure gate asks before anything leaves for a partner (R9). No access check
 * and no content: the gate checks who asks and records what went out; this only answers yes or no.
 */
public interface ConsentsToShare {

    /**
     * Whether consent {@code consentId} (which carries the purpose) is the client's, names
     * {@code partnerId}, is not revoked, is valid on {@code on} (from and until inclusive) and names
     * every one of {@code kinds}. False as well when the partner is unknown, when the outbound policy
     * refuses it what the kinds open (a share, a case conference: only active social services), when
     * {@code kinds} is empty, or when anything belongs to another organisation.
     */
    boolean covers(UUID organisationId, UUID clientId, UUID partnerId, UUID consentId, Set<DataKind> kinds,
            LocalDate on);

    /**
     * The client's consents valid on {@code on} (not revoked, within their dates) whose partner the
     * outbound policy allows for everything the consent names: what a share or a case conference may
     * rest on. A consent recorded for a partner the policy now refuses (a funder, say) is not here. The
     * purpose is decrypted; no access check and no audit entry here (the gate checks the tandem and
     * records what it shows).
     */
    List<ValidConsent> validOn(UUID organisationId, UUID clientId, LocalDate on);

    /** A consent as the gate sees it. */
    record ValidConsent(UUID id, UUID partnerId, String purpose, Set<DataKind> kinds, LocalDate validFrom,
            LocalDate validUntil) {

        public ValidConsent {
            kinds = Set.copyOf(kinds);
        }
    }
}
