package org.exitwork.disclosure.internal.alert;

import java.util.Optional;
import java.util.UUID;

import org.exitwork.disclosure.internal.gate.Decision;
import org.exitwork.disclosure.internal.Refusal;
import org.exitwork.network.OutboundPolicy;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The danger alert's decision (R8), without Spring: the facts in, the exact answer out. */
class AlertDecisionTest {

    static final Partner POLICE = partner(PartnerKind.POLICE, true);

    static Partner partner(PartnerKind kind, boolean active) {
        return new Partner(UUID.randomUUID(), UUID.randomUUID(), kind.name(), kind, active);
    }

    static Refusal refusal(Decision decision) {
        return decision.refusal().orElseThrow();
    }

    @Test
    void aNamedContactOfAnActiveSecurityPartnerMayReceiveIt() {
        assertThat(AlertDecision.recipient(Optional.of(POLICE), true)).isEqualTo(Decision.ALLOWED);
        assertThat(AlertDecision.mayReceiveAlerts(POLICE)).isTrue();
    }

    @Test
    void theBodyAsSuchIsRefusedWithThePolicysReason() {
        assertThat(refusal(AlertDecision.recipient(Optional.of(POLICE), false))).isEqualTo(new Refusal(
                "NO_NAMED_CONTACT", "dangeralerts.refused.policy", OutboundPolicy.Refusal.NO_NAMED_CONTACT));
    }

    @Test
    void aSocialServiceADeactivatedPartnerAndAnUnknownOneAreRefused() {
        Optional<Partner> housing = Optional.of(partner(PartnerKind.HOUSING, true));
        assertThat(refusal(AlertDecision.recipient(housing, true)).policy())
                .isEqualTo(OutboundPolicy.Refusal.NOT_A_SECURITY_PARTNER);
        assertThat(AlertDecision.mayReceiveAlerts(housing.get())).isFalse();
        assertThat(refusal(AlertDecision.recipient(Optional.of(partner(PartnerKind.POLICE, false)), true)).code())
                .isEqualTo("INACTIVE_PARTNER");
        assertThat(refusal(AlertDecision.recipient(Optional.empty(), true))).isEqualTo(
                new Refusal("UNKNOWN_PARTNER", "dangeralerts.refused.unknown-partner", null));
    }

    @Test
    void identityFieldsGoOutOnlyWhenTheIdentityCanBeRead() {
        assertThat(AlertDecision.identity(false, false)).isEqualTo(Decision.ALLOWED);
        assertThat(AlertDecision.identity(true, true)).isEqualTo(Decision.ALLOWED);
        assertThat(refusal(AlertDecision.identity(true, false))).isEqualTo(
                new Refusal("IDENTITY_UNAVAILABLE", "dangeralerts.refused.no-identity", null));
    }

    @Test
    void approvalAsksAgainAndNamesWhatChanged() {
        assertThat(AlertDecision.approval(Optional.of(POLICE), true)).isEqualTo(Decision.ALLOWED);
        assertThat(refusal(AlertDecision.approval(Optional.of(POLICE), false))).isEqualTo(new Refusal(
                "NO_NAMED_CONTACT", "dangeralerts.refused.recipient-changed", OutboundPolicy.Refusal.NO_NAMED_CONTACT));
        assertThat(refusal(AlertDecision.approval(Optional.of(partner(PartnerKind.POLICE, false)), true)).code())
                .isEqualTo("INACTIVE_PARTNER");
        assertThat(refusal(AlertDecision.approval(Optional.empty(), true))).isEqualTo(
                new Refusal("UNKNOWN_PARTNER", "dangeralerts.refused.recipient-changed", null));
    }
}
