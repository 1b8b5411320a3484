package org.exitwork.safety.internal.clientsafety;

/** Where a protective measure stands. */
enum ShieldMeasureStatus {
    PLANNED, IN_PROGRESS, DONE, DROPPED
}
