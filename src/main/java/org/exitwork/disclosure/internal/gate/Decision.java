package org.exitwork.disclosure.internal.gate;

import java.util.Optional;

import org.exitwork.disclosure.internal.Refusal;

/** The answer of a way out's decision: allowed, or refused with its {@link Refusal}. */
public record Decision(Optional<Refusal> refusal) {

    public static final Decision ALLOWED = new Decision(Optional.empty());

    public static Decision refused(Refusal why) {
        return new Decision(Optional.of(why));
    }

    public boolean allowed() {
        return refusal.isEmpty();
    }

    public boolean refused() {
        return refusal.isPresent();
    }

    /** This answer if it refuses, otherwise {@code next}: the first refusal wins. */
    public Decision orElse(Decision next) {
        return refused() ? this : next;
    }
}
