package org.exitwork.accounts.internal.organisation;

import java.util.UUID;

import org.exitwork.accounts.OrganisationContact;
import org.exitwork.platform.SetupTask;
import org.springframework.stereotype.Component;

/** "Say who you are": done once the organisation's postal address and e-mail are saved, so documents can name the sender. */
@Component
class OrganisationSetupTask implements SetupTask {

    private final OrganisationRepository organisations;

    OrganisationSetupTask(OrganisationRepository organisations) {
        this.organisations = organisations;
    }

    @Override
    public String key() {
        return "organisation";
    }

    @Override
    public String link() {
        return "/organisation";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public boolean isDone(UUID organisation) {
        return organisations.contact(organisation).map(OrganisationContact::hasAddressAndEmail).orElse(false);
    }
}
