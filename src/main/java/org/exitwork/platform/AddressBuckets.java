package org.exitwork.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * A budget per client address: {@code capacity} requests, refilled evenly over {@code period} (Bucket4j
 * token buckets). The buckets live in this node's memory: answering from memory costs no database
 * work, which is the point when a flood arrives; with N nodes an address may spend N budgets. At most
 * {@code maxAddresses} are remembered; beyond that, addresses with a full budget are forgotten first.
 */
public final class AddressBuckets {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;
    private final int maxAddresses;
    private volatile Bandwidth limit;

    public AddressBuckets(Clock clock, long capacity, Duration period, int maxAddresses) {
        // The application's clock, so tests move time instead of waiting for it.
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                java.time.Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.maxAddresses = maxAddresses;
        limit(capacity, period);
    }

    /** A new budget for every address (tests, and operators through the settings at start). */
    public void limit(long capacity, Duration period) {
        this.limit = Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
        buckets.clear();
    }

    /** Spends one request of the address's budget: 0 when it may go ahead, else the seconds to wait (at least 1). */
    public long take(String address) {
        ConsumptionProbe probe = bucket(address).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : seconds(probe.getNanosToWaitForRefill());
    }

    /** Without spending: 0 when the address has budget left, else the seconds until it has. */
    public long waitFor(String address) {
        Bucket bucket = buckets.get(address);
        if (bucket == null) {
            return 0;
        }
        var estimate = bucket.estimateAbilityToConsume(1);
        return estimate.canBeConsumed() ? 0 : seconds(estimate.getNanosToWaitForRefill());
    }

    /** Spends one of the address's budget if there is any left (a failure counted against it). */
    public void spend(String address) {
        bucket(address).tryConsume(1);
    }

    private Bucket bucket(String address) {
        Bucket bucket = buckets.get(address);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= maxAddresses) {
            forgetIdle();
        }
        return buckets.computeIfAbsent(address,
                a -> Bucket.builder().addLimit(limit).withCustomTimePrecision(time).build());
    }

    private void forgetIdle() {
        long capacity = limit.getCapacity();
        buckets.values().removeIf(b -> b.getAvailableTokens() >= capacity);
        if (buckets.size() >= maxAddresses) {
            // Every remembered address is spending: forgetting them all is fairer than refusing newcomers.
            buckets.clear();
        }
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
