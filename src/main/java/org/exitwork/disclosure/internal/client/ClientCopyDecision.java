package org.exitwork.disclosure.internal.client;

import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.gate.Decision;
import org.exitwork.disclosure.internal.gate.OutboundGate;
import org.exitwork.disclosure.internal.Refusal;

/**
 * Whether the client's own record (report, export, work agreement) may be handed out (R19): it goes
 * to the client only, as their own record (the gate's policy), and only the tandem hands it out; a
 * colleague who broke the glass may read the case but not hand it out. Pure. A refusal is a 403, so
 * it has no text of its own.
 */
final class ClientCopyDecision {

    static final Refusal NOT_IN_TANDEM = Refusal.of("NOT_IN_TANDEM", null);

    private ClientCopyDecision() {
    }

    static Decision handOut(boolean inTandem) {
        Decision policy = OutboundGate.toTheClient(Channel.TO_CLIENT, true)
                .map(p -> Decision.refused(Refusal.byPolicy(p, null))).orElse(Decision.ALLOWED);
        return policy.orElse(inTandem ? Decision.ALLOWED : Decision.refused(NOT_IN_TANDEM));
    }
}
