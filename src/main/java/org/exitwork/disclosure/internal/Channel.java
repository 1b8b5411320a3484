package org.exitwork.disclosure.internal;

/** The ways out of the organisation (ARCHITECTURE: outbound policy). Stored by name in dis_disclosure.channel. */
public enum Channel {
    /** A share with a social-service or community partner under the client's consent (R9). */
    SHARE,
    /** Minutes of a case conference, for the participants the client consented to (R10). */
    CONFERENCE_MINUTES,
    /** Danger in default: an alert to a named contact of a security partner (R8). The one way to security. */
    DANGER_ALERT,
    /** To the client: their own report, their export, their work agreement (R19). */
    TO_CLIENT
}
