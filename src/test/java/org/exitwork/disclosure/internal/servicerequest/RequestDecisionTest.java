package org.exitwork.disclosure.internal.servicerequest;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.consent.ConsentsToShare.ValidConsent;
import org.exitwork.consent.DataKind;
import org.exitwork.disclosure.internal.gate.Decision;
import org.exitwork.network.Need;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerKind;
import org.exitwork.network.PartnerServices.ServiceOffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The service request's own conditions and the FHIR Task transitions, without Spring. */
class RequestDecisionTest {

    static final UUID ORG = UUID.randomUUID();
    static final UUID PARTNER = UUID.randomUUID();
    static final UUID CONSENT = UUID.randomUUID();
    static final Partner HOUSING = new Partner(PARTNER, ORG, "Housing office", PartnerKind.HOUSING, true);
    static final ServiceOffer OFFER = new ServiceOffer(PARTNER, Set.of(Need.HOUSING), "Desk", "German", 5);
    static final RequestDecision.Request ASKED = new RequestDecision.Request(PARTNER, CONSENT, Need.HOUSING,
            EnumSet.of(DataKind.CURRENT_NEEDS));

    static ValidConsent consent(DataKind... kinds) {
        return new ValidConsent(CONSENT, PARTNER, "Purpose", Set.of(kinds), LocalDate.of(2026, 1, 1),
                LocalDate.of(2027, 1, 1));
    }

    static String code(Decision decision) {
        return decision.refusal().map(r -> r.code()).orElse("ALLOWED");
    }

    static RequestDecision.Facts facts(Partner partner, List<ValidConsent> consents, boolean covered, boolean names) {
        return new RequestDecision.Facts(Optional.ofNullable(partner), Optional.of(OFFER), consents, covered, names);
    }

    @Test
    void allowedOnlyWhenEverythingHolds() {
        assertThat(code(RequestDecision.decide(ASKED, facts(HOUSING,
                List.of(consent(DataKind.SERVICE_REQUEST, DataKind.CURRENT_NEEDS)), true, false)))).isEqualTo("ALLOWED");
    }

    @Test
    void eachConditionRefusesWithItsCode() {
        List<ValidConsent> good = List.of(consent(DataKind.SERVICE_REQUEST, DataKind.CURRENT_NEEDS));
        assertThat(code(RequestDecision.decide(ASKED, facts(null, good, true, false)))).isEqualTo("UNKNOWN_PARTNER");
        assertThat(code(RequestDecision.decide(ASKED, new RequestDecision.Facts(Optional.of(HOUSING), Optional.empty(),
                good, true, false)))).isEqualTo("NEED_NOT_OFFERED");
        assertThat(code(RequestDecision.decide(new RequestDecision.Request(PARTNER, CONSENT, Need.DEBT,
                EnumSet.of(DataKind.CURRENT_NEEDS)), facts(HOUSING, good, true, false)))).isEqualTo("NEED_NOT_OFFERED");
        assertThat(code(RequestDecision.decide(ASKED, facts(HOUSING, List.of(), true, false)))).isEqualTo("NO_CONSENT");
        assertThat(code(RequestDecision.decide(ASKED, facts(HOUSING, List.of(consent(DataKind.CURRENT_NEEDS)), true,
                false)))).isEqualTo("NOT_FOR_SERVICE_REQUESTS");
        assertThat(code(RequestDecision.decide(ASKED, facts(HOUSING, List.of(consent(DataKind.SERVICE_REQUEST)), true,
                false)))).isEqualTo("KINDS_NOT_COVERED");
        assertThat(code(RequestDecision.decide(ASKED, facts(HOUSING, good, false, false)))).isEqualTo("NO_CONSENT");
        assertThat(code(RequestDecision.decide(ASKED, facts(HOUSING, good, true, true)))).isEqualTo("NAMES_THE_CLIENT");
    }

    @ParameterizedTest
    @EnumSource(value = PartnerKind.class, names = { "POLICE", "INTELLIGENCE", "JUDICIARY", "PROSECUTION", "FUNDER",
            "PEER_NGO", "RELIGIOUS_COMMUNITY", "GRASS_ROOTS", "FAMILY_SUPPORT" })
    void thePolicyRefusesEveryoneButSocialServicesWhateverTheConsentSays(PartnerKind kind) {
        Partner partner = new Partner(PARTNER, ORG, "Partner", kind, true);
        Decision decision = RequestDecision.decide(ASKED, facts(partner,
                List.of(consent(DataKind.SERVICE_REQUEST, DataKind.CURRENT_NEEDS)), true, false));
        assertThat(decision.refusal()).hasValueSatisfying(r -> assertThat(r.byPolicy()).isPresent());
        assertThat(RequestDecision.receivesRequests(partner)).isFalse();
    }

    @Test
    void anInactiveSocialServiceIsRefused() {
        Partner inactive = new Partner(PARTNER, ORG, "Partner", PartnerKind.HOUSING, false);
        assertThat(code(RequestDecision.decide(ASKED, facts(inactive,
                List.of(consent(DataKind.SERVICE_REQUEST, DataKind.CURRENT_NEEDS)), true, false))))
                .isEqualTo("INACTIVE_PARTNER");
    }

    @Test
    void theTaskStatusesFollowFhir() {
        assertThat(TaskStatus.REQUESTED.next()).containsExactlyInAnyOrder(TaskStatus.RECEIVED, TaskStatus.ACCEPTED,
                TaskStatus.REJECTED, TaskStatus.CANCELLED);
        assertThat(TaskStatus.RECEIVED.next()).containsExactlyInAnyOrder(TaskStatus.ACCEPTED, TaskStatus.REJECTED,
                TaskStatus.CANCELLED);
        assertThat(TaskStatus.ACCEPTED.next()).containsExactlyInAnyOrder(TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED,
                TaskStatus.CANCELLED);
        assertThat(TaskStatus.IN_PROGRESS.next()).containsExactlyInAnyOrder(TaskStatus.COMPLETED, TaskStatus.CANCELLED);
        for (TaskStatus end : List.of(TaskStatus.REJECTED, TaskStatus.COMPLETED, TaskStatus.CANCELLED)) {
            assertThat(end.terminal()).isTrue();
            assertThat(end.next()).isEmpty();
        }
        assertThat(TaskStatus.IN_PROGRESS.fhirCode()).isEqualTo("in-progress");
        assertThat(TaskStatus.REQUESTED.canBecome(null)).isFalse();
        assertThat(TaskStatus.RECEIVED.canBecome(TaskStatus.REQUESTED)).isFalse();
    }
}
