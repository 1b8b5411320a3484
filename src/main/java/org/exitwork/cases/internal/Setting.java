package org.exitwork.cases.internal;

/** How a session was held (R4). */
enum Setting {
    ONE_ON_ONE, TANDEM, GROUP, FAMILY_CONTEXT, ONLINE_COUNSELLING, OUTREACH
}
