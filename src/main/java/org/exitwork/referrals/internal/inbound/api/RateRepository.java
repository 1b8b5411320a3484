package org.exitwork.referrals.internal.inbound.api;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the call counts per credential and clock minute ({@code ref_rate}), for {@link RateLimit}.
 * On the request path: it holds nothing but this SQL.
 */
@Repository
class RateRepository {

    private final JdbcClient jdbc;

    RateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts a call if the minute's row exists and is below {@code limit}; atomic. */
    boolean countBelow(UUID credentialId, long minute, int limit) {
        return jdbc.sql("UPDATE ref_rate SET hits = hits + 1 WHERE credential_id = ? AND window_minute = ? "
                + "AND hits < ?").params(credentialId, minute, limit).update() == 1;
    }

    boolean exists(UUID credentialId, long minute) {
        return jdbc.sql("SELECT COUNT(*) FROM ref_rate WHERE credential_id = ? AND window_minute = ?")
                .params(credentialId, minute).query(Long.class).single() > 0;
    }

    /**
     * Drops the credential's earlier minutes and counts the first call of this one; a
     * {@link org.springframework.dao.DataIntegrityViolationException} when another node was first.
     */
    void start(UUID credentialId, long minute) {
        jdbc.sql("DELETE FROM ref_rate WHERE credential_id = ? AND window_minute < ?").params(credentialId, minute)
                .update();
        jdbc.sql("INSERT INTO ref_rate (credential_id, window_minute, hits) VALUES (?, ?, 1)")
                .params(credentialId, minute).update();
    }
}
