package org.exitwork.accounts;

import java.util.UUID;

/** The organisation as other modules may see it: who it is and how to reach it, for the documents that leave. */
public interface Organisations {

    /** The organisation's name and contact as last saved; an unknown id throws {@code NotFoundException}. */
    OrganisationContact contact(UUID organisationId);
}
