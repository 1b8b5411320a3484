/**
 * Programmes: what the organisation sets out to do (target groups, goal, a theory of change with
 * outcomes and indicators), the outcomes rated with each client, and the organisation's own figures.
 * Figures are counts over groups of cases, counted by SQL; none names or leads to a person.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Programme",
        allowedDependencies = { "accounts", "audit", "cases", "cases::erasure", "keys", "network", "platform" })
package org.exitwork.programme;
