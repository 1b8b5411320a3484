package org.exitwork.disclosure.internal;

/**
 * How the disclosure log records a way out; stored by name in dis_disclosure.channel and named in
 * audit entries, so the names stay. Whether a way out may reach a recipient is the answer of
 * {@link org.exitwork.disclosure.internal.gate.OutboundGate}, which asks
 * {@link org.exitwork.network.OutboundPolicy}, whose {@code Channel} names every way out, built or not
 * ({@code CONFERENCE_MINUTES} here is its {@code CASE_CONFERENCE}).
 */
public enum Channel {
    /** A share with a social service under the client's consent (R9). */
    SHARE,
    /** Minutes of a case conference, for the participants the client consented to (R10). */
    CONFERENCE_MINUTES,
    /** Danger in default: an alert to a named contact of a security partner (R8). The one way to security. */
    DANGER_ALERT,
    /** A request to a social service for a practical service for the client, under their consent (R11). */
    SERVICE_REQUEST,
    /** To the client: their own report, their export, their work agreement (R19). */
    TO_CLIENT,
    /** Aggregate figures to a funder under a reporting agreement (R17); never about one client. */
    FUNDER_REPORT,
    /** An anonymised case vignette, released to one cross-evaluation group of the organisation (R16). */
    VIGNETTE_TO_PEERS
}
