package org.exitwork.cases.internal.retention;

import java.time.Clock;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RetentionPeriods;
import org.exitwork.cases.internal.CasesProperties;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.platform.ForbiddenException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How long an organisation keeps what it must not keep for ever (R20): a prospect who does not join
 * (counted from the last contact), a closed case (from the closing date), a group (from its last
 * session, or its creation if it never met) and a staff appointment (from its end). Each
 * organisation sets its own periods; the installation's defaults apply until it does, and for the
 * group and appointment periods also to an organisation that set the others before those existed.
 */
@Component
public class RetentionPolicy implements RetentionPeriods {

    public record Periods(int prospectDays, int closedDays, int groupDays, int appointmentDays) {
        public static final int MIN_DAYS = 1;
        public static final int MAX_DAYS = 3650;
    }

    private final RetentionRepository rows;
    private final CaseAccess access;
    private final Clock clock;
    private final Periods defaults;

    RetentionPolicy(RetentionRepository rows, CaseAccess access, Clock clock, CasesProperties settings) {
        this.rows = rows;
        this.access = access;
        this.clock = clock;
        this.defaults = new Periods(settings.prospectRetentionDays(), settings.closedRetentionDays(),
                settings.groupRetentionDays(), settings.appointmentRetentionDays());
    }

    public Periods of(UUID organisationId) {
        return rows.periods(organisationId, defaults).orElse(defaults);
    }

    @Override
    public int appointmentDays(UUID organisationId) {
        return of(organisationId).appointmentDays();
    }

    @Transactional
    public void change(StaffPrincipal manager, Periods periods) {
        if (!manager.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
        rows.save(manager.organisationId(), periods, manager.id(), clock.instant());
        access.recordOrganisation(manager, RetentionActions.RETENTION_CHANGED,
                AuditDetail.of("retention.periods", periods.prospectDays(), periods.closedDays(), periods.groupDays(),
                        periods.appointmentDays()));
    }
}
