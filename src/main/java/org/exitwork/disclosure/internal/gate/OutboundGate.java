package org.exitwork.disclosure.internal.gate;

import java.util.Optional;

import org.exitwork.disclosure.internal.Channel;
import org.exitwork.network.OutboundPolicy;
import org.exitwork.network.Partner;

/**
 * The outbound policy of the disclosure gate (R7-R10, R19): the one class every way out asks who it
 * may reach, before its own conditions. Pure: no Spring, no database.
 *
 * <p>Who may receive what by kind is a fact about partners and lives in {@code network}
 * ({@link OutboundPolicy}), because {@code consent} must ask it too and may not depend on this module.
 * The gate asks it for each of its ways out, naming them as the disclosure log does; each way out's
 * own conditions (consent, a named contact, content, the tandem) are its decision class:
 * {@code share.ShareDecision}, {@code conference.ConferenceDecision}, {@code alert.AlertDecision},
 * {@code client.ClientCopyDecision}. None of them can turn a refusal here into a grant.
 */
public final class OutboundGate {

    private OutboundGate() {
    }

    /** To a partner as a body: empty when the way out may reach it, else the policy's reason. */
    public static Optional<OutboundPolicy.Refusal> toPartner(Channel channel, Partner partner) {
        return OutboundPolicy.toPartner(asked(channel), partner).refusal();
    }

    /** To a contact person registered with the partner (the only recipient a danger alert may have). */
    public static Optional<OutboundPolicy.Refusal> toNamedContact(Channel channel, Partner partner) {
        return OutboundPolicy.toNamedContact(asked(channel), partner).refusal();
    }

    /** To a cross-evaluation group of the organisation: a vignette and nothing else (R16). */
    public static Optional<OutboundPolicy.Refusal> toPeerGroup(Channel channel) {
        return OutboundPolicy.toPeerGroup(asked(channel)).refusal();
    }

    /** To the client: only their own record, only as such. */
    public static Optional<OutboundPolicy.Refusal> toTheClient(Channel channel, boolean theirOwnRecord) {
        return OutboundPolicy.toTheClient(asked(channel), theirOwnRecord).refusal();
    }

    /** The policy's name for a way out: the minutes of a case conference are its {@code CASE_CONFERENCE}. */
    static OutboundPolicy.Channel asked(Channel channel) {
        return switch (channel) {
            case SHARE -> OutboundPolicy.Channel.SHARE;
            case CONFERENCE_MINUTES -> OutboundPolicy.Channel.CASE_CONFERENCE;
            case DANGER_ALERT -> OutboundPolicy.Channel.DANGER_ALERT;
            case SERVICE_REQUEST -> OutboundPolicy.Channel.SERVICE_REQUEST;
            case TO_CLIENT -> OutboundPolicy.Channel.TO_CLIENT;
            case FUNDER_REPORT -> OutboundPolicy.Channel.FUNDER_REPORT;
            case VIGNETTE_TO_PEERS -> OutboundPolicy.Channel.PEER_VIGNETTE;
        };
    }
}
