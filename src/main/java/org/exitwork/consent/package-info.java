/**
 * Consents to share (R9): per client, which partner, which purpose, which kinds of data, from and
 * until when, how the client was informed; revocable at any time. A consent names only a partner
 * the {@link org.exitwork.network.OutboundPolicy} lets receive a share or take part in a case
 * conference (an active social service, never a security partner, funder or peer organisation), and
 * is never a condition of the work. The disclosure gate checks consents; this module
 * never decides a disclosure by itself. (Consent to participate lives with the case, see cases.)
 */
@org.springframework.modulith.ApplicationModule(displayName = "Consent",
        allowedDependencies = { "accounts", "audit", "cases", "cases::client-record", "cases::erasure", "keys", "network", "platform" })
package org.exitwork.consent;
