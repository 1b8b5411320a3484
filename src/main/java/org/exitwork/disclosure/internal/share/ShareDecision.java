package org.exitwork.disclosure.internal.share;

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
import org.exitwork.network.Partner;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Whether a share may go out (R9), never trusting the form: the partner must be the organisation's,
 * the gate must let it receive a share (an active social service: R7, R16, R17), a consent valid
 * today must name that partner and every kind shared, and no text but the contact details may name
 * the client. The first reason that refuses is the answer. Pure: the service gathers the facts.
 */
final class ShareDecision {

    /** Why the share is refused beyond the gate's policy; each has its message {@code shares.refused.<code>}. */
    enum Reason {
        UNKNOWN_PARTNER, NO_CONSENT, CONSENT_NOT_VALID, KINDS_NOT_COVERED, NAMES_THE_CLIENT;

        Refusal refusal() {
            return Refusal.of(name(), "shares.refused." + name());
        }
    }

    static final String POLICY = "shares.refused.policy";

    /** What the tandem asks for. */
    record Request(UUID partnerId, UUID consentId, Set<DataKind> kinds) {
    }

    /**
     * What the service found: the partner (empty if not the organisation's), the client's consents valid
     * today, whether {@code ConsentsToShare.covers} confirms the consent for partner and kinds, and
     * whether a text other than the contact details names the client.
     */
    record Facts(Optional<Partner> partner, List<ValidConsent> validToday, boolean covered, boolean namesTheClient) {
    }

    private ShareDecision() {
    }

    /** Partners that may ever receive a share: whom the gate allows (an active social service). */
    static boolean receivesShares(Partner partner) {
        return OutboundGate.toPartner(Channel.SHARE, partner).isEmpty();
    }

    static Decision decide(Request request, Facts facts) {
        if (facts.partner().isEmpty()) {
            return refused(Reason.UNKNOWN_PARTNER);
        }
        Optional<Decision> byPolicy = OutboundGate.toPartner(Channel.SHARE, facts.partner().get())
                .map(p -> Decision.refused(Refusal.byPolicy(p, POLICY)));
        if (byPolicy.isPresent()) {
            return byPolicy.get();
        }
        Optional<ValidConsent> consent = facts.validToday().stream().filter(c -> c.id().equals(request.consentId()))
                .findFirst();
        if (consent.isEmpty()) {
            boolean partnerHasOne = facts.validToday().stream().anyMatch(c -> c.partnerId().equals(request.partnerId()));
            return refused(partnerHasOne ? Reason.CONSENT_NOT_VALID : Reason.NO_CONSENT);
        }
        if (!consent.get().partnerId().equals(request.partnerId())) {
            return refused(Reason.NO_CONSENT);
        }
        if (!consent.get().kinds().containsAll(request.kinds())) {
            return Decision.refused(notCovered(facts.partner().get().name(), consent.get().kinds(), request.kinds()));
        }
        if (!facts.covered()) {
            return refused(Reason.NO_CONSENT);
        }
        // Everything written for a partner uses the pseudonym (R9); contact details are the one kind
        // whose very content identifies, and the client consented to exactly that.
        return facts.namesTheClient() ? refused(Reason.NAMES_THE_CLIENT) : Decision.ALLOWED;
    }

    /**
     * Names what the consent covers and what it does not, so the tandem knows what to change: a new
     * consent for the missing kinds, or a share without them.
     */
    static Refusal notCovered(String partnerName, Set<DataKind> consented, Set<DataKind> asked) {
        List<DataKind> covered = DataKind.shareable().stream().filter(consented::contains).toList();
        List<DataKind> missing = DataKind.shareable().stream().filter(k -> asked.contains(k) && !consented.contains(k))
                .toList();
        String key = "shares.refused." + Reason.KINDS_NOT_COVERED.name();
        return covered.isEmpty()
                ? Refusal.of(Reason.KINDS_NOT_COVERED.name(), key + ".none", List.of(partnerName, words(missing)))
                : Refusal.of(Reason.KINDS_NOT_COVERED.name(), key, List.of(partnerName, words(covered), words(missing)));
    }

    /** Kinds in words, joined as the language joins a list ("A, B and C"). */
    static MessageSourceResolvable words(List<DataKind> kinds) {
        Object[] names = kinds.stream().map(k -> new DefaultMessageSourceResolvable("shares.kind.in-text." + k.name()))
                .toArray();
        return new DefaultMessageSourceResolvable(new String[] { "shares.list." + kinds.size() }, names);
    }

    private static Decision refused(Reason reason) {
        return Decision.refused(reason.refusal());
    }
}
