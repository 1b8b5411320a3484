package org.exitwork.cases.internal.agreement;

/** How the client agreed to a version of the work agreement (R3). */
enum AgreedHow {
    SIGNED_ON_PAPER,
    ORALLY,
    /** Described in the note (for instance by message, through an interpreter). */
    OTHER
}
