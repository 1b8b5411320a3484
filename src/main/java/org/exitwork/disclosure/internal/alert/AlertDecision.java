package org.exitwork.disclosure.internal.alert;

import java.util.Optional;

import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.gate.Decision;
import org.exitwork.disclosure.internal.gate.OutboundGate;
import org.exitwork.disclosure.internal.Refusal;
import org.exitwork.network.Partner;

/**
 * Whether a danger alert may go out (R8): only to a contact person registered with an active
 * security partner, asked when the alert is raised and again when it is approved. Pure: the service
 * looks up the partner, its contacts and the identity and hands the facts in.
 */
final class AlertDecision {

    static final Refusal UNKNOWN_PARTNER = Refusal.of("UNKNOWN_PARTNER", "dangeralerts.refused.unknown-partner");
    static final Refusal NO_IDENTITY = Refusal.of("IDENTITY_UNAVAILABLE", "dangeralerts.refused.no-identity");
    static final String POLICY = "dangeralerts.refused.policy";
    static final String RECIPIENT_CHANGED = "dangeralerts.refused.recipient-changed";

    private AlertDecision() {
    }

    /** Partners the form offers: those whose named contacts the gate lets receive an alert. */
    static boolean mayReceiveAlerts(Partner partner) {
        return OutboundGate.toNamedContact(Channel.DANGER_ALERT, partner).isEmpty();
    }

    /**
     * When the alert is raised. {@code namedContact}: the contact chosen is registered with the partner;
     * anyone else means the body as such, which the policy refuses.
     */
    static Decision recipient(Optional<Partner> partner, boolean namedContact) {
        if (partner.isEmpty()) {
            return Decision.refused(UNKNOWN_PARTNER);
        }
        return policy(partner.get(), namedContact).map(p -> Decision.refused(Refusal.byPolicy(p, POLICY)))
                .orElse(Decision.ALLOWED);
    }

    /** Identity fields were ticked: they go out only if the identity can be read. */
    static Decision identity(boolean fieldsChosen, boolean identityFound) {
        return fieldsChosen && !identityFound ? Decision.refused(NO_IDENTITY) : Decision.ALLOWED;
    }

    /**
     * When the second staff member approves: the recipient was chosen when the alert was raised; by now
     * the partner may no longer be an active security partner, or the contact person may have left
     * ({@code contactStays} false). The code names the policy's reason or {@code UNKNOWN_PARTNER}.
     */
    static Decision approval(Optional<Partner> partner, boolean contactStays) {
        if (partner.isEmpty()) {
            return Decision.refused(Refusal.of("UNKNOWN_PARTNER", RECIPIENT_CHANGED));
        }
        return policy(partner.get(), contactStays)
                .map(p -> Decision.refused(Refusal.byPolicy(p, RECIPIENT_CHANGED))).orElse(Decision.ALLOWED);
    }

    private static Optional<org.exitwork.network.OutboundPolicy.Refusal> policy(Partner partner, boolean namedContact) {
        return namedContact ? OutboundGate.toNamedContact(Channel.DANGER_ALERT, partner)
                : OutboundGate.toPartner(Channel.DANGER_ALERT, partner);
    }
}
