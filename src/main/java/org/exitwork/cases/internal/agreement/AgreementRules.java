package org.exitwork.cases.internal.agreement;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.exitwork.cases.internal.agreement.WorkAgreements.AimedChange;
import org.exitwork.cases.internal.agreement.WorkAgreements.NewRating;
import org.exitwork.cases.internal.agreement.WorkAgreements.NewVersion;
import org.exitwork.cases.internal.agreement.WorkAgreements.Refused;
import org.exitwork.cases.internal.agreement.WorkAgreements.Version;

/**
 * What the work agreement accepts (R3), decided from the input and the facts the caller read: no
 * database, no clock, no Spring, so each refusal can be driven on its own. Each check throws
 * {@link Refused} with the field and the message key the form shows.
 */
final class AgreementRules {

    private AgreementRules() {
    }

    /**
     * A new version must be based on the newest one, in a language of the application, with an
     * objective, next steps and at least one aimed-for change; a carried-on change must be one of
     * this agreement's threads, once. @return the changes that are not blank
     */
    static List<AimedChange> newVersion(NewVersion input, int latest, Set<UUID> knownThreads) {
        if (input.basedOn() != latest) {
            throw new Refused(null, "agreement.problem.newer-version");
        }
        if (!WorkAgreements.LANGUAGES.contains(input.language())) {
            throw new Refused("language", "agreement.language.invalid");
        }
        if (isBlank(input.objective())) {
            throw new Refused("objective", "agreement.objective.required");
        }
        if (isBlank(input.nextSteps())) {
            throw new Refused("nextSteps", "agreement.next-steps.required");
        }
        List<AimedChange> changes = input.changes().stream().filter(c -> !isBlank(c.wording())).toList();
        if (changes.isEmpty()) {
            throw new Refused("changes", "agreement.changes.required");
        }
        Set<UUID> seen = new HashSet<>();
        for (AimedChange change : changes) {
            if (change.thread() != null && (!knownThreads.contains(change.thread()) || !seen.add(change.thread()))) {
                throw new Refused("changes", "agreement.changes.unknown");
            }
        }
        return changes;
    }

    /**
     * The client agrees to a version once, never to one older than the newest agreed, on a day
     * between its writing and today; "other" ways need a note.
     */
    static void clientAgreement(int number, int newestAgreed, LocalDate agreedOn, AgreedHow how, String note,
            LocalDate writtenOn, LocalDate today) {
        if (newestAgreed == number) {
            throw new Refused(null, "agreement.problem.already-agreed");
        }
        if (newestAgreed > number) {
            throw new Refused(null, "agreement.problem.superseded");
        }
        if (agreedOn == null || how == null) {
            throw new Refused(agreedOn == null ? "agreedOn" : "how", "agreement.client-agreement.required");
        }
        if (agreedOn.isAfter(today)) {
            throw new Refused("agreedOn", "agreement.agreed-on.future");
        }
        if (agreedOn.isBefore(writtenOn)) {
            throw new Refused("agreedOn", "agreement.agreed-on.before-writing");
        }
        if (how == AgreedHow.OTHER && isBlank(note)) {
            throw new Refused("note", "agreement.note.required");
        }
    }

    /**
     * Ratings need a current agreement and a day not in the future; each rates a change of the
     * current version once, 1 to 5, and not twice on the same day.
     */
    static void ratings(Version current, LocalDate ratedOn, List<NewRating> ratings, LocalDate today,
            Predicate<UUID> ratedThatDay) {
        if (current == null) {
            throw new Refused(null, "rating.problem.no-agreement");
        }
        if (ratedOn == null) {
            throw new Refused("ratedOn", "rating.rated-on.required");
        }
        if (ratedOn.isAfter(today)) {
            throw new Refused("ratedOn", "rating.rated-on.future");
        }
        if (ratings.isEmpty()) {
            throw new Refused("entries", "rating.entries.required");
        }
        Set<UUID> threads = new HashSet<>(current.changes().stream().map(AimedChange::thread).toList());
        Set<UUID> seen = new HashSet<>();
        for (NewRating rating : ratings) {
            if (rating.thread() == null || !threads.contains(rating.thread()) || !seen.add(rating.thread())) {
                throw new Refused("entries", "rating.entries.unknown");
            }
            if (rating.score() < 1 || rating.score() > 5) {
                throw new Refused("entries", "rating.score.range");
            }
            if (ratedThatDay.test(rating.thread())) {
                throw new Refused("ratedOn", "rating.rated-on.taken");
            }
        }
    }

    /** A text the client need not give: {@code null} when blank, else without surrounding space. */
    static String optional(String text) {
        return isBlank(text) ? null : text.strip();
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
