package org.exitwork.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Master-key versions: a new version becomes primary on a schedule (or at once), every data key is
 * re-wrapped under it in batches, and a version that nothing needs any more is destroyed once the
 * erasure horizon has passed since it was retired. One node at a time (a cluster-wide lock).
 */
public interface KeyRotation {

    /**
     * What one run did.
     *
     * @param rotated whether a new master-key version became primary
     * @param primaryVersion the primary version's key id afterwards
     * @param clientKeys client keys re-wrapped in this run
     * @param systemKeys system keys re-wrapped in this run
     * @param destroyedVersions versions removed from the key file in this run
     */
    record Result(boolean rotated, String primaryVersion, int clientKeys, int systemKeys,
            List<String> destroyedVersions) {
    }

    /**
     * A master-key version as the version file next to the key file records it (no key material).
     *
     * @param retired when the last data key wrapped by it was re-wrapped, {@code null} while in use
     * @param destroyed when it was removed from the key file, {@code null} while it exists
     */
    record Version(String id, Instant created, Instant retired, Instant destroyed, boolean primary) {
    }

    /** Published after a run that made a version primary or re-wrapped keys; the audit log records it. */
    record Rotated(String primaryVersion, boolean newVersion, int clientKeys, int systemKeys) {
    }

    /** Published after a version was removed from the key file; the audit log records it. */
    record VersionDestroyed(String version, Instant created, Instant retired) {
    }

    /** Another node (or command) is rotating right now. */
    class Busy extends RuntimeException {
        public Busy() {
            super("another node is rotating the master key");
        }
    }

    /**
     * Rotates at once ({@code rotate-keys}): a new primary version, every data key re-wrapped under
     * it, and every version past the erasure horizon destroyed.
     *
     * @param progress receives lines like "re-wrapped 40,000 of 100,000 client keys"
     * @throws Busy when another node holds the rotation lock
     */
    Result rotateMasterKey(Consumer<String> progress);

    default Result rotateMasterKey() {
        return rotateMasterKey(line -> { });
    }

    /**
     * What the schedule does: rotates if the primary is older than the rotation interval, finishes
     * an interrupted re-wrap, destroys versions past the horizon. Empty when another node is at it.
     */
    Optional<Result> maintain(Consumer<String> progress);

    /** Every version the version file knows, oldest first. */
    List<Version> versions();
}
