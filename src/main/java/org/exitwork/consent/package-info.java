/**
 * Consents to share (R9): per client, which partner, which purpose, which kinds of data, from and
 * until when, how the client was informed; revocable at any time. A consent never names a security
 * partner and is never a condition of the work. The disclosure gate checks consents; this module
 * never decides a disclosure by itself. (Consent to participate lives with the case, see cases.)
 */
@org.springframework.modulith.ApplicationModule(displayName = "Consent")
package org.exitwork.consent;
