package org.exitwork.referrals.internal.inbound.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.exitwork.testing.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partner gets the one same answer unless it really exceeded its limit: the first calls of a minute,
 * arriving together, all go ahead (each counted once), however their updates and inserts interleave.
 */
@DatabaseTest
class RateLimitRaceTest {

    static final int CALLERS = 16;
    static final int MINUTES = 60;

    @Autowired
    RateLimit rate;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theFirstCallsOfAMinuteArrivingTogetherAreNeverRefused() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            Instant now = Instant.parse("2026-12-02T10:00:59.900Z");
            for (int round = 0; round < MINUTES; round++) {
                UUID credential = UUID.randomUUID();
                CyclicBarrier together = new CyclicBarrier(CALLERS);
                List<Future<Long>> answers = new ArrayList<>();
                for (int caller = 0; caller < CALLERS; caller++) {
                    answers.add(pool.submit(() -> {
                        together.await();
                        return rate.secondsToWait(credential, now);
                    }));
                }
                for (Future<Long> answer : answers) {
                    assertThat(answer.get()).as("round %d", round).isZero();
                }
                assertThat(jdbc.sql("SELECT hits FROM ref_rate WHERE credential_id = ?").param(credential)
                        .query(Integer.class).single()).as("every call counted once").isEqualTo(CALLERS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void beyondTheLimitTheAnswerIsTheSecondsToTheNextMinute() {
        UUID credential = UUID.randomUUID();
        Instant now = Instant.parse("2026-12-02T10:00:45Z");
        for (int call = 0; call < 30; call++) {
            assertThat(rate.secondsToWait(credential, now)).isZero();
        }
        assertThat(rate.secondsToWait(credential, now)).isEqualTo(15);
        assertThat(rate.secondsToWait(credential, now.plusSeconds(15))).as("a new minute").isZero();
    }
}
