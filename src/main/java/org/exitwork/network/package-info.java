/**
 * The multi-agency network (R11): the organisation's partners, their kind, mandate, contact
 * persons and agreements. The kind decides what the disclosure gate allows (R7-R10), so it is
 * audited when it changes and a security partner stays a security partner.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Network",
        allowedDependencies = { "accounts", "audit", "keys", "platform" })
package org.exitwork.network;
