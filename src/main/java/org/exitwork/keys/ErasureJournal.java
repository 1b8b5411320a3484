package org.exitwork.keys;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The erasure journal (R20): one line per erasure, the random id of what was erased (a client, a
 * referral, anything kept under a key of its own) and the time, nothing else. It lives outside the
 * database and outside every backup of it, so that a restore can erase again what was erased after
 * the backup was taken. Every shredded key is recorded by {@link ClientKeys#shred}; a module that
 * erases something without a key of its own records it here itself.
 */
@org.springframework.modulith.NamedInterface("erasure-journal")
public interface ErasureJournal {

    /**
     * Records an erasure of the current transaction: written and forced to disk just before the
     * transaction commits (so an erasure that commits is never missing), and marked as rolled back if
     * the transaction then rolls back. Without a transaction, written at once.
     */
    void recordErasure(UUID id);

    /** Reads the whole journal; rolled-back erasures are left out. */
    Contents read();

    /** One erasure that committed (or whose transaction's end is unknown: it counts as erased). */
    record Entry(Instant at, UUID id) {
    }

    /** Which installation the journal belongs to, since when it records, and what it recorded. */
    record Contents(UUID installation, Instant started, List<Entry> erasures) {

        /** The ids erased at or after {@code since}, each once, in the order they were erased. */
        public List<UUID> erasedSince(Instant since) {
            return erasures.stream().filter(e -> !e.at().isBefore(since)).map(Entry::id).distinct().toList();
        }
    }
}
