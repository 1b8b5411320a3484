package org.exitwork.cases.internal.retention;

import java.util.UUID;

import org.exitwork.platform.SetupTask;
import org.springframework.stereotype.Component;

/**
 * Set-up: a manager has reviewed the retention periods. Exitwork records no separate "reviewed"
 * mark; saving the retention page (even with the defaults unchanged) stores the organisation's own
 * periods, so the task is done once the organisation has its own value for every period (prospects,
 * closed cases, groups, appointments). An organisation that saved before groups and appointments
 * had periods of their own is asked again.
 */
@Component
class RetentionSetupTask implements SetupTask {

    private final RetentionRepository rows;

    RetentionSetupTask(RetentionRepository rows) {
        this.rows = rows;
    }

    @Override
    public String key() {
        return "retention";
    }

    @Override
    public String link() {
        return "/manage/retention";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public boolean isDone(UUID organisation) {
        return rows.everyPeriodSet(organisation);
    }
}
