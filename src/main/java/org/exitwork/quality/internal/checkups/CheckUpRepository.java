package org.exitwork.quality.internal.checkups;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** One staff member's check-ups done, newest first. */
    List<CheckUpRecord> done(UUID org, UUID staffId) {
        return jdbc.sql("SELECT id, done_on, version FROM qua_checkup WHERE org_id = ? AND staff_id = ? "
                + "ORDER BY done_on DESC, recorded_at DESC").params(org, staffId)
                .query((rs, n) -> new CheckUpRecord(rs.getObject("id", UUID.class),
                        rs.getObject("done_on", LocalDate.class), rs.getInt("version")))
                .list();
    }

    /** One check-up of one staff member; {@code lock} locks its row for a correction. */
    Optional<CheckUpRecord> find(UUID org, UUID staffId, UUID id, boolean lock) {
        return jdbc.sql("SELECT id, done_on, version FROM qua_checkup WHERE org_id = ? AND staff_id = ? AND id = ?"
                + (lock ? " FOR UPDATE" : "")).params(org, staffId, id)
                .query((rs, n) -> new CheckUpRecord(rs.getObject("id", UUID.class),
                        rs.getObject("done_on", LocalDate.class), rs.getInt("version")))
                .optional();
    }

    /** Keeps the date as it is now as an earlier version, then corrects it. */
    void correct(CheckUpRecord current, LocalDate doneOn, UUID by, Instant now) {
        jdbc.sql("INSERT INTO qua_checkup_version (id, checkup_id, version, done_on, replaced_by, replaced_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), current.id(), current.version(), Date.valueOf(current.doneOn()), by,
                        Timestamp.from(now))
                .update();
        jdbc.sql("UPDATE qua_checkup SET done_on = ?, version = version + 1 WHERE id = ?")
                .params(Date.valueOf(doneOn), current.id()).update();
    }

    /** An earlier date: as it was before {@code replacedBy} corrected it at {@code replacedAt}. */
    record VersionRow(int version, LocalDate doneOn, UUID replacedBy, Instant replacedAt) {
    }

    List<VersionRow> versions(UUID checkUpId) {
        return jdbc.sql("SELECT version, done_on, replaced_by, replaced_at FROM qua_checkup_version "
                + "WHERE checkup_id = ? ORDER BY version DESC").param(checkUpId)
                .query((rs, n) -> new VersionRow(rs.getInt("version"), rs.getObject("done_on", LocalDate.class),
                        rs.getObject("replaced_by", UUID.class), rs.getTimestamp("replaced_at").toInstant()))
                .list();
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
