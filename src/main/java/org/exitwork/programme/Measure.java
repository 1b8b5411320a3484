package org.exitwork.programme;

/**
 * The fixed catalogue of aggregate measures a reporting agreement may name (R17). Each counts people
 * (and, for sessions, sessions) over a period. What is not here cannot be agreed: nothing about
 * referrals or who referred (R7), no ending reason (R1: an ending by the client's choice leaves no
 * mark, so endings are one count whatever their reason), nothing per practitioner.
 */
public enum Measure {
    /** Clients taken on by the period's end whose work had not ended before its start. */
    CLIENTS_WORKED_WITH(true),
    /** Clients whose participation consent was recorded in the period. */
    CLIENTS_TAKEN_ON(true),
    /** Clients whose work ended in the period, for whatever reason. */
    CLIENTS_ENDED(true),
    /** Sessions held in the period, the clients they were held with, and sessions per client. */
    SESSIONS_HELD(true),
    /** Per outcome of the programme: clients rated at least twice by the period's end, and how many of them improved. */
    OUTCOMES_IMPROVED(false);

    private final boolean byArea;

    Measure(boolean byArea) {
        this.byArea = byArea;
    }

    /** Whether the phenomenon-area breakdown applies (outcomes are reported per outcome, as totals). */
    public boolean byArea() {
        return byArea;
    }
}
