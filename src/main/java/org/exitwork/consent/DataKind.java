package org.exitwork.consent;

/**
 * The kinds of data a client may consent to share with a partner (R9). A share may contain only
 * kinds that a valid consent names; anything not listed here is never shared.
 */
public enum DataKind {
    CONTACT_DETAILS, CURRENT_NEEDS, WORK_AGREEMENT_GOALS, PROGRESS, ATTENDANCE, HOUSING, EDUCATION_AND_WORK,
    FAMILY_SITUATION
}
