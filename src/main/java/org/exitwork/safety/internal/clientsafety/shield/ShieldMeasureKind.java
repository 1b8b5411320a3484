package org.exitwork.safety.internal.clientsafety.shield;

/** A protective measure of the shield plan. */
public enum ShieldMeasureKind {
    RELOCATION, CHANGE_OF_NAME, SECURE_PHONE, OTHER
}
