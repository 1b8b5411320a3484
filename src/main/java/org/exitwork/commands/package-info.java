/**
 * Commands: what the jar does besides serving (verify-audit, demo-data, rotate-keys, erase-expired,
 * backup, restore). Uses only
 * the public API of the other modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Commands",
        allowedDependencies = { "accounts", "audit", "cases", "cases::erasure", "continuity", "keys", "platform" })
package org.exitwork.commands;
