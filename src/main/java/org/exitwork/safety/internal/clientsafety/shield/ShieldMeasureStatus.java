package org.exitwork.safety.internal.clientsafety.shield;

/** Where a protective measure stands. */
public enum ShieldMeasureStatus {
    PLANNED, IN_PROGRESS, DONE, DROPPED
}
