package org.exitwork.audit;

/**
 * Checks every entry of every chain with the audit key, the earlier SHA-256 chain with its own
 * algorithm, and every checkpoint against the file and the database; or, from the last signed
 * checkpoint, every checkpoint and only the entries written after it.
 */
public interface AuditVerifier {

    /** How much of the chains is read. */
    enum Extent {
        /**
         * Every checkpoint's signature and link, then each chain from the head the newest signed checkpoint
         * saw on (that entry's tag must be the one the checkpoint signed): entries before it are vouched for
         * by the checkpoint, not read again.
         */
        FROM_CHECKPOINT,
        /** Every entry of every chain, the earlier chain included, from its first entry. */
        FULL
    }

    /** Told how far a verification got; called on the verifying thread. */
    interface Progress {

        /** How many entries the verification is going to read, once it knows (before the first is read). */
        default void expecting(long entries) {
        }

        /** How many entries have been read so far: every few thousand and at the end. */
        void checked(long entries);
    }

    /** A full run. */
    default ChainVerification verify() {
        return verify(Extent.FULL, checked -> { });
    }

    /** A full run, telling {@code progress} how many entries it has read so far, every few thousand and at the end. */
    default ChainVerification verify(java.util.function.LongConsumer progress) {
        return verify(Extent.FULL, progress::accept);
    }

    ChainVerification verify(Extent extent, Progress progress);
}
