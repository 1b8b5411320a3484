package org.exitwork.programme;

/**
 * The fixed catalogue of aggregate measures a reporting agreement may name (R17). Each counts people
 * (and, for sessions, sessions) over a period. What is not here cannot be agreed: nothing about
 * referrals or who referred (R7), no ending reason (R1: an ending by the client's choice leaves no
 * mark, so endings are one count whatever their reason), nothing per practitioner.
 */
public enum Measure {
    /**
     * Clients taken on with at least one session held in the period. Not everyone taken on and not
     * ended: such a stock would be the last period's less those ended plus those taken on, so two
     * reports would show every client erased in between and any small count hidden in one of them.
     */
    CLIENTS_WORKED_WITH(true),
    /** Clients whose participation consent was recorded in the period. */
    CLIENTS_TAKEN_ON(true),
    /** Clients whose work ended in the period, for whatever reason. */
    CLIENTS_ENDED(true),
    /** Sessions held in the period, the clients they were held with, and sessions per client. */
    SESSIONS_HELD(true),
    /**
     * Per outcome of the programme: clients whose latest rating by the period's end falls in the period,
     * rated at least twice by then, and how many of them improved (first rating against that latest one).
     * Not everyone rated by the period's end: that count only grows, and two periods subtracted would show
     * the few people rated in between.
     */
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
