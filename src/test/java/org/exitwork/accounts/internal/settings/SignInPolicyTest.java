package org.exitwork.accounts.internal.settings;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInPolicyTest {

    @Test
    void failuresBeyondTheThresholdAreAnsweredEverMoreSlowly() {
        SignInPolicy policy = new SignInPolicy(3, Duration.ofSeconds(1), 5, Duration.ofMinutes(15));
        assertThat(policy.delayFor(1)).isZero();
        assertThat(policy.delayFor(3)).isZero();
        assertThat(policy.delayFor(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayFor(5)).isEqualTo(Duration.ofSeconds(2));
    }
}
