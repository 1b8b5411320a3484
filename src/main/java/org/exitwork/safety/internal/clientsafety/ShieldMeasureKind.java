package org.exitwork.safety.internal.clientsafety;

/** A protective measure of the shield plan. */
enum ShieldMeasureKind {
    RELOCATION, CHANGE_OF_NAME, SECURE_PHONE, OTHER
}
