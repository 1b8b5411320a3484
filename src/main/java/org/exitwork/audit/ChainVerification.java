package org.exitwork.audit;

import java.util.Optional;

/**
 * The result of recomputing the audit chain.
 *
 * @param entriesChecked how many entries were read
 * @param firstBadSeq the sequence number of the first entry that does not fit, if any
 * @param problem what is wrong with it
 */
public record ChainVerification(long entriesChecked, Optional<Long> firstBadSeq, String problem) {

    public static ChainVerification intact(long entries) {
        return new ChainVerification(entries, Optional.empty(), null);
    }

    public static ChainVerification broken(long entries, long seq, String problem) {
        return new ChainVerification(entries, Optional.of(seq), problem);
    }

    public boolean intact() {
        return firstBadSeq.isEmpty();
    }
}
