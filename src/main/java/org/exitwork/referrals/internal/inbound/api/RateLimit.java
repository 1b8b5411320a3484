package org.exitwork.referrals.internal.inbound.api;

import java.time.Instant;
import java.util.UUID;

import org.exitwork.referrals.internal.ReferralSettings;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Calls per credential and clock minute, counted in the database so that all nodes share the count
 * ({@code exitwork.referrals.rate-per-minute}, default 30). The conditional update is atomic.
 */
@Repository
class RateLimit {

    private final JdbcClient jdbc;
    private final int perMinute;

    RateLimit(JdbcClient jdbc, ReferralSettings settings) {
        this.jdbc = jdbc;
        this.perMinute = settings.ratePerMinute();
    }

    /** @return 0 when the call may go ahead, otherwise the seconds until the next minute begins */
    long secondsToWait(UUID credentialId, Instant now) {
        long minute = now.getEpochSecond() / 60;
        for (int attempt = 0; attempt < 3; attempt++) {
            int counted = jdbc.sql("UPDATE ref_rate SET hits = hits + 1 WHERE credential_id = ? AND window_minute = ? "
                    + "AND hits < ?").params(credentialId, minute, perMinute).update();
            if (counted == 1) {
                return 0;
            }
            boolean exists = jdbc.sql("SELECT COUNT(*) FROM ref_rate WHERE credential_id = ? AND window_minute = ?")
                    .params(credentialId, minute).query(Long.class).single() > 0;
            if (exists) {
                return Math.max(1, (minute + 1) * 60 - now.getEpochSecond());
            }
            if (perMinute < 1) {
                return Math.max(1, (minute + 1) * 60 - now.getEpochSecond());
            }
            try {
                jdbc.sql("DELETE FROM ref_rate WHERE credential_id = ? AND window_minute < ?").params(credentialId, minute)
                        .update();
                jdbc.sql("INSERT INTO ref_rate (credential_id, window_minute, hits) VALUES (?, ?, 1)")
                        .params(credentialId, minute).update();
                return 0;
            } catch (DataIntegrityViolationException raced) {
                // another node counted the first call of this minute: count again
            }
        }
        return 1;
    }
}
