package org.exitwork.cases;

import java.util.UUID;

/**
 * Who carries the case with the practitioner taking it on (R2): a second practitioner, or, when the
 * case must run with one, the reason.
 */
public record Tandem(UUID secondPractitioner, String singlePractitionerReason) {

    public static Tandem with(UUID secondPractitioner) {
        return new Tandem(secondPractitioner, null);
    }

    public static Tandem alone(String reason) {
        return new Tandem(null, reason);
    }
}
