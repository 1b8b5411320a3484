package org.exitwork.safety.internal.clientsafety.threats;

/** What kind of threat the client met (R15). */
public enum ThreatKind {
    THREATENED, FOLLOWED, ATTACKED, EXPOSED_ONLINE, PRESSURE_ON_FAMILY, OTHER
}
