package org.exitwork.cases;

import java.util.UUID;

/**
 * The organisation's retention periods (R20) for what other modules keep; set by its managers at
 * {@code /manage/retention}, the installation's defaults until they do.
 */
@org.springframework.modulith.NamedInterface("erasure")
public interface RetentionPeriods {

    /** Days after an appointment's end (or the check-out, if later) before it is erased. */
    int appointmentDays(UUID organisationId);
}
