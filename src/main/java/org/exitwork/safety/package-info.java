/**
 * Safety of staff and clients (R14, R15): appointments and whereabouts, check-in and check-out,
 * escalation of a missed check-out or a call for help, the threat logbook, threat analysis and
 * shield plan, and the emergency plan of high-risk cases. Never stores a staff home address.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Safety",
        allowedDependencies = { "accounts", "audit", "cases", "cases::client-record", "cases::erasure", "keys", "keys::erasure-journal", "platform" })
package org.exitwork.safety;
