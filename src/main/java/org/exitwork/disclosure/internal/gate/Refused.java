package org.exitwork.disclosure.internal.gate;

import org.exitwork.disclosure.internal.Refusal;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * A way out refused a request before anything was stored; the refusal is audited already. Pages show
 * {@link #messageKey()} with {@link #messageArguments()} (the policy's reason in words, where it is the
 * policy's).
 */
public final class Refused extends RuntimeException {

    private final Refusal refusal;

    public Refused(Refusal refusal) {
        super(refusal.code(), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    public String messageKey() {
        return refusal.messageKey();
    }

    /** The policy's reason as the one argument of the message, or what the refusal names, or {@code null}. */
    public Object[] messageArguments() {
        if (refusal.byPolicy().isPresent()) {
            return new Object[] { new DefaultMessageSourceResolvable("outbound.refusal." + refusal.policy().name()) };
        }
        return refusal.arguments().isEmpty() ? null : refusal.arguments().toArray();
    }
}
