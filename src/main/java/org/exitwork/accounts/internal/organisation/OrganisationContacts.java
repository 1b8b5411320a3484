package org.exitwork.accounts.internal.organisation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.exitwork.accounts.OrganisationContact;
import org.exitwork.accounts.Organisations;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.internal.account.AccountActions;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who the organisation is and how to reach it: read by every module whose documents leave the
 * organisation, changed by its administrator and programme managers. Each change is audited with the
 * names of the parts that changed (the values are the organisation's public contact, but the audit
 * entry needs only what changed).
 */
@Service
public class OrganisationContacts implements Organisations {

    private final OrganisationRepository organisations;
    private final AuditLog audit;
    private final Clock clock;

    OrganisationContacts(OrganisationRepository organisations, AuditLog audit, Clock clock) {
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public OrganisationContact contact(UUID organisationId) {
        return organisations.contact(organisationId).orElseThrow(NotFoundException::new);
    }

    /** The contact's version, which a form shows and a save must be based on. */
    @Transactional(readOnly = true)
    public int version(UUID organisationId) {
        return organisations.version(organisationId);
    }

    /**
     * Saves the signed-in person's organisation's contact if it is still the version their form showed;
     * nothing is written or audited when nothing changed. @return false when someone saved it meanwhile
     */
    @Transactional
    public boolean update(StaffPrincipal who, int basedOn, OrganisationContact contact) {
        return update(who.organisationId(), basedOn, who.id(), who.username(), contact);
    }

    /** The same from the command line (demo data): {@code actorName} says who did it; nobody else is at it. */
    @Transactional
    public void update(UUID organisationId, UUID actorId, String actorName, OrganisationContact contact) {
        update(organisationId, organisations.version(organisationId), actorId, actorName, contact);
    }

    private boolean update(UUID organisationId, int basedOn, UUID actorId, String actorName,
            OrganisationContact contact) {
        OrganisationContact before = contact(organisationId);
        List<String> changed = changes(before, contact);
        if (changed.isEmpty()) {
            return true;
        }
        if (!organisations.save(organisationId, basedOn, contact, clock.instant())) {
            return false;
        }
        audit.record(new AuditEvent(organisationId, actorId, actorName,
                AccountActions.ORGANISATION_CONTACT_CHANGED, contact.name(),
                org.exitwork.audit.AuditDetail.of("organisation.changed", String.join(",", changed))));
        return true;
    }

    private static List<String> changes(OrganisationContact before, OrganisationContact after) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(before.name(), after.name())) {
            changed.add("NAME");
        }
        if (!Objects.equals(before.address(), after.address())) {
            changed.add("ADDRESS");
        }
        if (!Objects.equals(before.email(), after.email())) {
            changed.add("EMAIL");
        }
        if (!Objects.equals(before.telephone(), after.telephone())) {
            changed.add("TELEPHONE");
        }
        if (!Objects.equals(before.dataProtection(), after.dataProtection())) {
            changed.add("DATA_PROTECTION");
        }
        return changed;
    }
}
