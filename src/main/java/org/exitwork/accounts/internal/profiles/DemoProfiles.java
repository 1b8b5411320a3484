package org.exitwork.accounts.internal.profiles;

import java.util.Set;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.StaffProfile;
import org.exitwork.accounts.StaffProfile.Background;
import org.exitwork.accounts.StaffProfile.Gender;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Demo: each practitioner and manager fills in their own profile, so tandems show their diversity. */
@Component
@Profile(DemoContent.PROFILE)
class DemoProfiles implements DemoContent {

    private final StaffProfiles profiles;

    DemoProfiles(StaffProfiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void fill(DemoContext demo) {
        fill(demo, "anna", Gender.WOMAN, Set.of(Background.SOCIAL_WORK, Background.EDUCATION),
                "grew up in a small town in Saxony", "German, English");
        fill(demo, "jonas", Gender.MAN, Set.of(Background.PSYCHOTHERAPY), "Nigerian-German family, Hamburg",
                "German, English, Yoruba");
        fill(demo, "mira", Gender.NON_BINARY, Set.of(Background.RELIGIOUS_MENTORING, Background.CULT_EXIT),
                null, "German, Turkish");
        fill(demo, "lena", Gender.WOMAN, Set.of(Background.SOCIAL_WORK, Background.GANG_EXIT), null, "German, Polish");
        fill(demo, "tom", Gender.MAN, Set.of(Background.PSYCHOLOGY, Background.LIVED_EXPERIENCE), null, "German");
    }

    private void fill(DemoContext demo, String username, Gender gender, Set<Background> backgrounds, String social,
            String languages) {
        StaffPrincipal who = demo.get("staff." + username, StaffPrincipal.class);
        profiles.update(who, new StaffProfile(who.id(), gender, backgrounds, social, languages));
    }
}
