package org.exitwork.referrals;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.springframework.modulith.NamedInterface;

/**
 * For benchmarks and tests only: what a manager and the matcher do with a referral, through the real
 * services, and a look at the state a partner reference is in. A bean only where
 * {@code exitwork.bench.enabled=true}; it lives in the test sources, so it never ships.
 */
@NamedInterface("test-support")
public interface ReferralsForBenchmarks {

    /** What a credential may do. */
    enum Kind {
        SUBMIT_REFERRAL, ADD_INFORMATION
    }

    /** A key id and its secret decoded (the 32 bytes the HMAC is keyed with), as a partner decodes it. */
    record Credential(String keyId, byte[] secret) {
    }

    /** Created as a manager does at {@code /referrals/credentials}. */
    Credential credential(StaffPrincipal manager, UUID partnerId, Kind kind);

    /** The matcher's run over the inbox, as its schedule does it; how many entries it handled. */
    int matchNow();

    /** The referrals awaiting the manager's decision, oldest first: the inbox's first page. */
    List<UUID> awaiting(StaffPrincipal manager);

    /** Assigned to a practitioner: the referral becomes a prospect. */
    RegisteredClient assign(StaffPrincipal manager, UUID referralId, UUID practitionerId);

    /**
     * The referrals the partner sent with this reference, as the matcher finds them: for each, the
     * client it was assigned to, if any.
     */
    List<Optional<UUID>> withReference(UUID organisationId, UUID partnerId, String partnerReference);

    /** The entries waiting in the inbox. */
    long inboxEntries();

    /** The inbox and the spent nonces emptied (entries deleted, not matched). */
    void emptyInboxAndNonces();
}
