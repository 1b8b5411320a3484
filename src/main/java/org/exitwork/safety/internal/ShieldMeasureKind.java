package org.exitwork.safety.internal;

/** A protective measure of the shield plan. */
enum ShieldMeasureKind {
    RELOCATION, CHANGE_OF_NAME, SECURE_PHONE, OTHER
}
