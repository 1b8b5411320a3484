package org.exitwork.network;

import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.modulith.NamedInterface;

/**
 * For benchmarks and tests only: registering a partner through the real service, as a manager does
 * at {@code /network/partners}. A bean only where {@code exitwork.bench.enabled=true}; no module may
 * use it: it lives in the test sources, so it never ships.
 */
@NamedInterface("test-support")
public interface PartnersForBenchmarks {

    /** An active partner with an informal agreement, its mandate "Refers people". */
    UUID register(StaffPrincipal manager, String name, PartnerKind kind);
}
