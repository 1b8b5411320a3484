package org.exitwork.cases.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the case work ({@code exitwork.cases.*}); the defaults are those of application.properties.
 *
 * @param breakGlassDuration how long a colleague who broke the glass with a recorded reason may read
 * @param prospectRetentionDays a prospect who does not join is erased this many days after the last contact
 * @param closedRetentionDays a closed case is erased this many days after closing
 * @param groupRetentionDays a group is erased this many days after its last session (or its creation)
 * @param appointmentRetentionDays a staff appointment is erased this many days after its end
 * @param erasureSchedule when the retention erasure runs (switched off in tests, which drive the clock)
 */
@ConfigurationProperties("exitwork.cases")
public record CasesProperties(@DefaultValue("8h") Duration breakGlassDuration,
        @DefaultValue("90") int prospectRetentionDays,
        @DefaultValue("365") int closedRetentionDays,
        @DefaultValue("365") int groupRetentionDays,
        @DefaultValue("30") int appointmentRetentionDays,
        @DefaultValue ErasureSchedule erasureSchedule) {

    /**
     * @param enabled whether this node runs the erasure on its own ({@code false} for commands and tests)
     * @param initialDelay the wait after start-up before the first run
     * @param interval the wait between the end of one run and the start of the next
     */
    public record ErasureSchedule(@DefaultValue("true") boolean enabled, @DefaultValue("PT1M") Duration initialDelay,
            @DefaultValue("PT1H") Duration interval) {
    }
}
