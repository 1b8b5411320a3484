package org.exitwork.referrals.internal;

import java.util.UUID;

import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.ClientErased;
import org.exitwork.keys.ErasureReplay;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasure (R20): the client's referrals and everything added to them go, inside the erasure's
 * transaction, and their keys are shredded. Information that arrives later with the same reference
 * finds no referral and is discarded by the matcher. After a restore, a referral declined or expired
 * after the backup was taken is erased again (the erasure journal names it), and an inbox entry
 * handled or discarded since goes again rather than being matched a second time.
 */
@Component
class ReferralErasure implements ErasureReplay {

    private final ReferralStore store;
    private final AuditLog audit;
    private final Inbox inbox;

    ReferralErasure(ReferralStore store, AuditLog audit, Inbox inbox) {
        this.store = store;
        this.audit = audit;
        this.inbox = inbox;
    }

    @Override
    @Transactional
    public boolean eraseAgain(UUID id) {
        return store.lock(id).map(referral -> {
            store.erase(referral.id());
            audit.record(new AuditEvent(referral.organisationId(), null, ReferralActions.RESTORE,
                    ReferralActions.REFERRAL_ERASED_AGAIN, referral.id().toString(), null));
            return true;
        }).orElseGet(() -> inbox.remove(id));
    }

    @EventListener
    void on(ClientErased erased) {
        store.idsOfClient(erased.clientId()).forEach(store::erase);
    }
}
