package org.exitwork.disclosure.internal.gate;

import java.util.List;
import java.util.Optional;

import org.exitwork.network.OutboundPolicy;

/**
 * Why something may not go out.
 *
 * @param code       what the audit entry names as the reason (for example {@code NO_CONSENT},
 *                   {@code unknown-partner}, or the policy's reason by name); never content
 * @param messageKey the text the page shows
 * @param policy     the outbound policy's reason when the refusal is the policy's (the recipient's kind,
 *                   a deactivated partner, no named contact); its words are {@code outbound.refusal.<NAME>}
 * @param arguments  what the message names, so a refusal says exactly what is missing and what to change
 *                   (strings, or {@code MessageSourceResolvable}s resolved in the reader's language)
 */
public record Refusal(String code, String messageKey, OutboundPolicy.Refusal policy, List<Object> arguments) {

    public Refusal {
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }

    public Refusal(String code, String messageKey, OutboundPolicy.Refusal policy) {
        this(code, messageKey, policy, List.of());
    }

    /** A reason of the way out itself whose message names what is missing. */
    public static Refusal of(String code, String messageKey, List<Object> arguments) {
        return new Refusal(code, messageKey, null, arguments);
    }

    /** A reason of the way out itself (consent, content, state), not of the policy. */
    public static Refusal of(String code, String messageKey) {
        return new Refusal(code, messageKey, null);
    }

    /** The policy's reason, audited by its name, shown as {@code messageKey} with the policy's words. */
    public static Refusal byPolicy(OutboundPolicy.Refusal policy, String messageKey) {
        return new Refusal(policy.name(), messageKey, policy);
    }

    public Optional<OutboundPolicy.Refusal> byPolicy() {
        return Optional.ofNullable(policy);
    }
}
