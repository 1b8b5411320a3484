package org.exitwork.accounts;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * What makes a tandem diverse (R2): gender, professional backgrounds and, if the staff member wants
 * to say, social background and languages (short free texts). Nothing private beyond that: no
 * address, no birth date (R14). A staff member who has recorded nothing has an {@link #empty} profile.
 */
public record StaffProfile(UUID staffId, Gender gender, Set<Background> backgrounds, String socialBackground,
        String languages) {

    public enum Gender {
        WOMAN, MAN, NON_BINARY, PREFER_NOT_TO_SAY
    }

    /** Professional backgrounds; a person may have several. */
    public enum Background {
        SOCIAL_WORK, PSYCHOTHERAPY, PSYCHOLOGY, EDUCATION, RELIGIOUS_MENTORING, CULT_EXIT, GANG_EXIT,
        LIVED_EXPERIENCE, OTHER
    }

    public StaffProfile {
        backgrounds = backgrounds == null || backgrounds.isEmpty() ? Set.of()
                : java.util.Collections.unmodifiableSet(EnumSet.copyOf((Collection<Background>) backgrounds));
        socialBackground = blankToNull(socialBackground);
        languages = blankToNull(languages);
    }

    public static StaffProfile empty(UUID staffId) {
        return new StaffProfile(staffId, null, Set.of(), null, null);
    }

    /** Nothing recorded at all. */
    public boolean isEmpty() {
        return gender == null && backgrounds.isEmpty() && socialBackground == null && languages == null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
