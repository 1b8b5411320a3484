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
}
