package org.exitwork.keys;

import java.util.UUID;

/**
 * Implemented by every module that erases something (clients, groups, referrals, appointments): after
 * a restore, each erasure the journal recorded since the backup was taken is applied again through the
 * module's own erasure, inside the restore's transaction.
 */
@org.springframework.modulith.NamedInterface("erasure-journal")
public interface ErasureReplay {

    /**
     * Erases what this module keeps under {@code id}, the way the module erases it, if it is there.
     *
     * @return true if something was found and erased
     */
    boolean eraseAgain(UUID id);

    /**
     * Once, after the restore's transaction committed: whatever the module's erasures leave for later is
     * done now (the cases module purges the rows its erasures queued, those of the backup's time included),
     * so that the restored database holds no row of anyone erased before it serves.
     */
    default void afterReplay() {
    }
}
