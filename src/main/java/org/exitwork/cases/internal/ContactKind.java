package org.exitwork.cases.internal;

/** What happened when we reached out to a prospect. Motivational work is allowed; incentives are not (R1). */
enum ContactKind {
    ATTEMPT, MOTIVATIONAL_CONVERSATION, INFORMATION_TALK
}
