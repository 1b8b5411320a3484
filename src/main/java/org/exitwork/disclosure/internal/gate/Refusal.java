package org.exitwork.disclosure.internal.gate;

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
 */
public record Refusal(String code, String messageKey, OutboundPolicy.Refusal policy) {

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
