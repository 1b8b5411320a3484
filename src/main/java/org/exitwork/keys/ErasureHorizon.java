package org.exitwork.keys;

import java.time.Duration;

/**
 * How long stale copies of an erased client's data key (free database pages, dead rows, backups)
 * can still be opened. The master-key version that wrapped the key is retired by the next rotation
 * (at most one rotation interval, plus one check, after the erasure) and destroyed one horizon after
 * it was retired (plus at most one check).
 *
 * @param horizon {@code exitwork.keys.erasure-horizon}: how long a retired version is kept, equal to the
 *        backup retention, since a backup needs the versions of its time
 * @param rotationInterval {@code exitwork.keys.rotation-interval}
 * @param checkEvery {@code exitwork.keys.check-every}: how often the schedule looks
 */
public record ErasureHorizon(Duration horizon, Duration rotationInterval, Duration checkEvery) {

    /** At the latest this many whole days after an erasure, no copy of the client's key opens any more. */
    public long daysUntilEveryCopyIsUnreadable() {
        Duration worst = horizon.plus(rotationInterval).plus(checkEvery);
        long days = worst.toDays();
        return worst.equals(Duration.ofDays(days)) ? days : days + 1;
    }

    /** The horizon in whole days, as backups must be kept no longer. */
    public long horizonDays() {
        return horizon.toDays();
    }
}
