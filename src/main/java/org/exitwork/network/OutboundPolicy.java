package org.exitwork.network;

import java.util.Optional;

/**
 * What may leave the organisation for whom (R7-R10, R16, R17, R19): the one answer every way out
 * asks before anything is written or sent. Pure: it looks only at the channel and the recipient's
 * kind, whether the partner is active, whether a named contact person is addressed and, for the
 * client, whether it is their own record. Consent, dates and content are the gate's further checks;
 * none of them can turn a refusal here into a grant.
 *
 * <p>It lives in {@code network} because the recipients' kinds do, and because every module that
 * sends must reach it without a cycle: {@code consent} and {@code disclosure} depend on
 * {@code network} already, and service requests (R11) ask it for a partner's kind like every other way out.
 */
public final class OutboundPolicy {

    /** The ways out, whether built yet or not. */
    public enum Channel {
        /** Data the client consented to, for one partner and purpose (R9). */
        SHARE,
        /** Taking part in a case conference and receiving its minutes (R10). */
        CASE_CONFERENCE,
        /** A request for a practical service for the client (R11). */
        SERVICE_REQUEST,
        /** Danger in default: the one way to a security partner (R8). */
        DANGER_ALERT,
        /** Aggregate figures agreed with a funder (R17); not built yet. */
        FUNDER_REPORT,
        /** A released, anonymised case vignette for a cross-evaluation group (R16); to the group only. */
        PEER_VIGNETTE,
        /** The client's own record: their report, export, work agreement (R19). */
        TO_CLIENT
    }

    /** Why something may not go out; each has its text {@code outbound.refusal.<NAME>}. */
    public enum Refusal {
        /** A security partner gets nothing but a danger alert (R7). */
        ONE_WAY_STREET,
        /** A funder gets aggregate reports only (R17). */
        FUNDERS_SEE_AGGREGATES_ONLY,
        /** A peer organisation, and a cross-evaluation group, get released vignettes only (R16). */
        PEERS_SEE_VIGNETTES_ONLY,
        /** Shares, case conferences and service requests go to social services only (R9-R11). */
        NOT_A_SOCIAL_SERVICE,
        /** A danger alert goes to a security partner only (R8). */
        NOT_A_SECURITY_PARTNER,
        /** A danger alert goes to a named contact person, never to the body as such (R8). */
        NO_NAMED_CONTACT,
        /** Aggregate reports are for funders. */
        NOT_A_FUNDER,
        /** A vignette goes to a cross-evaluation group only, never to a partner as such (R16). */
        VIGNETTES_TO_PEER_GROUPS_ONLY,
        /** The client's own record goes to the client, never to a partner (R19). */
        ONLY_FOR_THE_CLIENT,
        /** The client gets their own record, and nothing else by any other way (R19). */
        NOT_THEIR_OWN_RECORD,
        /** A deactivated partner receives nothing. */
        INACTIVE_PARTNER
    }

    /** The answer: allowed, or refused with its reason. */
    public record Decision(Optional<Refusal> refusal) {

        static final Decision ALLOWED = new Decision(Optional.empty());

        static Decision refused(Refusal why) {
            return new Decision(Optional.of(why));
        }

        public boolean allowed() {
            return refusal.isEmpty();
        }

        public boolean refused() {
            return refusal.isPresent();
        }
    }

    private OutboundPolicy() {
    }

    /** To a partner as a body (an organisation, not a named person in it). */
    public static Decision toPartner(Channel channel, PartnerKind kind, boolean active) {
        return decide(channel, kind, active, false);
    }

    public static Decision toPartner(Channel channel, Partner partner) {
        return toPartner(channel, partner.kind(), partner.active());
    }

    /** To a contact person registered with the partner (the only recipient a danger alert may have). */
    public static Decision toNamedContact(Channel channel, PartnerKind kind, boolean active) {
        return decide(channel, kind, active, true);
    }

    public static Decision toNamedContact(Channel channel, Partner partner) {
        return toNamedContact(channel, partner.kind(), partner.active());
    }

    /**
     * To a cross-evaluation group of the organisation (R16): its members, own staff and invited peers,
     * read it in the group. The one recipient of a vignette, and of nothing else.
     */
    public static Decision toPeerGroup(Channel channel) {
        return channel == Channel.PEER_VIGNETTE ? Decision.ALLOWED : Decision.refused(Refusal.PEERS_SEE_VIGNETTES_ONLY);
    }

    /** To the client: only their own record, only as such. */
    public static Decision toTheClient(Channel channel, boolean theirOwnRecord) {
        return channel == Channel.TO_CLIENT && theirOwnRecord ? Decision.ALLOWED
                : Decision.refused(Refusal.NOT_THEIR_OWN_RECORD);
    }

    private static Decision decide(Channel channel, PartnerKind kind, boolean active, boolean namedContact) {
        Refusal byKind = byKind(channel, kind, namedContact);
        if (byKind != null) {
            return Decision.refused(byKind);
        }
        return active ? Decision.ALLOWED : Decision.refused(Refusal.INACTIVE_PARTNER);
    }

    /** The kind decides first; who the kind excludes stays excluded, active or not. */
    private static Refusal byKind(Channel channel, PartnerKind kind, boolean namedContact) {
        if (channel == Channel.TO_CLIENT) {
            return Refusal.ONLY_FOR_THE_CLIENT;
        }
        return switch (kind.group()) {
            case SECURITY -> channel != Channel.DANGER_ALERT ? Refusal.ONE_WAY_STREET
                    : namedContact ? null : Refusal.NO_NAMED_CONTACT;
            case FUNDER -> channel == Channel.FUNDER_REPORT ? null : Refusal.FUNDERS_SEE_AGGREGATES_ONLY;
            case PEER -> channel == Channel.PEER_VIGNETTE ? Refusal.VIGNETTES_TO_PEER_GROUPS_ONLY
                    : Refusal.PEERS_SEE_VIGNETTES_ONLY;
            case SOCIAL_SERVICE, COMMUNITY -> switch (channel) {
                case SHARE, CASE_CONFERENCE, SERVICE_REQUEST ->
                        kind.group() == PartnerKind.Group.SOCIAL_SERVICE ? null : Refusal.NOT_A_SOCIAL_SERVICE;
                case DANGER_ALERT -> Refusal.NOT_A_SECURITY_PARTNER;
                case FUNDER_REPORT -> Refusal.NOT_A_FUNDER;
                case PEER_VIGNETTE -> Refusal.VIGNETTES_TO_PEER_GROUPS_ONLY;
                case TO_CLIENT -> Refusal.ONLY_FOR_THE_CLIENT;
            };
        };
    }
}
