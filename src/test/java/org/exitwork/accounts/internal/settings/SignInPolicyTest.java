package org.exitwork.accounts.internal.settings;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInPolicyTest {

    @Test
    void failuresBeyondTheThresholdAreAnsweredEverMoreSlowlyUpToTheRefusal() {
        SignInPolicy policy = new SignInPolicy(3, Duration.ofSeconds(1), 10, Duration.ofMinutes(15), 5,
                Duration.ofMinutes(15), 20, Duration.ofMinutes(1), 100);
        assertThat(policy.delayFor(1)).isZero();
        assertThat(policy.delayFor(3)).isZero();
        assertThat(policy.delayFor(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayFor(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayFor(10)).isEqualTo(Duration.ofSeconds(7));
        // Beyond the refusal the name is not even checked from that address; the hold grows no further.
        assertThat(policy.delayFor(40)).isEqualTo(Duration.ofSeconds(7));
    }
}
