package org.exitwork.accounts.internal.profiles;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.StaffProfile;
import org.exitwork.accounts.internal.account.AccountActions;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff profiles (R2): each staff member keeps their own; the cases module reads them only to say
 * how a tandem differs. The free texts are encrypted with the system key, since social background
 * can reveal ethnic origin.
 */
@Service
public class StaffProfiles {

    private final StaffProfileRepository profiles;
    private final AuditLog audit;
    private final Clock clock;

    StaffProfiles(StaffProfileRepository profiles, AuditLog audit, Clock clock) {
        this.profiles = profiles;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public StaffProfile own(StaffPrincipal who) {
        return profiles(who.organisationId(), List.of(who.id())).getOrDefault(who.id(), StaffProfile.empty(who.id()));
    }

    /** Changes the signed-in person's own profile; nobody edits another's. Audited without any value. */
    @Transactional
    public void update(StaffPrincipal who, StaffProfile profile) {
        profiles.save(who.id(), profile, clock.instant());
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), AccountActions.PROFILE_UPDATED,
                who.username(), null));
    }

    @Transactional(readOnly = true)
    public Map<UUID, StaffProfile> profiles(UUID organisationId, Collection<UUID> staffIds) {
        return profiles.profiles(organisationId, staffIds);
    }
}
