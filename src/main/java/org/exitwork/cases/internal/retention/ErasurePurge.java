package org.exitwork.cases.internal.retention;

import java.util.List;
import java.util.UUID;

import org.exitwork.cases.ErasedClientRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second half of an erasure (R20, issue 19): deleting the rows that grow with the work. The request
 * shreds the client's key, deletes the client's row with the few rows that hang on it and puts the client
 * into the purge queue ({@code cas_erasure_purge}), all in one transaction; from then on nothing of the
 * client can be read (no page or service finds the case, and what is left is ciphertext under a destroyed
 * key). This deletes what is left, in this module's tables and in those other modules hand over as
 * {@link ErasedClientRows} (staff safety's links from sessions to appointments), in batches of
 * {@link #BATCH} rows per table, each batch in a transaction
 * of its own, and removes the queue entry in the transaction whose batch finds nothing left. A crash or a
 * restart loses nothing: the entry stays queued and the next run goes on where the last one stopped.
 *
 * <p>{@link ErasurePurgeJob} runs it in the background under the cluster-wide job lock; the
 * {@code erase-expired} command and the tests drain the queue through {@link #drain()}.
 */
@Service
public class ErasurePurge {

    private static final Logger log = LoggerFactory.getLogger(ErasurePurge.class);

    /** Rows per table and batch: a batch holds its locks for a few milliseconds. */
    static final int BATCH = 500;
    /** How many queued clients one run looks at. */
    private static final int CLIENTS_PER_RUN = 100;

    private final ErasureRepository rows;
    private final TransactionTemplate tx;
    private final ObjectProvider<ErasedClientRows> otherModules;

    ErasurePurge(ErasureRepository rows, TransactionTemplate tx, ObjectProvider<ErasedClientRows> otherModules) {
        this.rows = rows;
        this.tx = tx;
        this.otherModules = otherModules;
    }

    /**
     * One run: the clients waiting longest first, each batch by batch until nothing of it is left, at most
     * {@code maxBatches} batches in all. A client whose batch fails is counted ({@code attempts}) and left
     * for the next run. Returns how many clients were finished.
     */
    public int purge(int maxBatches) {
        int finished = 0;
        int batches = 0;
        List<UUID> queue = rows.purgeQueue(CLIENTS_PER_RUN);
        for (UUID client : queue) {
            while (batches < maxBatches) {
                batches++;
                Boolean done;
                try {
                    done = tx.execute(status -> {
                        int deleted = rows.purgeBatch(client, BATCH);
                        for (ErasedClientRows module : otherModules.orderedStream().toList()) {
                            deleted += module.purge(client, BATCH);
                        }
                        if (deleted > 0) {
                            return false;
                        }
                        rows.purged(client);
                        return true;
                    });
                } catch (RuntimeException e) {
                    log.warn("Purging the rows of an erased client failed; the next run tries again.", e);
                    tx.executeWithoutResult(status -> rows.purgeFailed(client));
                    break;
                }
                if (Boolean.TRUE.equals(done)) {
                    finished++;
                    break;
                }
            }
            if (batches >= maxBatches) {
                break;
            }
        }
        if (finished > 0) {
            log.info("Purged the remaining rows of {} erased clients.", finished);
        }
        return finished;
    }

    /**
     * Until the queue is empty; returns how many clients were finished. Throws when a whole run finishes
     * none while some are waiting (a batch that fails every time), rather than trying forever.
     */
    public int drain() {
        int total = 0;
        while (true) {
            int waiting = rows.queued();
            if (waiting == 0) {
                return total;
            }
            int finished = purge(Integer.MAX_VALUE);
            if (finished == 0) {
                throw new IllegalStateException(waiting + " erased clients wait for the purge, which finished none");
            }
            total += finished;
        }
    }

    /** How many erased clients' rows are still waiting for the purge. */
    public int waiting() {
        return rows.queued();
    }
}
