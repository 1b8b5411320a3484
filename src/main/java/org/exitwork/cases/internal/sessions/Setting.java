package org.exitwork.cases.internal.sessions;

/** How a session was held (R4). */
public enum Setting {
    ONE_ON_ONE, TANDEM, GROUP, FAMILY_CONTEXT, ONLINE_COUNSELLING, OUTREACH
}
