package org.exitwork.accounts.internal.settings;

import java.time.Duration;

/**
 * How sign-in is protected ({@code exitwork.sign-in.*}).
 * <ul>
 * <li>{@code perAddress} attempts (passwords, codes, first run) per client address and
 * {@code perAddressPeriod}, counted in each node's memory;</li>
 * <li>failed passwords of one user name from one client address (stored, so on every node): after
 * {@code slowDownAfter} each answer waits {@code delayPerFailure} longer; after {@code refuseAfter}
 * that name is refused from that address for {@code refuseDuration}; failures older than that are
 * forgotten. The name from any other address is not affected;</li>
 * <li>wrong second-factor codes of an account (which needs the right password first): after
 * {@code lockAfter} the code step is locked for {@code lockDuration}.</li>
 * <li>failed sign-ins recorded in the audit log one by one: at most {@code failuresRecordedPerDay} a day in
 * the whole installation, whatever the name; after that, one entry says so and the rest of the day's
 * failures are counted on their account (if the name is one) but not recorded.</li>
 * </ul>
 */
public record SignInPolicy(int slowDownAfter, Duration delayPerFailure, int refuseAfter, Duration refuseDuration,
        int lockAfter, Duration lockDuration, int perAddress, Duration perAddressPeriod, int failuresRecordedPerDay) {

    public Duration delayFor(int failures) {
        int over = Math.min(failures, refuseAfter) - slowDownAfter;
        return over <= 0 ? Duration.ZERO : delayPerFailure.multipliedBy(over);
    }
}
