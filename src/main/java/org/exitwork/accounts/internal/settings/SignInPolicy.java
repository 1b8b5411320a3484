package org.exitwork.accounts.internal.settings;

import java.time.Duration;


/**
 * How sign-in failures are answered ({@code exitwork.sign-in.*}): after {@code slowDownAfter} failures every further attempt
 * waits a little longer; after {@code lockAfter} the account is locked for {@code lockDuration}.
 */
public record SignInPolicy(int slowDownAfter, Duration delayPerFailure, int lockAfter, Duration lockDuration) {

    public Duration delayFor(int failures) {
        int over = failures - slowDownAfter;
        return over <= 0 ? Duration.ZERO : delayPerFailure.multipliedBy(over);
    }
}
