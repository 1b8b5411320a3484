package org.exitwork.continuity;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Backup and restore (R20). A backup is a consistent copy of every table, in one file, without key
 * material; a restore writes it into an empty database (only when the
 * installation's audit key and checkpoint file are in place) and, before anything serves again, erases
 * again whatever the erasure journal says was erased after the backup was taken.
 */
public interface Backups {

    /** @throws Refused when the file cannot or must not be written there */
    Written backup(Path file);

    /** @throws Refused when the backup cannot or must not be restored here; nothing was changed then */
    Restored restore(Path file);

    record Written(Path file, Instant takenAt, String schemaVersion, int tables, long rows) {
    }

    /** @param restoreRecord the number of the signed restore record in the audit checkpoint file */
    record Restored(Instant takenAt, String schemaVersion, int tables, long rows, int erasuresReapplied,
            long restoreRecord) {
    }

    /** Why a backup or a restore did not happen, in words for the operator. */
    class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }

        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
