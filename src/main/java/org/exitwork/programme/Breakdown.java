package org.exitwork.programme;

import java.util.Map;
import java.util.Optional;

/**
 * How a measure may be broken down in a funder report. The total is always there; the only breakdown
 * is by phenomenon area (one group per client: one area, several, none recorded). Others a funder may
 * ask for are refused by name, each with its reason, so that the form can say why.
 */
public enum Breakdown {
    /** The measure as one figure; part of every agreement. */
    TOTAL,
    /** One group per client: one area, several areas, none recorded. */
    PHENOMENON_AREA;

    /** Why a breakdown that is not offered may never be agreed; the code names the text {@code funder.breakdown.refused.<code>}. */
    public enum Refused {
        /** How a person came is who referred them: a security partner would learn about its own referrals. */
        REFERRAL_SOURCE,
        /** By referring partner: the same. */
        REFERRING_PARTNER,
        /** By ending reason: an ending by the client's choice leaves no mark. */
        ENDING_REASON,
        /** By practitioner: nobody is ranked. */
        PRACTITIONER;

        /** The text that says why. */
        public String messageKey() {
            return "funder.breakdown.refused." + name();
        }
    }

    private static final Map<String, Refused> REFUSED = Map.of(
            "PATHWAY", Refused.REFERRAL_SOURCE, "REFERRAL_SOURCE", Refused.REFERRAL_SOURCE,
            "REFERRING_PARTNER", Refused.REFERRING_PARTNER, "PARTNER", Refused.REFERRING_PARTNER,
            "ENDING_REASON", Refused.ENDING_REASON, "PRACTITIONER", Refused.PRACTITIONER,
            "STAFF", Refused.PRACTITIONER);

    /** The reason a breakdown asked for by this name is refused, if it is one of those. */
    public static Optional<Refused> refused(String name) {
        return Optional.ofNullable(name == null ? null : REFUSED.get(name));
    }
}
