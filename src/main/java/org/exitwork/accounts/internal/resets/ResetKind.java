package org.exitwork.accounts.internal.resets;

/** What a reset request replaces: the password, or the second factor (the holder enrols anew). */
public enum ResetKind {
    PASSWORD, SECOND_FACTOR
}
