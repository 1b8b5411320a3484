package org.exitwork.cases;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A person's voluntary consent to take part (R1): when, how they were informed, which version of
 * the information text, and in which language (also the language of their documents).
 */
public record ParticipationConsent(LocalDate givenOn, InformedHow informedHow, UUID informationText,
        String language) {
}
