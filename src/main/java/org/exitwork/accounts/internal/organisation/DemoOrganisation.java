package org.exitwork.accounts.internal.organisation;

import org.exitwork.accounts.OrganisationContact;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Demo: the organisation says who it is, so every document that leaves names a (made-up) sender. */
@Component
@Profile(DemoContent.PROFILE)
class DemoOrganisation implements DemoContent {

    private final OrganisationContacts contacts;

    DemoOrganisation(OrganisationContacts contacts) {
        this.contacts = contacts;
    }

    @Override
    public int order() {
        return 5;
    }

    @Override
    public void fill(DemoContext demo) {
        String name = contacts.contact(demo.organisationId()).name();
        contacts.update(demo.organisationId(), null, "command line", new OrganisationContact(name,
                "Beispielstraße 12\n04109 Leipzig", "kontakt@demo-exitwork.example", "0341 555 0100",
                "datenschutz@demo-exitwork.example"));
    }
}
