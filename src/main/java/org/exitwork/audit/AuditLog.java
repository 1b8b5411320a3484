package org.exitwork.audit;

import java.util.List;
import java.util.UUID;

/** The only way into the audit log. Appends join the caller's transaction. */
public interface AuditLog {

    void record(AuditEvent event);

    /** Appends in a transaction of its own, kept even if the caller's work is rolled back. */
    void recordIndependently(AuditEvent event);

    /** The newest entries of one organisation, newest first. */
    List<AuditEntry> recent(UUID organisationId, int limit);

    /**
     * A page of the organisation's log, newest first, read by its keys (no scan of the whole log):
     * entries numbered below {@code before} in its own chain, or, with {@code legacyFrom}, its entries of
     * the earlier chain from the one at that position on (newest first); neither given, the newest.
     */
    AuditPage page(UUID organisationId, Long before, Long legacyFrom, int limit);

    /** Every entry about one subject (for example a client's pseudonym) in one organisation, oldest first. */
    List<AuditEntry> about(UUID organisationId, String subject);

    /** Whether any entry names this subject; the chain outlives erased clients, so their pseudonyms stay taken. */
    boolean mentions(UUID organisationId, String subject);
}
