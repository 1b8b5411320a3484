package org.exitwork.cases;

import java.util.List;

/** Erasure by retention period (R20), for the scheduler and the {@code erase-expired} command. */
@org.springframework.modulith.NamedInterface("erasure")
public interface Erasure {

    /** Erases every client whose organisation's retention period has passed; returns how many. */
    int eraseExpired();

    /**
     * Everything the organisation's retention periods reach, kind by kind: clients, groups, and every
     * {@link ExpiringRecords} of the other modules (appointments). Each record in a transaction of its
     * own, locked and re-checked, so that every node may run it at once.
     */
    List<Erased> eraseEverythingExpired();

    /**
     * Deletes, batch by batch, every row that erased clients left for the purge (sessions, counts, context
     * persons: ciphertext under a destroyed key, read by nobody) until none is left; the purge job does the
     * same in the background. Returns how many clients were finished.
     */
    int purgeErased();

    /** How many records of one kind ("clients", "groups", "appointments") a run erased. */
    record Erased(String what, int count) {
    }
}
