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
        ExecutorService writer = Executors.newSingleThreadExecutor();
        List<String> findings = new ArrayList<>();
        int verifications = 0;
        try {
            // A bounded burst of appends, each followed by a checkpoint: the file stays small however slow
            // the verifications are on a loaded machine.
            Future<?> written = writer.submit(() -> {
                for (int n = 0; n < 150; n++) {
                    log.record(new AuditEvent(org, null, "worker", "TEST_APPEND", "s" + n, null));
                    checkpoints.checkpoint();
                }
            });
            while (!written.isDone() || verifications == 0) {
                verifier.verify().findings().forEach(f -> findings.add(f.kind() + ": " + f.text()));
                verifications++;
            }
            written.get();
        } finally {
            writer.shutdownNow();
        }
        assertThat(verifications).as("verified while checkpoints were written").isPositive();
        assertThat(findings).isEmpty();
    }
}
