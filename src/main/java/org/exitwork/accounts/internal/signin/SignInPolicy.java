package org.exitwork.accounts.internal.signin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How sign-in failures are answered: after {@code slowDownAfter} failures every further attempt
 * waits a little longer; after {@code lockAfter} the account is locked for {@code lockDuration}.
 */
@ConfigurationProperties("exitwork.sign-in")
public record SignInPolicy(int slowDownAfter, Duration delayPerFailure, int lockAfter, Duration lockDuration) {

    Duration delayFor(int failures) {
        int over = failures - slowDownAfter;
        return over <= 0 ? Duration.ZERO : delayPerFailure.multipliedBy(over);
    }
}
