package org.exitwork.cases;

/** How a person came to the programme. */
public enum Pathway {
    SELF_REFERRAL, FAMILY, SCHOOL, PRISON, YOUTH_SERVICE, PARTNER_REFERRAL, OTHER
}
