package org.exitwork.referrals.internal.inbound.api;

import java.time.Clock;
import java.time.Duration;

import org.exitwork.platform.AddressBuckets;
import org.exitwork.referrals.internal.ReferralSettings;
import org.springframework.stereotype.Component;

/**
 * Calls that fail authentication, per client address ({@code exitwork.referrals.failed-calls-per-address}
 * a minute, in this node's memory). Only an address that really spent its budget on failures is refused;
 * a partner that signs its calls never spends any, and every other answer stays what it is.
 */
@Component
class FailedCallLimit {

    static final int MAX_ADDRESSES = 100_000;

    private final AddressBuckets failures;

    FailedCallLimit(ReferralSettings settings, Clock clock) {
        this.failures = new AddressBuckets(clock, settings.failedCallsPerAddress(), Duration.ofMinutes(1),
                MAX_ADDRESSES);
    }

    /** 0 when the address may call, else the seconds until it may again. */
    long secondsToWait(String address) {
        return failures.waitFor(address);
    }

    void failed(String address) {
        failures.spend(address);
    }

    /** For tests: another budget from now on, every address's full again. */
    void limit(long perMinute) {
        failures.limit(perMinute, Duration.ofMinutes(1));
    }
}
