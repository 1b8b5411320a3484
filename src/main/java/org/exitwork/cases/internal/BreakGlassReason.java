package org.exitwork.cases.internal;

/** Why a colleague outside the tandem needs to read a case (R6). */
enum BreakGlassReason {
    SUPERVISION, EMERGENCY, ABSENCE
}
