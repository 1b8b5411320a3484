package org.exitwork.disclosure.internal.alert;

/** The identity fields an alert may disclose, each chosen on its own; none by default (R8: minimal). */
public enum IdentityField {
    FULL_NAME, DATE_OF_BIRTH, CONTACT, ALIASES
}
