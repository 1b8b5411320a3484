package org.exitwork.cases;

/** Erasure by retention period (R20), for the scheduler and the {@code erase-expired} command. */
public interface Erasure {

    /** Erases every client whose organisation's retention period has passed; returns how many. */
    int eraseExpired();
}
