package org.exitwork.cases.internal.sessions;

/** Themes that came up in a session (R4): a record of an open process, not a curriculum. */
public enum Theme {
    BIOGRAPHY, FAMILY_HISTORY, LIFE_WORLD, ANGER, SHAME_GUILT, ANXIETY, GENDER_SEXUALITY, EXTREMISM_GROUP_HATRED,
    POLITICAL_RELIGIOUS_QUESTIONS, GRIEVANCES, SOCIAL_SKILLS, PRACTICAL_NEEDS
}
