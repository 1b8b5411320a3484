package org.exitwork.cases.internal.retention;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.cases.internal.retention.RetentionPolicy.Periods;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code cas_retention}: an organisation's own retention periods, if it set any. */
@Repository
class RetentionRepository {

    private final JdbcClient jdbc;

    RetentionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The organisation's periods; a column set before its kind existed falls back to {@code defaults}. */
    Optional<Periods> periods(UUID organisationId, Periods defaults) {
        return jdbc.sql("SELECT prospect_days, closed_days, group_days, appointment_days FROM cas_retention "
                + "WHERE org_id = ?").param(organisationId)
                .query((rs, n) -> new Periods(rs.getInt(1), rs.getInt(2), orDefault(rs, 3, defaults.groupDays()),
                        orDefault(rs, 4, defaults.appointmentDays())))
                .optional();
    }

    /** The organisation saved its own value for every period (the defaults do not count). */
    boolean everyPeriodSet(UUID organisationId) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_retention WHERE org_id = ? AND prospect_days IS NOT NULL "
                + "AND closed_days IS NOT NULL AND group_days IS NOT NULL AND appointment_days IS NOT NULL")
                .param(organisationId).query(Integer.class).single() > 0;
    }

    void save(UUID organisationId, Periods periods, UUID changedBy, Instant changedAt) {
        int updated = jdbc.sql("UPDATE cas_retention SET prospect_days = ?, closed_days = ?, group_days = ?, "
                + "appointment_days = ?, changed_by = ?, changed_at = ? WHERE org_id = ?")
                .params(periods.prospectDays(), periods.closedDays(), periods.groupDays(), periods.appointmentDays(),
                        changedBy, Timestamp.from(changedAt), organisationId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO cas_retention (org_id, prospect_days, closed_days, group_days, appointment_days, "
                    + "changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(organisationId, periods.prospectDays(), periods.closedDays(), periods.groupDays(),
                            periods.appointmentDays(), changedBy, Timestamp.from(changedAt))
                    .update();
        }
    }

    private static int orDefault(ResultSet rs, int column, int fallback) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? fallback : value;
    }
}
