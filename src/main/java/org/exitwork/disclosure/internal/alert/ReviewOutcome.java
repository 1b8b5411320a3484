package org.exitwork.disclosure.internal.alert;

/** What the second staff member found when reviewing an alert that went out at once. */
public enum ReviewOutcome {
    JUSTIFIED, NOT_JUSTIFIED
}
