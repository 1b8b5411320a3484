package org.exitwork.consent.internal;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A consent may name only an active partner of the organisation that is not a security partner (R7, R9). */
@ResponseStatus(HttpStatus.BAD_REQUEST)
class PartnerNotAllowedException extends RuntimeException {
    PartnerNotAllowedException() {
        super("partner not allowed for a consent to share");
    }
}
