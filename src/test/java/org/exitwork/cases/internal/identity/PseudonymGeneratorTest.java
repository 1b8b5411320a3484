package org.exitwork.cases.internal.identity;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PseudonymGeneratorTest {

    private final PseudonymGenerator generator = new PseudonymGenerator();

    @Test
    void pseudonymsAreTwoPronounceableWordsOfAlternatingConsonantsAndVowels() {
        for (int i = 0; i < 1000; i++) {
            assertThat(generator.next()).matches("[BDFGKLMNPRSTVZ][aeiou]([bdfgklmnprstvz][aeiou]){2} "
                    + "[BDFGKLMNPRSTVZ][aeiou]([bdfgklmnprstvz][aeiou]){2}");
        }
    }

    @Test
    void pseudonymsRarelyRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            seen.add(generator.next());
        }
        // 10^11 possibilities: a handful of collisions in 20,000 draws would already be suspicious.
        assertThat(seen.size()).isGreaterThan(19_990);
    }
}
