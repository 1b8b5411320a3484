package org.exitwork.referrals.internal;

import java.time.LocalDate;
import java.util.Set;

import org.exitwork.cases.PhenomenonArea;

/**
 * A referral as a partner sends it (R7): what the partner chooses to share about a person. Only the
 * partner's reference is required; everything else may be empty. Lives encrypted in the inbox until
 * the matcher takes it, then encrypted with a key of the referral's own.
 *
 * @param partnerReference the partner's own reference, by which it may add information later
 */
public record InboundReferral(String partnerReference, Set<PhenomenonArea> areas, boolean contextCase,
        String fullName, LocalDate dateOfBirth, String contact, String concern) {

    public InboundReferral {
        areas = areas == null ? Set.of() : Set.copyOf(areas);
    }
}
