package org.exitwork.audit.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.exitwork.audit.internal.keys.AuditKeyFile;
import org.exitwork.audit.internal.keys.AuditKeys;
import org.exitwork.audit.internal.verification.FastEntryCheck;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The two halves of a full verification run, each alone, for the verification benchmark: how fast the
 * log can be read (the verification's own query, range by range, on one thread, nothing checked), and how
 * fast its entries can be tagged again (the verification's own {@link FastEntryCheck} on every processor,
 * over ranges already in memory, nothing read). Neither half can be faster inside the verification than
 * alone, so together they bound what a full run can reach on a machine.
 */
public final class AuditVerificationParts {

    private AuditVerificationParts() {
    }

    /** Reads every entry of the chain as the verification does, in one read-only transaction; answers how many. */
    public static long readOnly(ApplicationContext context, String chain) {
        AuditRepository repository = context.getBean(AuditRepository.class);
        TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        tx.setReadOnly(true);
        return tx.execute(status -> {
            long last = repository.lastStoredSeq(chain);
            EntryBatch batch = new EntryBatch();
            long read = 0;
            for (long from = 1; from <= last; from += EntryBatch.ROWS) {
                read += repository.readRange(chain, from, batch);
            }
            return read;
        });
    }

    /** The chain's first {@code ranges} ranges, read once, to be hashed again and again. */
    public static List<EntryBatch> ranges(ApplicationContext context, String chain, int ranges) {
        AuditRepository repository = context.getBean(AuditRepository.class);
        TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        tx.setReadOnly(true);
        return tx.execute(status -> {
            List<EntryBatch> batches = new ArrayList<>();
            for (int k = 0; k < ranges; k++) {
                EntryBatch batch = new EntryBatch();
                repository.readRange(chain, 1 + (long) k * EntryBatch.ROWS, batch);
                batch.before = k == 0 ? EntryMac.GENESIS : batches.get(k - 1).tag[EntryBatch.ROWS - 1];
                batches.add(batch);
            }
            return batches;
        });
    }

    /**
     * Checks the ranges' entries {@code rounds} times over on {@code threads} threads, each thread a range at a
     * time with its own {@link FastEntryCheck}, as the verification's hashers do; answers how many entries were
     * checked, and fails when one did not verify (the ranges are an intact log).
     */
    public static long hashOnly(Path auditKeyFile, String chain, List<EntryBatch> ranges, int rounds, int threads)
            throws Exception {
        AuditKeys keys = AuditKeyFile.load(auditKeyFile);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    FastEntryCheck check = new FastEntryCheck(keys, chain);
                    long checked = 0;
                    for (int round = 0; round < rounds; round++) {
                        for (int k = first; k < ranges.size(); k += threads) {
                            EntryBatch batch = ranges.get(k);
                            check.check(batch, 0, batch.size);
                            for (int i = 0; i < batch.size; i++) {
                                if (!batch.fast[i]) {
                                    throw new IllegalStateException("entry " + batch.seq[i] + " did not verify");
                                }
                            }
                            checked += batch.size;
                        }
                    }
                    return checked;
                }));
            }
            long checked = 0;
            for (Future<Long> part : parts) {
                checked += part.get();
            }
            return checked;
        } finally {
            pool.shutdownNow();
        }
    }
}
