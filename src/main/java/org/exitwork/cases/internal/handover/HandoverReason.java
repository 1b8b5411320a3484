package org.exitwork.cases.internal.handover;

/** Why a practitioner joins or leaves a tandem (R2); the words are {@code handover.reason.<NAME>}. */
public enum HandoverReason {
    LEAVING,
    ABSENCE,
    CONFLICT,
    CLIENTS_WISH,
    OTHER
}
