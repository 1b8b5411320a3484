package org.exitwork.referrals.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.network.PartnerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes the inbox's entries off the request path (R7): each in a transaction of its own, which
 * removes the entry first (the row lock makes a second node wait and then find it gone, so it rolls
 * back and does nothing). A referral becomes an awaiting referral, or joins the partner's referral with
 * the same reference; information joins the partner's referral with that reference, and is discarded
 * (audited, without content) when there is none: never sent, declined, expired or erased. Nothing of
 * this ever goes back to the partner.
 */
@Component
public class ReferralMatcher {

    static final int BATCH = 50;
    private static final java.time.Duration RUN_LIMIT = java.time.Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ReferralMatcher.class);

    private final Inbox inbox;
    private final ReferralStore store;
    private final PartnerDirectory partners;
    private final CaseDirectory cases;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    ReferralMatcher(Inbox inbox, ReferralStore store, PartnerDirectory partners, CaseDirectory cases, AuditLog audit,
            PlatformTransactionManager transactions) {
        this.inbox = inbox;
        this.store = store;
        this.partners = partners;
        this.cases = cases;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** One run: the oldest entries of the inbox; how many this run handled. */
    public int matchNow() {
        List<Inbox.Entry> entries = inbox.oldest(BATCH);
        int handled = 0;
        long started = System.nanoTime();
        for (Inbox.Entry entry : entries) {
            // Well inside the scheduler's lock (ReferralJobs): a run that took longer than the lock
            // would let a second node start on the same entries' partners.
            if (System.nanoTime() - started > RUN_LIMIT.toNanos()) {
                break;
            }
            try {
                Boolean done = transaction.execute(status -> {
                    if (!inbox.remove(entry.id())) {
                        status.setRollbackOnly();
                        return false;
                    }
                    handle(entry);
                    return true;
                });
                if (Boolean.TRUE.equals(done)) {
                    handled++;
                }
            } catch (NotYet later) {
                inbox.failed(entry.id());
            } catch (RuntimeException e) {
                LOG.warn("Inbox entry {} could not be matched; it stays in the inbox, behind the others ({})",
                        entry.id(), e.getClass().getSimpleName());
                inbox.failed(entry.id());
            }
        }
        return handled;
    }

    private void handle(Inbox.Entry entry) {
        if (partners.find(entry.organisationId(), entry.partnerId()).isEmpty()) {
            unmatched(entry);
            return;
        }
        if (entry.kind() == Inbox.Kind.REFERRAL) {
            referral(entry);
        } else {
            information(entry);
        }
    }

    /**
     * The same reference again joins the partner's referral while nobody has taken it up. Once it
     * is someone's case, a referral under the same reference starts a new one: a partner may number
     * again, and another person's data must never land in a client's case.
     */
    private void referral(Inbox.Entry entry) {
        Optional<ReferralStore.Header> existing = store.withReference(entry.organisationId(), entry.partnerId(),
                entry.referral().partnerReference()).stream()
                .filter(h -> h.status() == ReferralStore.Status.AWAITING).reduce((first, second) -> second);
        if (existing.isPresent()) {
            store.addReferralAgain(existing.get(), entry.receivedAt(), entry.via(), entry.referral());
            record(entry, ReferralActions.REFERRAL_JOINED, existing.get());
            return;
        }
        UUID id = UUID.randomUUID();
        store.insert(id, entry.organisationId(), entry.partnerId(), entry.receivedAt(), entry.via(), entry.referral());
        audit.record(new AuditEvent(entry.organisationId(), null, ReferralActions.MATCHER,
                ReferralActions.REFERRAL_RECEIVED, id.toString(), AuditDetail.of("referral.via", entry.via())));
    }

    /** Information joins the partner's newest referral with that reference. */
    private void information(Inbox.Entry entry) {
        Optional<ReferralStore.Header> existing = store.withReference(entry.organisationId(), entry.partnerId(),
                entry.information().partnerReference()).stream().reduce((first, second) -> second);
        String text = entry.information().information();
        if (existing.isEmpty() && inbox.referralWaiting(entry.organisationId(), entry.partnerId(), entry.receivedAt())) {
            // The referral it belongs to may be the one still waiting (it failed once): not discarded yet.
            throw new NotYet();
        }
        if (existing.isEmpty() || text == null || text.isBlank()) {
            unmatched(entry);
            return;
        }
        store.addInformation(existing.get(), entry.receivedAt(), entry.via(), Inbox.Kind.INFORMATION, text.strip());
        record(entry, ReferralActions.REFERRAL_INFORMATION_ADDED, existing.get());
    }

    private void record(Inbox.Entry entry, String action, ReferralStore.Header referral) {
        String subject = referral.clientId() == null ? referral.id().toString()
                : cases.find(referral.organisationId(), referral.clientId()).map(CaseReference::pseudonym)
                        .orElse(referral.id().toString());
        audit.record(new AuditEvent(entry.organisationId(), null, ReferralActions.MATCHER, action, subject,
                AuditDetail.of("referral.via", entry.via())));
    }

    /** Put back for a later run, without a warning: nothing went wrong. */
    private static final class NotYet extends RuntimeException {
        NotYet() {
            super(null, null, false, false);
        }
    }

    /** Discarded: the audit says that something arrived, never what or about whom. */
    private void unmatched(Inbox.Entry entry) {
        audit.record(new AuditEvent(entry.organisationId(), null, ReferralActions.MATCHER,
                ReferralActions.REFERRAL_UNMATCHED, null, AuditDetail.of("referral.kind-via", entry.kind(), entry.via())));
    }
}
