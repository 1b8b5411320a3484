package org.exitwork.audit.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.exitwork.audit.internal.keys.AuditKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The checkpoint file on its own: the line format, its signature, and appends by many writers. */
class CheckpointFileTest {

    @TempDir
    Path dir;

    final AuditKeys keys = newKeys();

    static AuditKeys newKeys() {
        try {
            return AuditKeys.of(AuditKeys.newMacKeyset(), AuditKeys.newSignatureKeyset());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLineReadsBackAndItsSignatureCoversEveryField() {
        List<CheckpointFile.ChainHead> heads = List.of(new CheckpointFile.ChainHead("installation", 3, "a".repeat(64)),
                new CheckpointFile.ChainHead("00000000-0000-0000-0000-000000000001", 17, "b".repeat(64)));
        String line = CheckpointFile.line(12, Instant.parse("2026-12-02T03:00:00Z"), "c".repeat(64), heads, keys.signer());
        assertThat(line).startsWith("exitwork-audit-checkpoint/1 no=12 at=2026-12-02T03:00:00Z prev=" + "c".repeat(64)
                + " chains=installation:3:" + "a".repeat(64) + ",00000000-0000-0000-0000-000000000001:17:" + "b".repeat(64)
                + " sig=");
        CheckpointFile.Checkpoint parsed = CheckpointFile.parse(line).orElseThrow();
        assertThat(parsed.number()).isEqualTo(12);
        assertThat(parsed.heads()).isEqualTo(heads);
        assertThat(parsed.signatureVerifies(keys.verifier())).isTrue();
        assertThat(CheckpointFile.parse(line.replace(":17:", ":16:")).orElseThrow().signatureVerifies(keys.verifier()))
                .isFalse();
        assertThat(CheckpointFile.parse(line.replace("no=12", "no=13")).orElseThrow().signatureVerifies(keys.verifier()))
                .isFalse();
        assertThat(parsed.signatureVerifies(newKeys().verifier())).as("another installation's key").isFalse();
        assertThat(CheckpointFile.parse(line.substring(0, 40))).isEmpty();
    }

    @Test
    void aRestoreRecordReadsBackAndCannotBeMadeFromACheckpointOrAnotherBackupTime() {
        List<CheckpointFile.ChainHead> heads = List.of(new CheckpointFile.ChainHead("installation", 3, "a".repeat(64)));
        Instant taken = Instant.parse("2026-11-30T22:15:00.123Z");
        String line = CheckpointFile.line(13, Instant.parse("2026-12-02T03:00:00Z"), "c".repeat(64), taken, heads,
                keys.signer());
        assertThat(line).startsWith("exitwork-audit-restore/1 no=13 at=2026-12-02T03:00:00Z prev=" + "c".repeat(64)
                + " backup=2026-11-30T22:15:00.123Z chains=installation:3:" + "a".repeat(64) + " sig=");
        CheckpointFile.Checkpoint parsed = CheckpointFile.parse(line).orElseThrow();
        assertThat(parsed.isRestore()).isTrue();
        assertThat(parsed.restoredFrom()).isEqualTo(taken);
        assertThat(parsed.heads()).isEqualTo(heads);
        assertThat(parsed.signatureVerifies(keys.verifier())).isTrue();
        assertThat(CheckpointFile.parse(line.replace("backup=2026-11-30", "backup=2026-11-29")).orElseThrow()
                .signatureVerifies(keys.verifier())).isFalse();
        // a signed checkpoint cannot be turned into a restore record: the kind is signed too
        String checkpoint = CheckpointFile.line(13, Instant.parse("2026-12-02T03:00:00Z"), "c".repeat(64), heads,
                keys.signer());
        String relabelled = checkpoint.replace("exitwork-audit-checkpoint/1", "exitwork-audit-restore/1")
                .replace(" chains=", " backup=" + taken + " chains=");
        assertThat(CheckpointFile.parse(relabelled).orElseThrow().signatureVerifies(keys.verifier())).isFalse();
        assertThat(CheckpointFile.parse(line.replace(" backup=" + taken, ""))).isEmpty();
    }

    @Test
    void manyWritersAppendWholeNumberedLinkedLines() throws Exception {
        CheckpointFile file = new CheckpointFile(dir.resolve("audit-checkpoints.log"));
        // a long history first, so that the writers read only the file's end
        for (int i = 0; i < 400; i++) {
            append(file);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            done.add(pool.submit(() -> append(file)));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        List<String> lines = Files.readAllLines(file.path());
        assertThat(lines).hasSize(480);
        String previous = EntryMac.GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            CheckpointFile.Checkpoint c = CheckpointFile.parse(lines.get(i)).orElseThrow();
            assertThat(c.number()).isEqualTo(i + 1);
            assertThat(c.previousLineHash()).isEqualTo(previous);
            assertThat(c.signatureVerifies(keys.verifier())).isTrue();
            previous = CheckpointFile.hash(lines.get(i));
        }
    }

    private void append(CheckpointFile file) {
        List<CheckpointFile.ChainHead> heads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            heads.add(new CheckpointFile.ChainHead(java.util.UUID.randomUUID().toString(), i + 1, "d".repeat(64)));
        }
        file.append(tail -> CheckpointFile.line(tail.last().map(CheckpointFile.Checkpoint::number).orElse(0L) + 1,
                Instant.now(), tail.lastLineHash(), heads, keys.signer()));
    }
}
