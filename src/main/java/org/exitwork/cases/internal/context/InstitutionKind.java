package org.exitwork.cases.internal.context;

/** The kind of institution a client is in; the institution's name is stored encrypted. */
public enum InstitutionKind {
    PRISON, PROBATION, SCHOOL, YOUTH_WELFARE, COMMUNITY, OTHER
}
