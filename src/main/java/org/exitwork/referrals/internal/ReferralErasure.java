package org.exitwork.referrals.internal;

import org.exitwork.cases.ClientErased;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Erasure (R20): the client's referrals and everything added to them go, inside the erasure's
 * transaction, and their keys are shredded. Information that arrives later with the same reference
 * finds no referral and is discarded by the matcher.
 */
@Component
class ReferralErasure {

    private final ReferralStore store;

    ReferralErasure(ReferralStore store) {
        this.store = store;
    }

    @EventListener
    void on(ClientErased erased) {
        store.idsOfClient(erased.clientId()).forEach(store::erase);
    }
}
