package org.exitwork.accounts.internal.profiles;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffProfile;
import org.exitwork.platform.SetupTask;
import org.springframework.stereotype.Component;

/**
 * Set-up: every active practitioner has said what a tandem's diversity is judged by, their gender
 * (which may be "prefer not to say") and at least one professional background. Not done while the
 * organisation has no practitioner at all: there is no tandem to form yet.
 */
@Component
class ProfilesSetupTask implements SetupTask {

    private final StaffDirectory staff;
    private final StaffProfiles profiles;

    ProfilesSetupTask(StaffDirectory staff, StaffProfiles profiles) {
        this.staff = staff;
        this.profiles = profiles;
    }

    @Override
    public String key() {
        return "profiles";
    }

    @Override
    public String link() {
        return "/profile";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public boolean isDone(UUID organisation) {
        List<UUID> practitioners = staff.practitioners(organisation).stream().map(StaffMember::id).toList();
        if (practitioners.isEmpty()) {
            return false;
        }
        Map<UUID, StaffProfile> byId = profiles.profiles(organisation, practitioners);
        return practitioners.stream().map(byId::get)
                .allMatch(p -> p != null && p.gender() != null && !p.backgrounds().isEmpty());
    }
}
