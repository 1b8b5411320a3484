package org.exitwork.disclosure.internal.gate;

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

    /** {@code null}, or the policy's reason as the one argument of the message. */
    public Object[] messageArguments() {
        return refusal.byPolicy().map(p -> new Object[] {
                new DefaultMessageSourceResolvable("outbound.refusal." + p.name())}).orElse(null);
    }
}
