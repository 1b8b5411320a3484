package org.exitwork.referrals.internal.inbound.api;

import java.time.Instant;
import java.util.UUID;

import org.exitwork.referrals.internal.ReferralSettings;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Calls per credential and clock minute, counted in the database so that all nodes share the count
 * ({@code exitwork.referrals.rate-per-minute}, default 30). The conditional update is atomic; the SQL is in
 * {@link RateRepository}.
 */
@Component
class RateLimit {

    private final RateRepository counts;
    private final int perMinute;

    RateLimit(RateRepository counts, ReferralSettings settings) {
        this.counts = counts;
        this.perMinute = settings.ratePerMinute();
    }

    /** @return 0 when the call may go ahead, otherwise the seconds until the next minute begins */
    long secondsToWait(UUID credentialId, Instant now) {
        long minute = now.getEpochSecond() / 60;
        long untilNextMinute = Math.max(1, (minute + 1) * 60 - now.getEpochSecond());
        if (perMinute < 1) {
            return untilNextMinute;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            if (counts.countBelow(credentialId, minute, perMinute)) {
                return 0;
            }
            if (counts.exists(credentialId, minute)) {
                // The row may have been inserted by a concurrent first call just after the update found
                // none: only an update that fails on a row known to exist means the limit is reached.
                return counts.countBelow(credentialId, minute, perMinute) ? 0 : untilNextMinute;
            }
            try {
                counts.start(credentialId, minute);
                return 0;
            } catch (DataIntegrityViolationException raced) {
                // Another node counted the first call of this minute: the row exists now, count again.
            }
        }
        // Unreachable in practice (after a lost insert the row exists); refusing is the safe side.
        return untilNextMinute;
    }
}
