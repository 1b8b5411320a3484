/**
 * Referrals in (R7): partners, security partners among them, refer a person and add information
 * about a person they referred, through a REST API with scoped credentials or a one-time web form.
 * Every call gets the same answer whatever the state of the person; the call only appends to an
 * inbox, and matching happens afterwards, off the request path. Nothing ever flows back.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Referrals",
        allowedDependencies = { "accounts", "audit", "cases", "cases::erasure", "keys", "keys::erasure-journal", "network", "platform" })
package org.exitwork.referrals;
