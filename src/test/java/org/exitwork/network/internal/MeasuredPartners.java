package org.exitwork.network.internal;

import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.network.PartnerKind;
import org.exitwork.network.PartnersForBenchmarks;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@link PartnersForBenchmarks} on the real {@link PartnerRegistry}. */
@Component
@ConditionalOnProperty(name = "exitwork.bench.enabled", havingValue = "true")
class MeasuredPartners implements PartnersForBenchmarks {

    private final PartnerRegistry registry;

    MeasuredPartners(PartnerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public UUID register(StaffPrincipal manager, String name, PartnerKind kind) {
        return registry.create(manager, new PartnerRegistry.Draft(name, kind, "Refers people", Agreement.INFORMAL,
                null, null, null, List.of()));
    }
}
