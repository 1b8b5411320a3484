package org.exitwork.programme.internal.design;

/** Which way an indicator should move for the outcome to be reached. */
public enum Direction {
    INCREASE, DECREASE, MAINTAIN
}
