package org.exitwork.disclosure.internal.servicerequest;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.consent.ConsentsToShare.ValidConsent;
import org.exitwork.consent.DataKind;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.gate.Decision;
import org.exitwork.disclosure.internal.gate.OutboundGate;
import org.exitwork.disclosure.internal.Refusal;
import org.exitwork.network.Need;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerServices.ServiceOffer;

/**
 * Whether a service request may go out (R9, R11), never trusting the form: the partner must be the
 * organisation's, the gate must let it receive a service request (an active social service), it must
 * list a service for the need, a consent valid today must name that partner, the purpose "service
 * request" and every kind of data sent, and no text but the contact details may name the client.
 * The first reason that refuses is the answer. Pure: the service gathers the facts.
 */
final class RequestDecision {

    /** Why the request is refused beyond the gate's policy; each has its message {@code servicerequests.refused.<code>}. */
    enum Reason {
        UNKNOWN_PARTNER, NEED_NOT_OFFERED, NO_CONSENT, NOT_FOR_SERVICE_REQUESTS, KINDS_NOT_COVERED, NAMES_THE_CLIENT;

        Refusal refusal() {
            return Refusal.of(name(), "servicerequests.refused." + name());
        }
    }

    static final String POLICY = "servicerequests.refused.policy";

    record Request(UUID partnerId, UUID consentId, Need need, Set<DataKind> kinds) {
    }

    /**
     * What the service found: the partner (empty if not the organisation's), its services (empty if it
     * lists none), the client's consents valid today, whether {@code ConsentsToShare.covers} confirms the
     * consent for partner, purpose and kinds, and whether a text other than the contact details names
     * the client.
     */
    record Facts(Optional<Partner> partner, Optional<ServiceOffer> offer, List<ValidConsent> validToday,
            boolean covered, boolean namesTheClient) {
    }

    private RequestDecision() {
    }

    /** Partners that may ever receive a service request: whom the gate allows (an active social service). */
    static boolean receivesRequests(Partner partner) {
        return OutboundGate.toPartner(Channel.SERVICE_REQUEST, partner).isEmpty();
    }

    /** The consent kinds a request needs: the purpose and the data sent. */
    static Set<DataKind> needed(Set<DataKind> data) {
        Set<DataKind> all = EnumSet.of(DataKind.SERVICE_REQUEST);
        all.addAll(data);
        return all;
    }

    static Decision decide(Request request, Facts facts) {
        if (facts.partner().isEmpty()) {
            return refused(Reason.UNKNOWN_PARTNER);
        }
        Optional<Decision> byPolicy = OutboundGate.toPartner(Channel.SERVICE_REQUEST, facts.partner().get())
                .map(p -> Decision.refused(Refusal.byPolicy(p, POLICY)));
        if (byPolicy.isPresent()) {
            return byPolicy.get();
        }
        if (facts.offer().isEmpty() || !facts.offer().get().needs().contains(request.need())) {
            return refused(Reason.NEED_NOT_OFFERED);
        }
        Optional<ValidConsent> consent = facts.validToday().stream()
                .filter(c -> c.id().equals(request.consentId()) && c.partnerId().equals(request.partnerId()))
                .findFirst();
        if (consent.isEmpty()) {
            return refused(Reason.NO_CONSENT);
        }
        if (!consent.get().kinds().contains(DataKind.SERVICE_REQUEST)) {
            return refused(Reason.NOT_FOR_SERVICE_REQUESTS);
        }
        if (!consent.get().kinds().containsAll(request.kinds())) {
            return refused(Reason.KINDS_NOT_COVERED);
        }
        if (!facts.covered()) {
            return refused(Reason.NO_CONSENT);
        }
        return facts.namesTheClient() ? refused(Reason.NAMES_THE_CLIENT) : Decision.ALLOWED;
    }

    private static Decision refused(Reason reason) {
        return Decision.refused(reason.refusal());
    }
}
