/**
 * Care for the team and quality of the work: supervision and intervision, yearly well-being
 * check-ups (done or not, never health data), training records and the induction path; and quality
 * among peers: cross-evaluation groups of own staff and invited peers of other organisations.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Care for the team",
        allowedDependencies = { "accounts", "audit", "keys", "platform" })
package org.exitwork.quality;
