package org.exitwork.accounts.internal.signin;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Failed sign-ins per user name and client address (acc_sign_in_attempt), by their keyed hash. */
@Repository
class AttemptRepository {

    /** The failures still remembered for a key, and until when it is refused (null: it is not). */
    record Attempts(int failures, Instant refusedUntil) {
        static final Attempts NONE = new Attempts(0, null);

        boolean refusedAt(Instant now) {
            return refusedUntil != null && refusedUntil.isAfter(now);
        }
    }

    private final JdbcClient jdbc;

    AttemptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Attempts find(String key, Instant forgottenBefore) {
        return jdbc.sql("SELECT failures, refused_until, last_failed_at FROM acc_sign_in_attempt WHERE attempt_key = ?")
                .param(key).query((rs, n) -> {
                    OffsetDateTime last = rs.getObject("last_failed_at", OffsetDateTime.class);
                    OffsetDateTime refused = rs.getObject("refused_until", OffsetDateTime.class);
                    if (last.toInstant().isBefore(forgottenBefore)) {
                        return Attempts.NONE;
                    }
                    return new Attempts(rs.getInt("failures"), refused == null ? null : refused.toInstant());
                }).optional().orElse(Attempts.NONE);
    }

    /**
     * One more failure: counted on from the remembered ones, or from one again when the last is older
     * than {@code forgottenBefore}; refused until {@code refuseUntil} when it reaches {@code refuseAfter}.
     * @return the failures now counted
     */
    int fail(String key, Instant now, Instant forgottenBefore, int refuseAfter, Instant refuseUntil) {
        // The row first (two nodes counting the first failure at once meet in DO NOTHING), then its lock.
        jdbc.sql("INSERT INTO acc_sign_in_attempt (attempt_key, failures, last_failed_at) VALUES (?, 0, ?) "
                + "ON CONFLICT DO NOTHING").params(key, Timestamp.from(now)).update();
        int before = jdbc.sql("SELECT failures, last_failed_at FROM acc_sign_in_attempt WHERE attempt_key = ? FOR UPDATE")
                .param(key).query((rs, n) -> rs.getObject("last_failed_at", OffsetDateTime.class).toInstant()
                        .isBefore(forgottenBefore) ? 0 : rs.getInt("failures"))
                .single();
        int failures = before + 1;
        Timestamp refused = failures >= refuseAfter ? Timestamp.from(refuseUntil) : null;
        jdbc.sql("UPDATE acc_sign_in_attempt SET failures = ?, last_failed_at = ?, refused_until = ? WHERE attempt_key = ?")
                .params(failures, Timestamp.from(now), refused, key).update();
        return failures;
    }

    void forget(String key) {
        jdbc.sql("DELETE FROM acc_sign_in_attempt WHERE attempt_key = ?").param(key).update();
    }

    /** Rows nobody remembers any more: nothing about them is kept longer than it counts. */
    void forgetBefore(Instant forgottenBefore) {
        jdbc.sql("DELETE FROM acc_sign_in_attempt WHERE last_failed_at < ?").param(Timestamp.from(forgottenBefore))
                .update();
    }
}
