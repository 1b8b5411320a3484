package org.exitwork.disclosure.internal.share;

import java.time.LocalDate;
import java.util.List;
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

/** The share's decision (R9), without Spring: the facts in, the exact answer out, first reason first. */
class ShareDecisionTest {

    static final Partner HOUSING = partner(PartnerKind.HOUSING, true);
    static final Partner HEALTH = partner(PartnerKind.HEALTH, true);
    static final ValidConsent CONSENT = consent(HOUSING, Set.of(DataKind.HOUSING, DataKind.CURRENT_NEEDS));
    static final ShareDecision.Request REQUEST = new ShareDecision.Request(HOUSING.id(), CONSENT.id(),
            Set.of(DataKind.HOUSING));

    static Partner partner(PartnerKind kind, boolean active) {
        return new Partner(UUID.randomUUID(), UUID.randomUUID(), kind.name(), kind, active);
    }

    static ValidConsent consent(Partner partner, Set<DataKind> kinds) {
        return new ValidConsent(UUID.randomUUID(), partner.id(), "housing", kinds, LocalDate.of(2026, 1, 1),
                LocalDate.of(2027, 1, 1));
    }

    static ShareDecision.Facts facts(Partner partner, List<ValidConsent> valid, boolean covered, boolean names) {
        return new ShareDecision.Facts(Optional.ofNullable(partner), valid, covered, names);
    }

    static Refusal refusal(Decision decision) {
        return decision.refusal().orElseThrow();
    }

    static Refusal reason(String code) {
        return new Refusal(code, "shares.refused." + code, null);
    }

    @Test
    void aCoveredShareToAnActiveSocialServiceGoesOut() {
        assertThat(ShareDecision.decide(REQUEST, facts(HOUSING, List.of(CONSENT), true, false)))
                .isEqualTo(Decision.ALLOWED);
        assertThat(ShareDecision.receivesShares(HOUSING)).isTrue();
    }

    @Test
    void theGatesPolicyComesFirstAndNamesItsReason() {
        Partner police = partner(PartnerKind.POLICE, true);
        assertThat(refusal(ShareDecision.decide(REQUEST, facts(police, List.of(CONSENT), true, true)))).isEqualTo(
                new Refusal("ONE_WAY_STREET", "shares.refused.policy", OutboundPolicy.Refusal.ONE_WAY_STREET));
        assertThat(ShareDecision.receivesShares(police)).isFalse();
        assertThat(refusal(ShareDecision.decide(REQUEST, facts(partner(PartnerKind.HOUSING, false), List.of(CONSENT),
                true, false))).code()).isEqualTo("INACTIVE_PARTNER");
        assertThat(refusal(ShareDecision.decide(REQUEST, facts(null, List.of(CONSENT), true, false))))
                .isEqualTo(reason("UNKNOWN_PARTNER"));
    }

    @Test
    void theConsentMustBeValidNameThePartnerAndCoverEveryKind() {
        ValidConsent other = consent(HOUSING, Set.of(DataKind.HOUSING));
        assertThat(refusal(ShareDecision.decide(REQUEST, facts(HOUSING, List.of(other), true, false))))
                .isEqualTo(reason("CONSENT_NOT_VALID"));
        assertThat(refusal(ShareDecision.decide(REQUEST, facts(HOUSING, List.of(), true, false))))
                .isEqualTo(reason("NO_CONSENT"));
        ValidConsent forHealth = consent(HEALTH, Set.of(DataKind.HOUSING));
        assertThat(refusal(ShareDecision.decide(new ShareDecision.Request(HOUSING.id(), forHealth.id(),
                Set.of(DataKind.HOUSING)), facts(HOUSING, List.of(forHealth), true, false))))
                .isEqualTo(reason("NO_CONSENT"));
        assertThat(refusal(ShareDecision.decide(new ShareDecision.Request(HOUSING.id(), CONSENT.id(),
                Set.of(DataKind.HOUSING, DataKind.PROGRESS)), facts(HOUSING, List.of(CONSENT), true, false))))
                .isEqualTo(ShareDecision.notCovered(HOUSING.name(), CONSENT.kinds(), Set.of(DataKind.HOUSING,
                        DataKind.PROGRESS)));
        assertThat(refusal(ShareDecision.decide(REQUEST, facts(HOUSING, List.of(CONSENT), false, false))))
                .isEqualTo(reason("NO_CONSENT"));
    }

