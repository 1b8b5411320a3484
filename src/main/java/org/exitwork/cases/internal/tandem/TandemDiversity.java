package org.exitwork.cases.internal.tandem;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.exitwork.accounts.StaffProfile.Gender;
import org.exitwork.accounts.StaffProfile;

/**
 * How the practitioners of a tandem differ (R2: ideally in gender, professional background and
 * social or language background). Only the comparison leaves this class, never a profile's values:
 * the case page says "different" or "the same", not who is what.
 */
public record TandemDiversity(int practitioners, Comparison gender, Comparison background, Comparison socialBackground,
        Comparison languages) {

    enum Comparison {
        DIFFERENT,
        SAME,
        /** Someone chose "prefer not to say": a decision to respect, not a gap to fill. */
        NOT_STATED,
        /** Someone has not filled in their profile yet. */
        NOT_RECORDED
    }

    public boolean onePractitioner() {
        return practitioners == 1;
    }

    /** @param profiles by staff id; a missing entry counts as nothing recorded */
    static TandemDiversity of(List<UUID> tandem, Map<UUID, StaffProfile> profiles) {
        List<StaffProfile> members = tandem.stream()
                .map(id -> profiles.getOrDefault(id, StaffProfile.empty(id)))
                .toList();
        return new TandemDiversity(members.size(),
                compare(members, StaffProfile::gender),
                compare(members, p -> p.backgrounds().isEmpty() ? null : p.backgrounds()),
                compare(members, p -> terms(p.socialBackground())),
                compare(members, p -> terms(p.languages())));
    }

    private static Comparison compare(List<StaffProfile> members, Function<StaffProfile, Object> attribute) {
        if (members.size() < 2) {
            return Comparison.NOT_RECORDED;
        }
        List<Object> values = members.stream().map(attribute).toList();
        if (values.stream().anyMatch(Objects::isNull)) {
            return Comparison.NOT_RECORDED;
        }
        if (values.contains(Gender.PREFER_NOT_TO_SAY)) {
            return Comparison.NOT_STATED;
        }
        return new HashSet<>(values).size() == 1 ? Comparison.SAME : Comparison.DIFFERENT;
    }

    /**
     * A free text as a set of terms, so that "Turkish, German" and "german; turkish" count as the
     * same; {@code null} when nothing was written.
     */
    static Set<String> terms(String text) {
        if (text == null) {
            return null;
        }
        Set<String> terms = Arrays.stream(text.split("[,;/\\n]+"))
                .map(term -> term.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT))
                .filter(term -> !term.isEmpty())
                .collect(Collectors.toSet());
        return terms.isEmpty() ? null : terms;
    }
}
