package org.exitwork.cases.internal.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RetentionPeriods;
import org.exitwork.cases.internal.CasesProperties;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.platform.ForbiddenException;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final Clock clock;
    private final Periods defaults;

    RetentionPolicy(JdbcClient jdbc, CaseAccess access, Clock clock, CasesProperties settings) {
        this.jdbc = jdbc;
        this.access = access;
        this.clock = clock;
        this.defaults = new Periods(settings.prospectRetentionDays(), settings.closedRetentionDays(),
                settings.groupRetentionDays(), settings.appointmentRetentionDays());
    }

    public Periods of(UUID organisationId) {
        return jdbc.sql("SELECT prospect_days, closed_days, group_days, appointment_days FROM cas_retention "
                + "WHERE org_id = ?").param(organisationId)
                .query((rs, n) -> new Periods(rs.getInt(1), rs.getInt(2), orDefault(rs, 3, defaults.groupDays()),
                        orDefault(rs, 4, defaults.appointmentDays())))
                .optional().orElse(defaults);
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
        int updated = jdbc.sql("UPDATE cas_retention SET prospect_days = ?, closed_days = ?, group_days = ?, "
                + "appointment_days = ?, changed_by = ?, changed_at = ? WHERE org_id = ?")
                .params(periods.prospectDays(), periods.closedDays(), periods.groupDays(), periods.appointmentDays(),
                        manager.id(), Timestamp.from(clock.instant()), manager.organisationId())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO cas_retention (org_id, prospect_days, closed_days, group_days, appointment_days, "
                    + "changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(manager.organisationId(), periods.prospectDays(), periods.closedDays(), periods.groupDays(),
                            periods.appointmentDays(), manager.id(), Timestamp.from(clock.instant()))
                    .update();
        }
        access.recordOrganisation(manager, RetentionActions.RETENTION_CHANGED,
                "prospects " + periods.prospectDays() + " days, closed cases " + periods.closedDays() + " days, groups "
                        + periods.groupDays() + " days, appointments " + periods.appointmentDays() + " days");
    }

    private static int orDefault(java.sql.ResultSet rs, int column, int fallback) throws java.sql.SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? fallback : value;
    }
}
