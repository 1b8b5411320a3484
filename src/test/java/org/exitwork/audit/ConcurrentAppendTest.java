package org.exitwork.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.exitwork.testing.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Appends from many threads at once (as from several nodes) still form one unbroken chain. */
@DatabaseTest
class ConcurrentAppendTest {

    @Autowired
    AuditLog log;

    @Autowired
    AuditVerifier verifier;

    @Test
    void parallelAppendsKeepTheChainIntact() throws Exception {
        UUID org = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                done.add(pool.submit(() -> log.record(new AuditEvent(org, null, "worker", "TEST_APPEND", "s" + n, null))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(log.recent(org, 500)).hasSize(100);
        assertThat(verifier.verify().intact()).isTrue();
    }
}
