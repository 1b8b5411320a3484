package org.exitwork.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;

import org.exitwork.audit.AuditCheckpoints;
import org.exitwork.audit.internal.keys.AuditKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes signed checkpoints of the chains' heads to the checkpoint file (each line names the chains whose
 * heads moved since the lines before it named them) (and, if configured, the
 * system log): every {@code exitwork.audit.checkpoint-every-entries} entries appended on this node,
 * every {@code exitwork.audit.checkpoint-interval}, and at shutdown, when anything changed. The
 * database remembers each checkpoint's number and line hash ({@code aud_checkpoint}), so cutting
 * lines off the end of the file is seen unless the database is cut back too.
 */
@Service
public class Checkpoints implements AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
    /** The system-log copy: route this logger to a place the database's administrators cannot write. */
    private static final Logger sink = LoggerFactory.getLogger("org.exitwork.audit.checkpoint");

    private final AuditRepository repository;
    private final AuditKeys keys;
    private final Clock clock;
    private final CheckpointFile file;
    /** What the file's lines name so far; only read and changed under the file's append lock. */
    private final CheckpointFile.Covered covered = new CheckpointFile.Covered();
    private final TransactionTemplate own;
    private final long everyEntries;
    private final boolean toSystemLog;
    private final AtomicLong sinceLast = new AtomicLong();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "audit-checkpoint");
        t.setDaemon(true);
        return t;
    });

    Checkpoints(AuditRepository repository, AuditKeys keys, Clock clock, PlatformTransactionManager transactions,
            AuditSettings settings) {
        this.repository = repository;
        this.keys = keys;
        this.clock = clock;
        this.file = new CheckpointFile(settings.checkpointFile());
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.everyEntries = settings.checkpointEveryEntries();
        this.toSystemLog = settings.checkpointLog();
    }

    public CheckpointFile file() {
        return file;
    }

    /** Called by the writer after it committed entries; after every n-th, a checkpoint follows, off its thread. */
    void appended(int entries) {
        if (everyEntries <= 0 || entries <= 0 || sinceLast.addAndGet(entries) < everyEntries) {
            return;
        }
        sinceLast.set(0);
        inBackground();
    }

    private void inBackground() {
        try {
            background.execute(this::checkpointQuietly);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down: the shutdown checkpoint covers it
        }
    }

    @Scheduled(initialDelayString = "${exitwork.audit.checkpoint-interval:PT5M}",
            fixedDelayString = "${exitwork.audit.checkpoint-interval:PT5M}")
    void onSchedule() {
        checkpointQuietly();
    }

    @PreDestroy
    void atShutdown() throws InterruptedException {
        background.shutdown();
        background.awaitTermination(10, TimeUnit.SECONDS);
        checkpointQuietly();
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            log.error("Could not write an audit checkpoint to {}", file.path(), e);
        }
    }

    @Override
    public OptionalLong checkpoint() {
        List<CheckpointFile.ChainHead> heads = heads();
        if (heads.isEmpty()) {
            return OptionalLong.empty();
        }
        return write(heads, null);
    }

    /**
     * After a restore committed: the signed restore record, naming the backup's time and every chain's
     * head as restored (a chain the backup does not hold is restored empty). Written even when nothing
     * else changed, and recorded in the database like a checkpoint, so that cutting it off is seen.
     */
    public long restored(Instant backupTakenAt) {
        return write(heads(), backupTakenAt).orElseThrow();
    }

    private List<CheckpointFile.ChainHead> heads() {
        return repository.checkpointHeads();
    }

    private OptionalLong write(List<CheckpointFile.ChainHead> heads, Instant restoredFrom) {
        long[] number = new long[1];
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<String> written = file.append(covered, keys.verifier(), tail -> {
            // A checkpoint names the chains whose heads moved since the file's lines last named them (a
            // restore record names every chain): its length follows the work since the last one.
            List<CheckpointFile.ChainHead> named = restoredFrom != null ? heads : heads.stream()
                    .filter(h -> covered.of(h.chain()) == null || h.seq() > covered.of(h.chain()).seq())
                    .toList();
            if (named.isEmpty() && restoredFrom == null) {
                return null;
            }
            long inFile = tail.last().map(CheckpointFile.Checkpoint::number).orElse(0L);
            long inDatabase = repository.lastCheckpoint();
            if (inDatabase > inFile) {
                log.error("The audit checkpoint file {} ends at checkpoint {}, but checkpoint {} was written: "
                        + "the file was cut, or another node writes to a checkpoint file of its own (every node must "
                        + "use the same file, EXITWORK_AUDIT_CHECKPOINT_FILE). verify-audit reports it; the next "
                        + "checkpoint leaves the gap visible.", file.path(), inFile, inDatabase);
            }
            number[0] = Math.max(inFile, inDatabase) + 1;
            return CheckpointFile.line(number[0], at, tail.lastLineHash(), restoredFrom, named, keys.signer());
        });
        if (written.isEmpty()) {
            return OptionalLong.empty();
        }
        String line = written.get();
        own.executeWithoutResult(tx -> repository.insertCheckpoint(number[0], at, CheckpointFile.hash(line)));
        if (toSystemLog) {
            sink.info(line);
        }
        return OptionalLong.of(number[0]);
    }
}
