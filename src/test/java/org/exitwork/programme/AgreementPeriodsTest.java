package org.exitwork.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.exitwork.programme.FunderReports.Agreement;
import org.exitwork.programme.FunderReports.Period;
import org.junit.jupiter.api.Test;

/**
 * The periods of a reporting agreement, from a day typed into an address: found by arithmetic, not by
 * stepping through the years, and a day beyond any calendar a database keeps is no period at all (it
 * used to take minutes of a processor and end in a 500).
 */
class AgreementPeriodsTest {

    private static final Agreement QUARTERLY = new Agreement(UUID.randomUUID(), 1, UUID.randomUUID(),
            UUID.randomUUID(), "Exit", UUID.randomUUID(), List.of(Measure.CLIENTS_TAKEN_ON), List.of(Breakdown.TOTAL),
            3, LocalDate.of(2025, 1, 1), "en", LocalDate.of(2024, 12, 1), "");

    @Test
    void aPeriodIsFoundByItsFirstDayAndNothingElseIsOne() {
        assertThat(QUARTERLY.periodStarting(LocalDate.of(2025, 4, 1)))
                .contains(new Period(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 6, 30)));
        assertThat(QUARTERLY.periodStarting(LocalDate.of(2031, 10, 1)))
                .contains(new Period(LocalDate.of(2031, 10, 1), LocalDate.of(2031, 12, 31)));
        assertThat(QUARTERLY.periodStarting(LocalDate.of(2025, 5, 1))).isEmpty();
        assertThat(QUARTERLY.periodStarting(LocalDate.of(2025, 4, 2))).isEmpty();
        assertThat(QUARTERLY.periodStarting(LocalDate.of(2024, 10, 1))).isEmpty();
    }

    @Test
    void aDayInTheYear999999999IsAnsweredAtOnceAndIsNoPeriod() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(QUARTERLY.periodStarting(LocalDate.of(999_999_999, 10, 1))).isEmpty();
            assertThat(QUARTERLY.periodStarting(LocalDate.of(999_999_999, 11, 1))).isEmpty();
            assertThat(QUARTERLY.periodStarting(LocalDate.MAX)).isEmpty();
        });
    }
}
