package org.exitwork.quality.internal.checkups;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code qua_checkup} (the dates check-ups were done) and {@code qua_checkup_due} (a date a manager set). */
@Repository
class CheckUpRepository {

    private final JdbcClient jdbc;

    CheckUpRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertDone(UUID org, UUID staffId, LocalDate doneOn, UUID recordedBy, Instant now) {
        jdbc.sql("INSERT INTO qua_checkup (id, org_id, staff_id, done_on, recorded_by, recorded_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), org, staffId, Date.valueOf(doneOn), recordedBy, Timestamp.from(now))
                .update();
    }

    void clearDue(UUID org, UUID staffId) {
        jdbc.sql("DELETE FROM qua_checkup_due WHERE staff_id = ? AND org_id = ?").params(staffId, org).update();
    }

    void setDue(UUID org, UUID staffId, LocalDate dueOn, UUID setBy, Instant now) {
        Timestamp at = Timestamp.from(now);
        int updated = jdbc.sql("UPDATE qua_checkup_due SET due_on = ?, set_by = ?, set_at = ? WHERE staff_id = ? "
                + "AND org_id = ?").params(Date.valueOf(dueOn), setBy, at, staffId, org).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO qua_checkup_due (staff_id, org_id, due_on, set_by, set_at) VALUES (?, ?, ?, ?, ?)")
                    .params(staffId, org, Date.valueOf(dueOn), setBy, at).update();
        }
    }

    /** The date of each staff member's last check-up done, for those who had one. */
    Map<UUID, LocalDate> lastDone(UUID org, Collection<UUID> staffIds) {
        Map<UUID, LocalDate> lastDone = new HashMap<>();
        jdbc.sql("SELECT staff_id, MAX(done_on) AS last_done FROM qua_checkup WHERE org_id = :org "
                + "AND staff_id IN (:ids) GROUP BY staff_id").param("org", org).param("ids", staffIds)
                .query(rs -> {
                    lastDone.put(rs.getObject("staff_id", UUID.class), rs.getObject("last_done", LocalDate.class));
                });
        return lastDone;
    }

    /** The due dates a manager set and no check-up has met yet. */
    Map<UUID, LocalDate> dueSet(UUID org, Collection<UUID> staffIds) {
        Map<UUID, LocalDate> due = new HashMap<>();
        jdbc.sql("SELECT staff_id, due_on FROM qua_checkup_due WHERE org_id = :org AND staff_id IN (:ids)")
                .param("org", org).param("ids", staffIds)
                .query(rs -> {
                    due.put(rs.getObject("staff_id", UUID.class), rs.getObject("due_on", LocalDate.class));
                });
        return due;
    }
}
