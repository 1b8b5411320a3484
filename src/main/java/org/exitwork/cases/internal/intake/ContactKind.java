package org.exitwork.cases.internal.intake;

/** What happened when we reached out to a prospect. Motivational work is allowed; incentives are not (R1). */
public enum ContactKind {
    ATTEMPT, MOTIVATIONAL_CONVERSATION, INFORMATION_TALK
}
