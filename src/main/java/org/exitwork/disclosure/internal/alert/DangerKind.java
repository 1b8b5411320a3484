package org.exitwork.disclosure.internal.alert;

/** What kind of imminent danger an alert is about (R8). */
enum DangerKind {
    VIOLENCE_AGAINST_OTHERS, TERRORISM, DANGER_TO_SELF, OTHER
}
