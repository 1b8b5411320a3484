package org.exitwork.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.exitwork.testing.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DPO may press "verify" while a checkpoint is being written (they run by themselves every so
 * many entries): a checkpoint appended to the file and recorded in the database between the
 * verifier's two reads must never be reported as a cut checkpoint file.
 */
@DatabaseTest
class VerifyWhileCheckpointingTest {

    @Autowired
    AuditLog log;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    AuditVerifier verifier;

    @Test
    void checkpointsWrittenDuringAVerificationAreNotACutFile() throws Exception {
        UUID org = UUID.randomUUID();
        AtomicBoolean verifying = new AtomicBoolean(true);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        List<String> findings = new ArrayList<>();
        try {
            Future<Integer> written = writer.submit(() -> {
                int n = 0;
                while (verifying.get()) {
                    log.record(new AuditEvent(org, null, "worker", "TEST_APPEND", "s" + n, null));
                    checkpoints.checkpoint().ifPresent(c -> { });
                    n++;
                }
                return n;
            });
            for (int i = 0; i < 40; i++) {
                verifier.verify().findings().forEach(f -> findings.add(f.kind() + ": " + f.text()));
            }
            verifying.set(false);
            assertThat(written.get()).as("checkpoints were written while verifying").isPositive();
        } finally {
            verifying.set(false);
            writer.shutdown();
        }
        assertThat(findings).isEmpty();
    }
}
