package org.exitwork.network;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a partner offers and how it wants to be asked (R11): the needs it serves and its contact
 * protocol. Managers keep them in the partner registry; the disclosure gate reads them to address a
 * service request and to know when an answer is due. Another organisation's partner has none.
 */
public interface PartnerServices {

    /** The partner's offer, or empty when it lists no service (or is not the organisation's). */
    Optional<ServiceOffer> offer(UUID organisationId, UUID partnerId);

    /** Every partner of the organisation that lists at least one service. */
    List<ServiceOffer> offers(UUID organisationId);

    /**
     * Services and contact protocol of one partner.
     *
     * @param howToReach   how to reach it for a request (decrypted)
     * @param language     the languages it works in, as the manager wrote them
     * @param responseDays the days it agreed to answer a request within
     */
    record ServiceOffer(UUID partnerId, Set<Need> needs, String howToReach, String language, int responseDays) {

        public ServiceOffer {
            needs = Set.copyOf(needs);
        }
    }
}
