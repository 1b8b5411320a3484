package org.exitwork.referrals.internal.inbound;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.exitwork.network.Partner;

/** Partner names for the managers' lists. */
public final class PartnerNames {

    private final Map<UUID, String> names = new HashMap<>();

    private PartnerNames(List<Partner> partners) {
        partners.forEach(p -> names.put(p.id(), p.name()));
    }

    public static PartnerNames of(List<Partner> partners) {
        return new PartnerNames(partners);
    }

    public String name(UUID partnerId) {
        return names.getOrDefault(partnerId, "?");
    }
}
