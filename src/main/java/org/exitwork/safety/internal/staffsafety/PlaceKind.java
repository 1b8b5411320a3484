package org.exitwork.safety.internal.staffsafety;

/** The kind of place of an appointment: the only thing colleagues see of where it is (R14). */
public enum PlaceKind {
    OFFICE, INSTITUTION, PUBLIC_PLACE, HOME_VISIT, OTHER
}
