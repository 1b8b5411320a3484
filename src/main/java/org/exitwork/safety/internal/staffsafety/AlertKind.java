package org.exitwork.safety.internal.staffsafety;

/** Why an alert was opened: a missed check-out, or the practitioner asked for help. */
enum AlertKind {
    OVERDUE, HELP
}
