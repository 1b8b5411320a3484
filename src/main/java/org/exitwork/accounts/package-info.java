/**
 * Accounts: organisations, staff accounts and roles, sign-in with password and a mandatory second
 * factor, first-run set-up. Never reads case content.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts",
        allowedDependencies = { "audit", "keys", "platform" })
package org.exitwork.accounts;
