package org.exitwork.disclosure.internal.funder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.exitwork.testing.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The release lock of a programme taken by two releases at the same moment, the programme's first: the
 * second waits for the first and then holds the lock itself, rather than failing (on PostgreSQL a
 * duplicate key aborts the whole transaction, so catching it and trying again is no way out).
 */
@DatabaseTest
class FunderReportLockTest {

    @Autowired
    FunderReportRepository rows;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void twoFirstReleasesOfAProgrammeAtOnceTakeTheLockOneAfterTheOther() throws Exception {
        UUID programme = UUID.randomUUID();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        CountDownLatch firstHolds = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
            rows.lock(programme);
            firstHolds.countDown();
            sleep(1500);
        }));
        assertThat(firstHolds.await(20, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        Long afterwards = tx.execute(status -> {
            rows.lock(programme);
            // The transaction is still usable once the lock is held.
            return jdbc.sql("SELECT COUNT(*) FROM dis_funder_report_lock WHERE programme_id = ?").param(programme)
                    .query(Long.class).single();
        });
        first.get(20, TimeUnit.SECONDS);
        assertThat(afterwards).isEqualTo(1L);
        // It waited for the first release to end.
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(1000L);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
