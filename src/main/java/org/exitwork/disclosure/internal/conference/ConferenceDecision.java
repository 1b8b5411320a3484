package org.exitwork.disclosure.internal.conference;

import java.util.Optional;

import org.exitwork.consent.ConsentsToShare.ValidConsent;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.gate.Decision;
import org.exitwork.disclosure.internal.gate.OutboundGate;
import org.exitwork.disclosure.internal.Refusal;
import org.exitwork.network.Partner;

/**
 * Whether a partner may take part in a case conference and receive its minutes (R10): the gate lets
 * it (an active social service), and a consent valid today names it for case conferences. Asked when
 * the conference is planned and again, per participant, when the minutes are released. Pure: the
 * service looks up the partner and the consents and hands them in.
 */
final class ConferenceDecision {

    static final Refusal UNKNOWN_PARTNER = Refusal.of("UNKNOWN_PARTNER", "conferences.refused.unknown-partner");
    static final Refusal NO_VALID_CONSENT = Refusal.of("NO_VALID_CONSENT", "conferences.refused.no-valid-consent");
    /** The purpose or the attendees name the client: what goes out with the minutes uses the pseudonym. */
    static final Refusal NAMES_THE_CLIENT = Refusal.of("NAMES_THE_CLIENT", "conferences.refused.names-client");
    static final String POLICY = "conferences.refused.policy";

    private ConferenceDecision() {
    }

    /** Partners the form may offer: whom the gate lets take part. */
    static boolean mayTakePart(Partner partner) {
        return OutboundGate.toPartner(Channel.CONFERENCE_MINUTES, partner).isEmpty();
    }

    /**
     * A partner to be invited: {@code consent} is the client's consent valid today that names it for
     * case conferences, if there is one.
     */
    static Decision invitee(Optional<Partner> partner, Optional<ValidConsent> consent) {
        return participant(partner, consent.isPresent());
    }

    /** A planned participant when the minutes are released: is the consent it was planned under still valid? */
    static Decision participant(Optional<Partner> partner, boolean consentStillValid) {
        if (partner.isEmpty()) {
            return Decision.refused(UNKNOWN_PARTNER);
        }
        // A participant planned under an earlier, wider gate (a funder, say) is refused here too.
        Optional<Decision> byPolicy = OutboundGate.toPartner(Channel.CONFERENCE_MINUTES, partner.get())
                .map(p -> Decision.refused(Refusal.byPolicy(p, POLICY)));
        if (byPolicy.isPresent()) {
            return byPolicy.get();
        }
        return consentStillValid ? Decision.ALLOWED : Decision.refused(NO_VALID_CONSENT);
    }

    /** The texts that go out with the minutes: {@code namesTheClient} from {@code cases.IdentityMentions}. */
    static Decision text(boolean namesTheClient) {
        return namesTheClient ? Decision.refused(NAMES_THE_CLIENT) : Decision.ALLOWED;
    }
}
