package org.exitwork.cases.internal.assessment;

/**
 * The NGO's own judgement of danger to self or to others (R5). Deliberately coarse: it frames a
 * conversation in the tandem, it is not a risk score, and it is never shared.
 */
enum DangerLevel {
    NONE_SEEN,
    LOW,
    RAISED,
    HIGH
}
