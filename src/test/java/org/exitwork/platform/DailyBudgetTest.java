package org.exitwork.platform;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The budget builds its SQL from the names its module gives: only plain lower-case names pass, and a count
 * per key is never used without its key (nor one per day with one). The counting itself is tried where it is
 * used, on both databases and at once from several threads: LinkUsesTest, SharesTest, SignInTest.
 */
class DailyBudgetTest {

    @Test
    void onlyPlainNamesAreTakenAndEachKindIsUsedItsOwnWay() {
        assertThatThrownBy(() -> DailyBudget.perKey(null, "dis_link_use; DROP TABLE aud_entry", "link_id", "used_on",
                "uses")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a table or column name");
        assertThatThrownBy(() -> DailyBudget.perDay(null, "acc_failure_record", "recorded_on", "Recorded"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DailyBudget.perKey(null, "t", null, "d", "n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DailyBudget.perDay(null, "t", "d", "n").use("key", LocalDate.now(), 1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DailyBudget.perKey(null, "t", "k", "d", "n").use(LocalDate.now(), 1))
                .isInstanceOf(IllegalStateException.class);
    }
}
