package org.exitwork.network.internal;

import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.network.PartnerKind;
import org.springframework.context.ApplicationContext;

/**
 * Benchmark harness only: registers a partner through the network module's real service
 * ({@link PartnerRegistry#create}), as a manager does at /network/partners.
 */
public final class BenchPartners {

    private BenchPartners() {
    }

    public static UUID register(ApplicationContext context, StaffPrincipal manager, String name, PartnerKind kind) {
        return context.getBean(PartnerRegistry.class).create(manager, new PartnerRegistry.Draft(name, kind,
                "Refers people", Agreement.INFORMAL, null, null, null, List.of()));
    }
}
