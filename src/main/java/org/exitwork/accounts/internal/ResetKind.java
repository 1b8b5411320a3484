package org.exitwork.accounts.internal;

/** What a reset request replaces: the password, or the second factor (the holder enrols anew). */
enum ResetKind {
    PASSWORD, SECOND_FACTOR
}
