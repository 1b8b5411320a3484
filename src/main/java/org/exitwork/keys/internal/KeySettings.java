package org.exitwork.keys.internal;

import java.time.Duration;

import org.exitwork.keys.ErasureHorizon;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param rotationInterval how old the primary version may grow ({@code exitwork.keys.rotation-interval})
 * @param erasureHorizon how long a retired version is kept ({@code exitwork.keys.erasure-horizon})
 * @param checkEvery how often the schedule looks ({@code exitwork.keys.check-every})
 * @param lockAtMostFor how long a killed rotation blocks the next; a live one extends its lock
 * @param batchSize keys re-wrapped per transaction
 * @param progressEvery a progress line after this many keys
 */
@ConfigurationProperties("exitwork.keys")
record KeySettings(@DefaultValue("P1D") Duration rotationInterval, @DefaultValue("P30D") Duration erasureHorizon,
        @DefaultValue("PT1H") Duration checkEvery, @DefaultValue("PT2M") Duration lockAtMostFor,
        @DefaultValue("500") int batchSize, @DefaultValue("5000") int progressEvery) {

    KeySettings {
        if (erasureHorizon.isNegative() || rotationInterval.isNegative() || rotationInterval.isZero()) {
            throw new IllegalArgumentException("exitwork.keys.rotation-interval must be positive and "
                    + "exitwork.keys.erasure-horizon not negative");
        }
    }

    ErasureHorizon horizon() {
        return new ErasureHorizon(erasureHorizon, rotationInterval, checkEvery);
    }
}
