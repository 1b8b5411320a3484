package org.exitwork.disclosure.internal;

import java.util.List;
import java.util.Optional;

import org.exitwork.network.OutboundPolicy;

/**
 * Why something may not go out.
 *
 * @param code       what the audit entry names as the reason, as an enum's name: the way out's own
 *                   ({@code NO_CONSENT}, {@code UNKNOWN_PARTNER}; words {@code audit.value.refusal.<CODE>}) or
 *                   the policy's reason by name (words {@code outbound.refusal.<NAME>}); never content
 * @param messageKey the text the page shows
 * @param policy     the outbound policy's reason when the refusal is the policy's (the recipient's kind,
 *                   a deactivated partner, no named contact); its words are {@code outbound.refusal.<NAME>}
 * @param arguments  what the message names, so a refusal says exactly what is missing and what to change
 *                   (strings, or {@code MessageSourceResolvable}s resolved in the reader's language)
 */
public record Refusal(String code, String messageKey, OutboundPolicy.Refusal policy, List<Object> arguments) {

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]*");

    public Refusal {
        // The code is audited and read back in the reader's language: a name, never words.
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("a refusal's code is an enum name: " + code);
        }
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
