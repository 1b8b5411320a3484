package org.exitwork.audit;

import java.util.OptionalLong;

/**
 * Signed checkpoints of the heads of every chain, appended to a sink outside the database (the
 * checkpoint file, optionally the system log). They run by themselves every so many entries, every
 * so many minutes and at shutdown; this writes one at once.
 */
public interface AuditCheckpoints {

    /** Writes a checkpoint now; its number, or empty when nothing changed since the last one. */
    OptionalLong checkpoint();
}
