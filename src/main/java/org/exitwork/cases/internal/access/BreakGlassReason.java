package org.exitwork.cases.internal.access;

/** Why a colleague outside the tandem needs to read a case (R6). */
public enum BreakGlassReason {
    SUPERVISION, EMERGENCY, ABSENCE
}
