package org.exitwork.referrals.internal;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.referrals.ReferralsForBenchmarks;
import org.exitwork.referrals.internal.inbound.credentials.CredentialAdministration;
import org.exitwork.referrals.internal.inbound.Scope;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link ReferralsForBenchmarks} on the real services. */
@Component
@ConditionalOnProperty(name = "exitwork.bench.enabled", havingValue = "true")
class MeasuredReferrals implements ReferralsForBenchmarks {

    private final CredentialAdministration credentials;
    private final ReferralMatcher matcher;
    private final Referrals referrals;
    private final ReferralStore store;
    private final JdbcClient jdbc;

    MeasuredReferrals(CredentialAdministration credentials, ReferralMatcher matcher, Referrals referrals,
            ReferralStore store, JdbcClient jdbc) {
        this.credentials = credentials;
        this.matcher = matcher;
        this.referrals = referrals;
        this.store = store;
        this.jdbc = jdbc;
    }

    @Override
    public Credential credential(StaffPrincipal manager, UUID partnerId, Kind kind) {
        CredentialAdministration.Issued issued = credentials.create(manager, partnerId, Scope.valueOf(kind.name()));
        return new Credential(issued.keyId(), Base64.getUrlDecoder().decode(issued.secret()));
    }

    @Override
    public int matchNow() {
        return matcher.matchNow();
    }

    @Override
    public List<UUID> awaiting(StaffPrincipal manager) {
        return referrals.awaiting(manager, ReferralFilter.none()).rows().stream().map(Referrals.Listed::id).toList();
    }

    @Override
    public RegisteredClient assign(StaffPrincipal manager, UUID referralId, UUID practitionerId) {
        return referrals.assign(manager, referralId, practitionerId);
    }

    @Override
    public List<Optional<UUID>> withReference(UUID organisationId, UUID partnerId, String partnerReference) {
        return store.withReference(organisationId, partnerId, partnerReference).stream()
                .map(header -> Optional.ofNullable(header.clientId())).toList();
    }

    @Override
    public long inboxEntries() {
        return jdbc.sql("SELECT COUNT(*) FROM ref_inbox").query(Long.class).single();
    }

    @Override
    public void emptyInboxAndNonces() {
        jdbc.sql("DELETE FROM ref_inbox").update();
        jdbc.sql("DELETE FROM ref_nonce").update();
    }
}
