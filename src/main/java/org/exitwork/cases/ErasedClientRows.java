package org.exitwork.cases;

import java.util.UUID;

/**
 * Rows about an erased client that no reader reaches any more once the client's row is gone (they are
 * found only through the client's sessions or pages), which a module leaves to the purge job of the
 * cases module instead of deleting them in the erasure's request: rows that grow with the work, so that
 * the request takes the same time for a short record and a long one (R20, issue 19). The purge calls every
 * bean of this type in each of its batches, in the batch's transaction, until all of them and the cases
 * module's own tables report nothing left.
 */
@org.springframework.modulith.NamedInterface("erasure")
public interface ErasedClientRows {

    /**
     * Deletes at most {@code limit} of the erased client's rows, in the caller's transaction; returns how
     * many went, 0 when none is left. Idempotent: called again after a crash, it finds fewer or none.
     */
    int purge(UUID clientId, int limit);
}
