package org.exitwork.cases.internal.groups;

/** Where group work takes place (R13). */
enum GroupSetting {
    SCHOOL, YOUTH_WORK, PRISON, OTHER
}
