package org.exitwork.programme.internal.design;

/** How often an indicator is measured. */
public enum Frequency {
    EVERY_SESSION, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY, START_AND_END
}
