/**
 * Cases: clients known by pseudonym, the identity vault, the tandem, session notes and the
 * break-the-glass access of colleagues. Everything about a client is encrypted with the client's
 * own key; nothing here sends anything outside the organisation.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cases",
        allowedDependencies = { "accounts", "audit", "keys", "keys::erasure-journal", "platform" })
package org.exitwork.cases;
