package org.exitwork.cases;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/** The manager's discussion of the risks to staff before a client is taken on (R2, R14). */
public record SafetyDiscussion(LocalDate heldOn, String risksConsidered, Set<UUID> participants) {

    public SafetyDiscussion {
        participants = Set.copyOf(participants);
    }
}