    @Test
    void aRefusalForKindsNamesWhatIsCoveredAndWhatIsMissingInBothLanguages() {
        org.springframework.context.MessageSource messages = org.exitwork.platform.MessageBundles.messageSource(
                new org.springframework.core.io.support.PathMatchingResourcePatternResolver());
        Refusal refusal = ShareDecision.notCovered("Wohnhilfe Nord", Set.of(DataKind.HOUSING, DataKind.CURRENT_NEEDS,
                DataKind.CASE_CONFERENCE), Set.of(DataKind.HOUSING, DataKind.PROGRESS, DataKind.ATTENDANCE));
        assertThat(refusal.code()).isEqualTo("KINDS_NOT_COVERED");
        Object[] args = new org.exitwork.disclosure.internal.gate.Refused(refusal).messageArguments();
        assertThat(messages.getMessage(refusal.messageKey(), args, java.util.Locale.ENGLISH)).isEqualTo(
                "Refused: the consent to share with Wohnhilfe Nord covers current needs and the housing situation; it does "
                + "not cover progress and attendance. Record a new consent that covers progress and attendance, or leave "
                + "progress and attendance out of this share.");
        assertThat(messages.getMessage(refusal.messageKey(), args, java.util.Locale.GERMAN)).isEqualTo(
                "Abgelehnt: Die Einwilligung zur Weitergabe an Wohnhilfe Nord umfasst aktuellen Unterstützungsbedarf und "
                + "Wohnsituation; sie umfasst nicht: Fortschritte und Teilnahme an Terminen. Erfassen Sie eine neue "
                + "Einwilligung, die Fortschritte und Teilnahme an Terminen umfasst, oder lassen Sie Fortschritte und "
                + "Teilnahme an Terminen bei dieser Weitergabe weg.");
        // Every refusal says what to change, not only what is wrong.
        assertThat(messages.getMessage(reason("NO_CONSENT").messageKey(), null, java.util.Locale.ENGLISH)).isEqualTo(
                "Refused: there is no valid consent of the client for this partner and purpose (none was given, or it "
                + "was revoked, has expired or is not valid yet). Record the client's consent to share with this partner "
                + "first (Consents), then share under it.");
        assertThat(messages.getMessage(reason("CONSENT_NOT_VALID").messageKey(), null, java.util.Locale.GERMAN))
                .isEqualTo("Abgelehnt: Die Einwilligung wurde widerrufen, ist abgelaufen oder gilt noch nicht. Wählen Sie "
                        + "eine heute gültige Einwilligung oder erfassen Sie mit der Klientin oder dem Klienten eine neue.");
        Refusal none = ShareDecision.notCovered("Wohnhilfe Nord", Set.of(DataKind.CASE_CONFERENCE),
                Set.of(DataKind.HOUSING));
        assertThat(messages.getMessage(none.messageKey(), new org.exitwork.disclosure.internal.gate.Refused(none)
                .messageArguments(), java.util.Locale.ENGLISH)).isEqualTo("Refused: the consent to share with Wohnhilfe "
                        + "Nord covers no kind of data to share; it does not cover the housing situation. Record a new "
                        + "consent that covers the housing situation.");
    }

    @Test
    void aTextNamingTheClientIsRefusedLast() {
        assertThat(refusal(ShareDecision.decide(REQUEST, facts(HOUSING, List.of(CONSENT), true, true))))
                .isEqualTo(reason("NAMES_THE_CLIENT"));
    }
}
