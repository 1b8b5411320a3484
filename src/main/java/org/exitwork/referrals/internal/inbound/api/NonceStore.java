package org.exitwork.referrals.internal.inbound.api;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Nonces seen per credential, kept for ten minutes in the database, so that every node refuses a
 * replay: the primary key (credential, nonce) makes the second insert fail.
 */
@Repository
class NonceStore {

    static final Duration KEPT = Duration.ofMinutes(10);

    private final JdbcClient jdbc;

    NonceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the nonce was seen before for this credential (a replay) */
    boolean firstUse(UUID credentialId, String nonce, Instant now) {
        jdbc.sql("DELETE FROM ref_nonce WHERE credential_id = ? AND seen_at < ?")
                .params(credentialId, Timestamp.from(now.minus(KEPT))).update();
        try {
            jdbc.sql("INSERT INTO ref_nonce (credential_id, nonce, seen_at) VALUES (?, ?, ?)")
                    .params(credentialId, nonce, Timestamp.from(now)).update();
            return true;
        } catch (DataIntegrityViolationException replay) {
            return false;
        }
    }
}
