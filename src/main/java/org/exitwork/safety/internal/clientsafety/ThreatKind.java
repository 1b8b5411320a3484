package org.exitwork.safety.internal.clientsafety;

/** What kind of threat the client met (R15). */
enum ThreatKind {
    THREATENED, FOLLOWED, ATTACKED, EXPOSED_ONLINE, PRESSURE_ON_FAMILY, OTHER
}
