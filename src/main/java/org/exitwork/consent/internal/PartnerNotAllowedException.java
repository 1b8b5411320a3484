package org.exitwork.consent.internal;

import java.util.Optional;

import org.exitwork.network.OutboundPolicy.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A consent may name only a partner of the organisation that the outbound policy lets receive what
 * the consent names (R7, R9, R10, R16, R17). {@code refusal} is the policy's reason, empty for a
 * partner that is not the organisation's at all.
 */
@ResponseStatus(HttpStatus.BAD_REQUEST)
class PartnerNotAllowedException extends RuntimeException {

    final Optional<Refusal> refusal;

    PartnerNotAllowedException(Refusal refusal) {
        super("partner not allowed for a consent to share");
        this.refusal = Optional.ofNullable(refusal);
    }
}
