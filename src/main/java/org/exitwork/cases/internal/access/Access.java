package org.exitwork.cases.internal.access;

/** How the signed-in person stands to a case (R6). */
public enum Access {
    /** A member of the case's tandem: reads and writes. */
    TANDEM,
    /** A colleague who broke the glass with a recorded reason: reads, for a few hours. */
    BROKEN_GLASS,
    /** Everyone else: sees the pseudonym and who carries the case, nothing more. */
    NONE
}
