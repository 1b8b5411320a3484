package org.exitwork.accounts.internal.profiles;

import java.util.UUID;

import org.exitwork.platform.SetupTask;
import org.springframework.stereotype.Component;

/**
 * Set-up: every active practitioner has said what a tandem's diversity is judged by, their gender
 * (which may be "prefer not to say") and at least one professional background. Not done while the
 * organisation has no practitioner at all: there is no tandem to form yet.
 */
@Component
class ProfilesSetupTask implements SetupTask {

    private final StaffProfileRepository profiles;

    ProfilesSetupTask(StaffProfileRepository profiles) {
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
        return profiles.everyPractitionerDescribed(organisation);
    }
}
