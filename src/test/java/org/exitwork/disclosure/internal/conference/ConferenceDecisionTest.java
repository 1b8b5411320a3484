package org.exitwork.disclosure.internal.conference;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.consent.ConsentsToShare.ValidConsent;
import org.exitwork.consent.DataKind;
import org.exitwork.disclosure.internal.gate.Decision;
import org.exitwork.disclosure.internal.Refusal;
import org.exitwork.network.OutboundPolicy;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The case conference's decision (R10), without Spring: the facts in, the exact answer out. */
class ConferenceDecisionTest {

    static final Partner HOUSING = partner(PartnerKind.HOUSING, true);
    static final Optional<ValidConsent> CONSENT = Optional.of(new ValidConsent(UUID.randomUUID(), HOUSING.id(),
            "housing", Set.of(DataKind.CASE_CONFERENCE), LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1)));

    static Partner partner(PartnerKind kind, boolean active) {
        return new Partner(UUID.randomUUID(), UUID.randomUUID(), kind.name(), kind, active);
    }

    static Refusal refusal(Decision decision) {
        return decision.refusal().orElseThrow();
    }

    @Test
    void anActiveSocialServiceWithAConsentTakesPart() {
        assertThat(ConferenceDecision.invitee(Optional.of(HOUSING), CONSENT)).isEqualTo(Decision.ALLOWED);
        assertThat(ConferenceDecision.participant(Optional.of(HOUSING), true)).isEqualTo(Decision.ALLOWED);
        assertThat(ConferenceDecision.mayTakePart(HOUSING)).isTrue();
    }

    @Test
    void withoutAValidConsentItIsRefused() {
        assertThat(refusal(ConferenceDecision.invitee(Optional.of(HOUSING), Optional.empty()))).isEqualTo(
                new Refusal("NO_VALID_CONSENT", "conferences.refused.no-valid-consent", null));
        assertThat(refusal(ConferenceDecision.participant(Optional.of(HOUSING), false)).code())
                .isEqualTo("NO_VALID_CONSENT");
    }

    @Test
    void thePolicyComesBeforeTheConsent() {
        Optional<Partner> police = Optional.of(partner(PartnerKind.POLICE, true));
        assertThat(refusal(ConferenceDecision.invitee(police, CONSENT))).isEqualTo(new Refusal("ONE_WAY_STREET",
                "conferences.refused.policy", OutboundPolicy.Refusal.ONE_WAY_STREET));
        assertThat(ConferenceDecision.mayTakePart(police.get())).isFalse();
        assertThat(refusal(ConferenceDecision.participant(Optional.of(partner(PartnerKind.FUNDER, true)), true))
                .policy()).isEqualTo(OutboundPolicy.Refusal.FUNDERS_SEE_AGGREGATES_ONLY);
        assertThat(refusal(ConferenceDecision.participant(Optional.of(partner(PartnerKind.HOUSING, false)), true))
                .code()).isEqualTo("INACTIVE_PARTNER");
    }

    @Test
    void anUnknownPartnerAndATextNamingTheClientAreRefused() {
        assertThat(refusal(ConferenceDecision.invitee(Optional.empty(), CONSENT))).isEqualTo(
                new Refusal("UNKNOWN_PARTNER", "conferences.refused.unknown-partner", null));
        assertThat(ConferenceDecision.text(false)).isEqualTo(Decision.ALLOWED);
        assertThat(refusal(ConferenceDecision.text(true))).isEqualTo(
                new Refusal("NAMES_THE_CLIENT", "conferences.refused.names-client", null));
    }
}
