package org.exitwork.cases.internal.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.exitwork.cases.internal.agreement.WorkAgreements.AimedChange;
import org.exitwork.cases.internal.agreement.WorkAgreements.NewRating;
import org.exitwork.cases.internal.agreement.WorkAgreements.NewVersion;
import org.exitwork.cases.internal.agreement.WorkAgreements.Refused;
import org.exitwork.cases.internal.agreement.WorkAgreements.Version;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The work agreement's rules without Spring or a database: each refusal names its field and message. */
class AgreementRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    private static final UUID THREAD = UUID.randomUUID();

    @Test
    void aNewVersionKeepsOnlyTheChangesThatSaySomething() {
        List<AimedChange> changes = AgreementRules.newVersion(new NewVersion("Objective", List.of(
                new AimedChange(null, "Find work"), new AimedChange(null, "  "), new AimedChange(THREAD, "Keep contact")),
                "Call the job centre", "en", 1), 1, Set.of(THREAD));

        assertThat(changes).containsExactly(new AimedChange(null, "Find work"), new AimedChange(THREAD, "Keep contact"));
    }

    @Test
    void aVersionBasedOnAnOlderOneOrCarryingAStrangeThreadIsRefused() {
        assertRefused(() -> AgreementRules.newVersion(new NewVersion("O", List.of(new AimedChange(null, "C")), "N", "en", 0),
                1, Set.of()), null, "agreement.problem.newer-version");
        assertRefused(() -> AgreementRules.newVersion(new NewVersion("O", List.of(new AimedChange(null, "C")), "N", "fr", 1),
                1, Set.of()), "language", "agreement.language.invalid");
        assertRefused(() -> AgreementRules.newVersion(new NewVersion("O", List.of(new AimedChange(UUID.randomUUID(), "C")),
                "N", "en", 1), 1, Set.of(THREAD)), "changes", "agreement.changes.unknown");
        assertRefused(() -> AgreementRules.newVersion(new NewVersion("O", List.of(new AimedChange(THREAD, "C"),
                new AimedChange(THREAD, "D")), "N", "en", 1), 1, Set.of(THREAD)), "changes", "agreement.changes.unknown");
    }

    @Test
    void theClientAgreesOnADayBetweenTheWritingAndToday() {
        LocalDate written = TODAY.minusDays(5);
        AgreementRules.clientAgreement(2, 1, TODAY, AgreedHow.ORALLY, null, written, TODAY);

        assertRefused(() -> AgreementRules.clientAgreement(2, 2, TODAY, AgreedHow.ORALLY, null, written, TODAY),
                null, "agreement.problem.already-agreed");
        assertRefused(() -> AgreementRules.clientAgreement(1, 2, TODAY, AgreedHow.ORALLY, null, written, TODAY),
                null, "agreement.problem.superseded");
        assertRefused(() -> AgreementRules.clientAgreement(2, 1, TODAY.plusDays(1), AgreedHow.ORALLY, null, written,
                TODAY), "agreedOn", "agreement.agreed-on.future");
        assertRefused(() -> AgreementRules.clientAgreement(2, 1, written.minusDays(1), AgreedHow.ORALLY, null, written,
                TODAY), "agreedOn", "agreement.agreed-on.before-writing");
        assertRefused(() -> AgreementRules.clientAgreement(2, 1, TODAY, AgreedHow.OTHER, " ", written, TODAY),
                "note", "agreement.note.required");
    }

    @Test
    void aChangeIsRatedOnceADayFromOneToFive() {
        Version current = new Version(1, "en", "O", List.of(new AimedChange(THREAD, "C")), "N", "A", Instant.EPOCH,
                new WorkAgreements.ClientAgreement(TODAY, AgreedHow.ORALLY, null, "A"));
        AgreementRules.ratings(current, TODAY, List.of(new NewRating(THREAD, 5, null)), TODAY, thread -> false);

        assertRefused(() -> AgreementRules.ratings(null, TODAY, List.of(new NewRating(THREAD, 3, null)), TODAY,
                thread -> false), null, "rating.problem.no-agreement");
        assertRefused(() -> AgreementRules.ratings(current, TODAY, List.of(new NewRating(THREAD, 6, null)), TODAY,
                thread -> false), "entries", "rating.score.range");
        assertRefused(() -> AgreementRules.ratings(current, TODAY, List.of(new NewRating(THREAD, 3, null)), TODAY,
                thread -> true), "ratedOn", "rating.rated-on.taken");
        assertRefused(() -> AgreementRules.ratings(current, TODAY.plusDays(1), List.of(new NewRating(THREAD, 3, null)),
                TODAY, thread -> false), "ratedOn", "rating.rated-on.future");
    }

    private static void assertRefused(Runnable action, String field, String code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.field).isEqualTo(field);
            assertThat(refused.code).isEqualTo(code);
        });
    }
}
