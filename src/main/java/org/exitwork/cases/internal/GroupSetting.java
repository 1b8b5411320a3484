package org.exitwork.cases.internal;

/** Where group work takes place (R13). */
enum GroupSetting {
    SCHOOL, YOUTH_WORK, PRISON, OTHER
}
