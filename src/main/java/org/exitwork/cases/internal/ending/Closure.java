package org.exitwork.cases.internal.ending;

/** How a case ended (R1, R20). Neither is a mark against the client. */
enum Closure {
    /** The work reached its goals; aftercare and follow-ups are planned. */
    COMPLETED,
    /** The client ended it. No reason is asked and none is recorded; it is never reported to a partner. */
    CLIENTS_CHOICE
}
