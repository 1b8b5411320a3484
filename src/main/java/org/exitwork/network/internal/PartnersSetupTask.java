package org.exitwork.network.internal;

import java.util.UUID;

import org.exitwork.platform.SetupTask;
import org.springframework.stereotype.Component;

/** Set-up: the organisation has registered at least one active partner (referrals and sharing need one). */
@Component
class PartnersSetupTask implements SetupTask {

    private final PartnerRepository partners;

    PartnersSetupTask(PartnerRepository partners) {
        this.partners = partners;
    }

    @Override
    public String key() {
        return "partners";
    }

    @Override
    public String link() {
        return "/network/partners";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public boolean isDone(UUID organisation) {
        return partners.anyActive(organisation);
    }
}
