package org.exitwork.audit;

/**
 * Checks every entry of every chain with the audit key, the earlier SHA-256 chain with its own
 * algorithm, and every checkpoint against the file and the database.
 */
public interface AuditVerifier {

    ChainVerification verify();

    /** The same, telling {@code progress} how many entries it has read so far, every few thousand and at the end. */
    ChainVerification verify(java.util.function.LongConsumer progress);
}
