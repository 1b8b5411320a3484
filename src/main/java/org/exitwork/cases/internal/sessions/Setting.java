package org.exitwork.cases.internal.sessions;

/**
 * How a session was held (R4). Each setting knows who usually takes part, so that the form ticks the
 * right people by default: a session with the client's context alone (R12) does not tick the client.
 */
public enum Setting {
    ONE_ON_ONE, TANDEM, GROUP, FAMILY_CONTEXT, CONTEXT_ONLY, ONLINE_COUNSELLING, OUTREACH;

    /** Whether the client usually takes part: everywhere but in a session with their context alone. */
    public boolean withClient() {
        return this != CONTEXT_ONLY;
    }

    /** Whether both of the tandem usually take part, not only the one who records. */
    public boolean withBothOfTheTandem() {
        return this == TANDEM;
    }
}
