package org.exitwork.cases.internal.access;

/** Where a person stands in the work (R1). */
public enum Stage {
    /** Referred or interested; has not (yet) agreed to take part. Minimal data only. */
    PROSPECT,
    /** Has given recorded consent to participate. */
    CLIENT,
    /** The case was closed: completed with aftercare, or ended by the client's choice. */
    CLOSED
}
