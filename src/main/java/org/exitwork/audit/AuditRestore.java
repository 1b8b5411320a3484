package org.exitwork.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the audit log needs from a restore. Before anything is written, the backup's entries must
 * verify with the audit key here and the checkpoint file here must hold the checkpoints the backup
 * recorded (it is the installation's, copied with the key). After the restore committed, a signed
 * restore record names the restored head of every chain, so that {@code verify-audit} tells a
 * restore from a tail cut off by an attacker.
 */
public interface AuditRestore {

    /** The tables whose backed-up rows a {@link Check} must see. */
    Set<String> tables();

    /** A new check; feed it every backed-up row of {@link #tables()}, then ask {@link Check#refusal()}. */
    Check check();

    /** After the restore committed: appends the signed restore record; its number in the checkpoint file. */
    long restored(Instant backupTakenAt);

    interface Check {

        /** @param row one row of one of {@link #tables()}, column name to value */
        void row(String table, Map<String, Object> row);

        /** Why restoring here would leave an audit log that cannot be verified, for the operator; empty if none. */
        Optional<String> refusal();
    }
}
